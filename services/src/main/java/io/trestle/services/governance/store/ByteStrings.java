package io.trestle.services.governance.store;

import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;

/** Byte strings in storage: the length at {@code slot}, then 32-byte words at {@code slot + 1 …}. */
public final class ByteStrings {
  private ByteStrings() {}

  public static void write(Storage s, UInt256 slot, Bytes value) throws SystemCall.Halt {
    byte[] b = value.unsafeArray();
    s.store(slot, Slots.word(b.length));
    for (int i = 0; i * 32 < b.length; i++) {
      byte[] w = new byte[32];
      System.arraycopy(b, i * 32, w, 0, Math.min(32, b.length - i * 32));
      s.store(offset(slot, i + 1), UInt256.fromBytes(w));
    }
  }

  /** Reads a string written by {@link #write}; refuses lengths above {@code bytesMax} as a broken invariant. */
  public static Bytes read(StorageReader s, UInt256 slot, int bytesMax) throws SystemCall.Halt {
    long n = Slots.asLong(s.load(slot));
    if (n > bytesMax) {
      throw new IllegalStateException("stored string of " + n + " bytes exceeds " + bytesMax);
    }
    byte[] out = new byte[(int) n];
    for (int i = 0; i * 32 < n; i++) {
      byte[] w = s.load(offset(slot, i + 1)).toArray();
      System.arraycopy(w, 0, out, i * 32, (int) Math.min(32, n - i * 32L));
    }
    return Bytes.wrap(out);
  }

  private static UInt256 offset(UInt256 slot, int i) {
    return UInt256.fromBigInteger(slot.toBigInteger().add(java.math.BigInteger.valueOf(i))
        .mod(java.math.BigInteger.ONE.shiftLeft(256)));
  }
}
