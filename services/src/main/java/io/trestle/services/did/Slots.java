package io.trestle.services.did;

import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import java.util.Arrays;

/**
 * Storage layout helpers shared by the identity contracts. Every slot is {@code keccak(tag || parts...)}, so
 * records of different kinds can never collide and no slot arithmetic is needed. Words pack fixed-width
 * big-endian fields. Byte strings up to 31 bytes live inline in one word ({@code [length][bytes]}); longer ones
 * store {@code [0xff][length u32]} in the head word and 32-byte chunks at {@code keccak(CHUNK || head || j)}.
 */
public final class Slots {
  /** Tag of chunk slots of long byte strings. */
  private static final int TAG_CHUNK = 0xff;
  private static final int LONG_MARK = 0xff;
  public static final int INLINE_BYTES_MAX = 31;

  private Slots() {}

  /** {@code keccak(tag || parts...)} as a slot. */
  public static UInt256 of(int tag, byte[]... parts) {
    int length = 1;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] buf = new byte[length];
    buf[0] = (byte) tag;
    int at = 1;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, buf, at, p.length);
      at += p.length;
    }
    return UInt256.fromBytes(Hash.keccak(buf).unsafeArray());
  }

  public static byte[] u64(long value) {
    byte[] out = new byte[8];
    putLong(out, 0, value);
    return out;
  }

  public static void putLong(byte[] word, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      word[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  public static long getLong(byte[] word, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (word[offset + i] & 0xffL);
    }
    return v;
  }

  public static void putShort(byte[] word, int offset, int value) {
    word[offset] = (byte) (value >>> 8);
    word[offset + 1] = (byte) value;
  }

  public static int getShort(byte[] word, int offset) {
    return ((word[offset] & 0xff) << 8) | (word[offset + 1] & 0xff);
  }

  public static byte[] word(UInt256 value) {
    return value.toArray();
  }

  public static UInt256 value(byte[] word) {
    return UInt256.fromBytes(word);
  }

  /** Stores {@code data} (any length up to {@code 2^31}) at {@code head}; an empty array clears the head. */
  public static void storeBytes(ContractStorage s, UInt256 head, byte[] data) throws SystemCall.Halt {
    byte[] w = new byte[32];
    if (data.length <= INLINE_BYTES_MAX) {
      w[0] = (byte) data.length;
      System.arraycopy(data, 0, w, 1, data.length);
      s.store(head, UInt256.fromBytes(w));
      return;
    }
    w[0] = (byte) LONG_MARK;
    w[1] = (byte) (data.length >>> 24);
    w[2] = (byte) (data.length >>> 16);
    w[3] = (byte) (data.length >>> 8);
    w[4] = (byte) data.length;
    s.store(head, UInt256.fromBytes(w));
    byte[] headBytes = head.toArray();
    for (int j = 0, at = 0; at < data.length; j++, at += 32) {
      byte[] chunk = Arrays.copyOfRange(data, at, at + 32);
      s.store(of(TAG_CHUNK, headBytes, u64(j)), UInt256.fromBytes(chunk));
    }
  }

  /**
   * The byte string at {@code head}, empty when none was stored. A stored length above {@code max} means the slot
   * does not hold what the caller expects: an IllegalStateException, since only this class writes these slots.
   */
  public static byte[] loadBytes(ContractStorage s, UInt256 head, int max) throws SystemCall.Halt {
    byte[] w = s.load(head).toArray();
    int first = w[0] & 0xff;
    if (first != LONG_MARK) {
      if (first > INLINE_BYTES_MAX) {
        throw new IllegalStateException("byte string head " + head + " holds an invalid length " + first);
      }
      return Arrays.copyOfRange(w, 1, 1 + first);
    }
    int length = ((w[1] & 0xff) << 24) | ((w[2] & 0xff) << 16) | ((w[3] & 0xff) << 8) | (w[4] & 0xff);
    if (length < 0 || length > max) {
      throw new IllegalStateException("byte string at " + head + " is " + length + " bytes, more than " + max);
    }
    byte[] out = new byte[length];
    byte[] headBytes = head.toArray();
    for (int j = 0, at = 0; at < length; j++, at += 32) {
      byte[] chunk = s.load(of(TAG_CHUNK, headBytes, u64(j))).toArray();
      System.arraycopy(chunk, 0, out, at, Math.min(32, length - at));
    }
    return out;
  }

  /** Number of storage words {@link #storeBytes} writes for {@code length} bytes. */
  public static int wordsFor(int length) {
    return length <= INLINE_BYTES_MAX ? 1 : 1 + (length + 31) / 32;
  }
}
