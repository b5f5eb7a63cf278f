package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Storage access shared by the contracts (through a {@link SystemCall}) and the node's read-only views (through a
 * state snapshot): words, and strings in Solidity's layout (short strings packed with {@code 2·length} in the
 * last byte; long ones as {@code 2·length+1} with the bytes from {@code keccak256(slot)} on).
 */
public interface Slots {
  UInt256 load(Address account, UInt256 slot) throws SystemCall.Halt;

  /** Read-only views get an implementation that throws: they never write. */
  void store(Address account, UInt256 slot, UInt256 value) throws SystemCall.Halt;

  default String loadString(Address account, UInt256 slot) throws SystemCall.Halt {
    byte[] head = load(account, slot).toArray();
    if ((head[31] & 1) == 0) {
      int length = (head[31] & 0xff) / 2;
      return new String(head, 0, Math.min(length, 31), StandardCharsets.UTF_8);
    }
    long length = (UInt256.fromBytes(head).toBigInteger().longValue() - 1) / 2;
    if (length < 0 || length > Metadata.STORED_STRING_BYTES_MAX) {
      return "";
    }
    byte[] out = new byte[(int) length];
    for (int i = 0; i * 32 < length; i++) {
      byte[] w = load(account, Layout.dataSlot(slot, i)).toArray();
      System.arraycopy(w, 0, out, i * 32, (int) Math.min(32, length - i * 32L));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Writes {@code value}, clearing the words of a longer value stored there before. */
  default void storeString(Address account, UInt256 slot, String value) throws SystemCall.Halt {
    byte[] old = load(account, slot).toArray();
    long oldWords = (old[31] & 1) == 1 ? (UInt256.fromBytes(old).toBigInteger().longValue() - 1) / 2 : 0;
    oldWords = (oldWords + 31) / 32;
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    long newWords = 0;
    if (bytes.length < 32) {
      byte[] head = Arrays.copyOf(bytes, 32);
      head[31] = (byte) (bytes.length * 2);
      store(account, slot, UInt256.fromBytes(head));
    } else {
      store(account, slot, UInt256.valueOf(bytes.length * 2L + 1));
      newWords = (bytes.length + 31) / 32;
      for (int i = 0; i < newWords; i++) {
        byte[] w = Arrays.copyOfRange(bytes, i * 32, i * 32 + 32);
        store(account, Layout.dataSlot(slot, i), UInt256.fromBytes(w));
      }
    }
    for (long i = newWords; i < oldWords; i++) {
      store(account, Layout.dataSlot(slot, i), UInt256.ZERO);
    }
  }
}
