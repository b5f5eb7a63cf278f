package io.trestle.evm;

import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import java.math.BigInteger;

/**
 * An immutable unsigned 256-bit integer: storage slots and values, the EVM word. Four 64-bit limbs, {@code w3}
 * the most significant, so equality and hashing never allocate.
 */
public final class UInt256 implements Comparable<UInt256> {
  public static final UInt256 ZERO = new UInt256(0, 0, 0, 0);
  public static final UInt256 ONE = new UInt256(0, 0, 0, 1);
  public static final UInt256 MAX = new UInt256(-1L, -1L, -1L, -1L);
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  final long w3;
  final long w2;
  final long w1;
  final long w0;

  UInt256(long w3, long w2, long w1, long w0) {
    this.w3 = w3;
    this.w2 = w2;
    this.w1 = w1;
    this.w0 = w0;
  }

  static UInt256 of(long w3, long w2, long w1, long w0) {
    if ((w3 | w2 | w1 | w0) == 0) {
      return ZERO;
    }
    return new UInt256(w3, w2, w1, w0);
  }

  /** A non-negative long (values below zero are an IllegalArgumentException). */
  public static UInt256 valueOf(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("UInt256 is unsigned, got " + value);
    }
    return of(0, 0, 0, value);
  }

  /** Big-endian bytes, at most 32; shorter input is left-padded with zeros. */
  public static UInt256 fromBytes(byte[] bytes) {
    return fromBytes(bytes, 0, bytes.length);
  }

  public static UInt256 fromBytes(byte[] bytes, int offset, int length) {
    if (length > 32) {
      throw new IllegalArgumentException("UInt256 takes at most 32 bytes, got " + length);
    }
    long[] limbs = new long[4];
    for (int i = 0; i < length; i++) {
      int bitPos = (length - 1 - i) * 8;
      limbs[bitPos >>> 6] |= (bytes[offset + i] & 0xffL) << (bitPos & 63);
    }
    return of(limbs[3], limbs[2], limbs[1], limbs[0]);
  }

  public static UInt256 fromHash(Hash hash) {
    return fromBytes(hash.unsafeArray());
  }

  /** Accepts {@code 0x}-prefixed or bare hex of up to 64 digits; odd lengths are allowed. */
  public static UInt256 fromHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.isEmpty()) {
      return ZERO;
    }
    return fromBytes(Hex.decode(digits.length() % 2 == 1 ? "0" + digits : digits));
  }

  /** {@code value} must lie in [0, 2^256). */
  public static UInt256 fromBigInteger(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value out of UInt256 range: " + value);
    }
    return of(
        value.shiftRight(192).longValue(),
        value.shiftRight(128).longValue(),
        value.shiftRight(64).longValue(),
        value.longValue());
  }

  /** {@code value mod 2^256}. */
  public static UInt256 wrapBigInteger(BigInteger value) {
    return fromBigInteger(value.mod(TWO_256));
  }

  public boolean isZero() {
    return (w3 | w2 | w1 | w0) == 0;
  }

  /** True when the value fits in a non-negative long. */
  public boolean fitsLong() {
    return (w3 | w2 | w1) == 0 && w0 >= 0;
  }

  /** The low 64 bits. */
  public long toLong() {
    return w0;
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, toArray());
  }

  /** 32 big-endian bytes. */
  public byte[] toArray() {
    byte[] out = new byte[32];
    putLong(out, 0, w3);
    putLong(out, 8, w2);
    putLong(out, 16, w1);
    putLong(out, 24, w0);
    return out;
  }

  public Hash toHash() {
    return Hash.wrap(toArray());
  }

  /** The big-endian bytes without leading zeros (empty for zero), as RLP stores storage values. */
  public byte[] toMinimalBytes() {
    byte[] full = toArray();
    int i = 0;
    while (i < 32 && full[i] == 0) {
      i++;
    }
    return java.util.Arrays.copyOfRange(full, i, 32);
  }

  static void putLong(byte[] out, int pos, long v) {
    for (int i = 7; i >= 0; i--) {
      out[pos + i] = (byte) v;
      v >>>= 8;
    }
  }

  public String toHex() {
    return Hex.encodePrefixed(toArray());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UInt256 other && w0 == other.w0 && w1 == other.w1 && w2 == other.w2 && w3 == other.w3;
  }

  @Override
  public int hashCode() {
    long h = w0 * 31 + w1;
    h = h * 31 + w2;
    h = h * 31 + w3;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public int compareTo(UInt256 o) {
    int c = Long.compareUnsigned(w3, o.w3);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(w2, o.w2);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(w1, o.w1);
    return c != 0 ? c : Long.compareUnsigned(w0, o.w0);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
