package io.trestle.evm;

import java.math.BigInteger;

/**
 * 256-bit arithmetic on stack words in place. A word at base {@code b} is {@code s[b]} (most significant limb)
 * to {@code s[b+3]} (least significant). Binary operations read operands at {@code a} (the former top of stack)
 * and {@code b} and write the result at {@code b}. The common cases never allocate; rare wide divisions fall
 * back to BigInteger.
 */
final class Arith {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger MASK_256 = TWO_256.subtract(BigInteger.ONE);

  private Arith() {}

  static boolean isZero(long[] s, int b) {
    return (s[b] | s[b + 1] | s[b + 2] | s[b + 3]) == 0;
  }

  /** True when the word fits in 64 bits unsigned. */
  static boolean fits64(long[] s, int b) {
    return (s[b] | s[b + 1] | s[b + 2]) == 0;
  }

  /** The word as a long, or Long.MAX_VALUE when it does not fit in a non-negative long. */
  static long clampLong(long[] s, int b) {
    if ((s[b] | s[b + 1] | s[b + 2]) != 0 || s[b + 3] < 0) {
      return Long.MAX_VALUE;
    }
    return s[b + 3];
  }

  static void set(long[] s, int b, long w3, long w2, long w1, long w0) {
    s[b] = w3;
    s[b + 1] = w2;
    s[b + 2] = w1;
    s[b + 3] = w0;
  }

  static void setLong(long[] s, int b, long v) {
    s[b] = 0;
    s[b + 1] = 0;
    s[b + 2] = 0;
    s[b + 3] = v;
  }

  static void add(long[] s, int a, int b) {
    long r0 = s[a + 3] + s[b + 3];
    long c = Long.compareUnsigned(r0, s[a + 3]) < 0 ? 1 : 0;
    long t1 = s[a + 2] + s[b + 2];
    long c1 = Long.compareUnsigned(t1, s[a + 2]) < 0 ? 1 : 0;
    long r1 = t1 + c;
    c1 |= Long.compareUnsigned(r1, t1) < 0 ? 1 : 0;
    long t2 = s[a + 1] + s[b + 1];
    long c2 = Long.compareUnsigned(t2, s[a + 1]) < 0 ? 1 : 0;
    long r2 = t2 + c1;
    c2 |= Long.compareUnsigned(r2, t2) < 0 ? 1 : 0;
    long r3 = s[a] + s[b] + c2;
    set(s, b, r3, r2, r1, r0);
  }

  /** s[b] = s[a] - s[b]. */
  static void sub(long[] s, int a, int b) {
    long x0 = s[a + 3], y0 = s[b + 3];
    long r0 = x0 - y0;
    long br = Long.compareUnsigned(x0, y0) < 0 ? 1 : 0;
    long x1 = s[a + 2], y1 = s[b + 2];
    long t1 = x1 - y1;
    long b1 = Long.compareUnsigned(x1, y1) < 0 ? 1 : 0;
    long r1 = t1 - br;
    b1 |= Long.compareUnsigned(t1, br) < 0 ? 1 : 0;
    long x2 = s[a + 1], y2 = s[b + 1];
    long t2 = x2 - y2;
    long b2 = Long.compareUnsigned(x2, y2) < 0 ? 1 : 0;
    long r2 = t2 - b1;
    b2 |= Long.compareUnsigned(t2, b1) < 0 ? 1 : 0;
    long r3 = s[a] - s[b] - b2;
    set(s, b, r3, r2, r1, r0);
  }

  static long mulHi(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  /** s[b] = s[a] * s[b] mod 2^256. */
  static void mul(long[] s, int a, int b) {
    long a0 = s[a + 3], a1 = s[a + 2], a2 = s[a + 1], a3 = s[a];
    long b0 = s[b + 3], b1 = s[b + 2], b2 = s[b + 1], b3 = s[b];
    if ((b1 | b2 | b3) == 0) {
      mulSmall(s, b, a0, a1, a2, a3, b0);
    } else if ((a1 | a2 | a3) == 0) {
      mulSmall(s, b, b0, b1, b2, b3, a0);
    } else {
      mulInto(s, b, a0, a1, a2, a3, b0, b1, b2, b3);
    }
  }

  /** (x3..x0) * y mod 2^256 for a 64-bit y: the common case of scaling by a small number. */
  private static void mulSmall(long[] s, int d, long x0, long x1, long x2, long x3, long y) {
    long r0 = x0 * y;
    long carry = mulHi(x0, y);
    long lo = x1 * y;
    long r1 = lo + carry;
    carry = mulHi(x1, y) + (Long.compareUnsigned(r1, lo) < 0 ? 1 : 0);
    lo = x2 * y;
    long r2 = lo + carry;
    carry = mulHi(x2, y) + (Long.compareUnsigned(r2, lo) < 0 ? 1 : 0);
    long r3 = x3 * y + carry;
    set(s, d, r3, r2, r1, r0);
  }

  static void mulInto(long[] s, int d, long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3) {
    long r0 = a0 * b0;
    // column 1 accumulates in (l, h, hh); hh weighs 2^128 and so lands in column 3
    long l = mulHi(a0, b0);
    long h = 0;
    long hh = 0;
    long p = a0 * b1;
    long ph = mulHi(a0, b1);
    l += p;
    if (Long.compareUnsigned(l, p) < 0) {
      ph++;
    }
    h += ph;
    if (Long.compareUnsigned(h, ph) < 0) {
      hh++;
    }
    p = a1 * b0;
    ph = mulHi(a1, b0);
    l += p;
    if (Long.compareUnsigned(l, p) < 0) {
      ph++;
    }
    h += ph;
    if (Long.compareUnsigned(h, ph) < 0) {
      hh++;
    }
    long r1 = l;
    // column 2: overflow past h weighs 2^320 and vanishes
    l = h;
    h = hh;
    p = a0 * b2;
    ph = mulHi(a0, b2);
    l += p;
    if (Long.compareUnsigned(l, p) < 0) {
      ph++;
    }
    h += ph;
    p = a1 * b1;
    ph = mulHi(a1, b1);
    l += p;
    if (Long.compareUnsigned(l, p) < 0) {
      ph++;
    }
    h += ph;
    p = a2 * b0;
    ph = mulHi(a2, b0);
    l += p;
    if (Long.compareUnsigned(l, p) < 0) {
      ph++;
    }
    h += ph;
    long r2 = l;
    long r3 = h + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
    set(s, d, r3, r2, r1, r0);
  }

  static int compare(long[] s, int a, int b) {
    int c = Long.compareUnsigned(s[a], s[b]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 1], s[b + 1]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 2], s[b + 2]);
    return c != 0 ? c : Long.compareUnsigned(s[a + 3], s[b + 3]);
  }

  static int compareSigned(long[] s, int a, int b) {
    int c = Long.compare(s[a], s[b]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 1], s[b + 1]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 2], s[b + 2]);
    return c != 0 ? c : Long.compareUnsigned(s[a + 3], s[b + 3]);
  }

  static BigInteger toBig(long[] s, int b) {
    if (fits64(s, b) && s[b + 3] >= 0) {
      return BigInteger.valueOf(s[b + 3]);
    }
    byte[] out = new byte[33];
    UInt256.putLong(out, 1, s[b]);
    UInt256.putLong(out, 9, s[b + 1]);
    UInt256.putLong(out, 17, s[b + 2]);
    UInt256.putLong(out, 25, s[b + 3]);
    return new BigInteger(out);
  }

  static BigInteger toSignedBig(long[] s, int b) {
    BigInteger v = toBig(s, b);
    return s[b] < 0 ? v.subtract(TWO_256) : v;
  }

  /** Stores {@code v mod 2^256}. */
  static void fromBig(long[] s, int b, BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      v = v.and(MASK_256);
    }
    s[b] = v.shiftRight(192).longValue();
    s[b + 1] = v.shiftRight(128).longValue();
    s[b + 2] = v.shiftRight(64).longValue();
    s[b + 3] = v.longValue();
  }

  /** s[b] = s[a] / s[b], 0 when dividing by zero. */
  static void div(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    if (fits64(s, a) && fits64(s, b)) {
      setLong(s, b, Long.divideUnsigned(s[a + 3], s[b + 3]));
      return;
    }
    if (compare(s, a, b) < 0) {
      setLong(s, b, 0);
      return;
    }
    Division.divMod(s, a, b, false);
  }

  static void mod(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    if (fits64(s, a) && fits64(s, b)) {
      setLong(s, b, Long.remainderUnsigned(s[a + 3], s[b + 3]));
      return;
    }
    if (compare(s, a, b) < 0) {
      set(s, b, s[a], s[a + 1], s[a + 2], s[a + 3]);
      return;
    }
    Division.divMod(s, a, b, true);
  }

  static void sdiv(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    if (s[a] >= 0 && s[b] >= 0) {
      div(s, a, b);
      return;
    }
    // BigInteger division truncates toward zero, as EVM SDIV does; -2^255 / -1 wraps back to -2^255.
    fromBig(s, b, toSignedBig(s, a).divide(toSignedBig(s, b)));
  }

  static void smod(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    if (s[a] >= 0 && s[b] >= 0) {
      mod(s, a, b);
      return;
    }
    // the result takes the sign of the dividend: BigInteger.remainder does exactly that
    fromBig(s, b, toSignedBig(s, a).remainder(toSignedBig(s, b)));
  }

  /** s[c] = (s[a] + s[b]) mod s[c]; operands at a (top), b, c. */
  static void addmod(long[] s, int a, int b, int c) {
    if (isZero(s, c)) {
      return;
    }
    if (fits64(s, a) && fits64(s, b) && fits64(s, c) && s[a + 3] >= 0 && s[b + 3] >= 0) {
      setLong(s, c, Long.remainderUnsigned(s[a + 3] + s[b + 3], s[c + 3]));
      return;
    }
    Division.addMod(s, a, b, c);
  }

  static void mulmod(long[] s, int a, int b, int c) {
    if (isZero(s, c)) {
      return;
    }
    if (fits64(s, a) && fits64(s, b) && fits64(s, c)
        && Long.compareUnsigned(s[a + 3], 0xffffffffL) <= 0 && Long.compareUnsigned(s[b + 3], 0xffffffffL) <= 0) {
      setLong(s, c, Long.remainderUnsigned(s[a + 3] * s[b + 3], s[c + 3]));
      return;
    }
    Division.mulMod(s, a, b, c);
  }

  /** s[b] = s[a] ^ s[b] mod 2^256, by square-and-multiply. */
  static void exp(long[] s, int a, int b) {
    long e3 = s[b], e2 = s[b + 1], e1 = s[b + 2], e0 = s[b + 3];
    long r3 = 0, r2 = 0, r1 = 0, r0 = 1;
    long x3 = s[a], x2 = s[a + 1], x1 = s[a + 2], x0 = s[a + 3];
    long[] tmp = new long[8];
    long[] limbs = {e0, e1, e2, e3};
    int top = 3;
    while (top >= 0 && limbs[top] == 0) {
      top--;
    }
    for (int i = 0; i <= top; i++) {
      long e = limbs[i];
      int bits = i == top ? 64 - Long.numberOfLeadingZeros(e) : 64;
      for (int k = 0; k < bits; k++) {
        if ((e & 1) != 0) {
          mulInto(tmp, 0, r0, r1, r2, r3, x0, x1, x2, x3);
          r3 = tmp[0];
          r2 = tmp[1];
          r1 = tmp[2];
          r0 = tmp[3];
        }
        e >>>= 1;
        if (i < top || k + 1 < bits) {
          mulInto(tmp, 4, x0, x1, x2, x3, x0, x1, x2, x3);
          x3 = tmp[4];
          x2 = tmp[5];
          x1 = tmp[6];
          x0 = tmp[7];
        }
      }
    }
    set(s, b, r3, r2, r1, r0);
  }

  /** Number of significant bytes of the word, for EXP's gas. */
  static int byteLength(long[] s, int b) {
    for (int i = 0; i < 4; i++) {
      if (s[b + i] != 0) {
        return (3 - i) * 8 + (64 - Long.numberOfLeadingZeros(s[b + i]) + 7) / 8;
      }
    }
    return 0;
  }

  /** SIGNEXTEND: s[b] = sign-extend s[b] from byte s[a]. */
  static void signExtend(long[] s, int a, int b) {
    if (!fits64(s, a) || Long.compareUnsigned(s[a + 3], 31) >= 0) {
      return;
    }
    int bit = (int) s[a + 3] * 8 + 7;
    int limb = 3 - (bit >>> 6);
    int inLimb = bit & 63;
    boolean negative = ((s[b + limb] >>> inLimb) & 1) != 0;
    long mask = inLimb == 63 ? -1L : (1L << (inLimb + 1)) - 1;
    if (negative) {
      s[b + limb] |= ~mask;
    } else {
      s[b + limb] &= mask;
    }
    long fill = negative ? -1L : 0L;
    for (int i = limb - 1; i >= 0; i--) {
      s[b + i] = fill;
    }
  }

  /** BYTE: s[b] = byte s[a] of s[b] (0 = most significant). */
  static void byteOp(long[] s, int a, int b) {
    if (!fits64(s, a) || Long.compareUnsigned(s[a + 3], 32) >= 0) {
      setLong(s, b, 0);
      return;
    }
    int i = (int) s[a + 3];
    long limb = s[b + (i >>> 3)];
    long v = (limb >>> ((7 - (i & 7)) * 8)) & 0xff;
    setLong(s, b, v);
  }

  /** SHL: s[b] = s[b] << s[a]. */
  static void shl(long[] s, int a, int b) {
    if (!fits64(s, a) || Long.compareUnsigned(s[a + 3], 256) >= 0) {
      setLong(s, b, 0);
      return;
    }
    int n = (int) s[a + 3];
    long w3 = s[b], w2 = s[b + 1], w1 = s[b + 2], w0 = s[b + 3];
    switch (n >>> 6) {
      case 1 -> {
        w3 = w2;
        w2 = w1;
        w1 = w0;
        w0 = 0;
      }
      case 2 -> {
        w3 = w1;
        w2 = w0;
        w1 = 0;
        w0 = 0;
      }
      case 3 -> {
        w3 = w0;
        w2 = 0;
        w1 = 0;
        w0 = 0;
      }
      default -> { }
    }
    int k = n & 63;
    if (k != 0) {
      w3 = (w3 << k) | (w2 >>> (64 - k));
      w2 = (w2 << k) | (w1 >>> (64 - k));
      w1 = (w1 << k) | (w0 >>> (64 - k));
      w0 <<= k;
    }
    set(s, b, w3, w2, w1, w0);
  }

  /** SHR (logical) or SAR (arithmetic): s[b] = s[b] >> s[a]. */
  static void shr(long[] s, int a, int b, boolean arithmetic) {
    long fill = arithmetic && s[b] < 0 ? -1L : 0L;
    if (!fits64(s, a) || Long.compareUnsigned(s[a + 3], 256) >= 0) {
      set(s, b, fill, fill, fill, fill);
      return;
    }
    int n = (int) s[a + 3];
    long w3 = s[b], w2 = s[b + 1], w1 = s[b + 2], w0 = s[b + 3];
    switch (n >>> 6) {
      case 1 -> {
        w0 = w1;
        w1 = w2;
        w2 = w3;
        w3 = fill;
      }
      case 2 -> {
        w0 = w2;
        w1 = w3;
        w2 = fill;
        w3 = fill;
      }
      case 3 -> {
        w0 = w3;
        w1 = fill;
        w2 = fill;
        w3 = fill;
      }
      default -> { }
    }
    int k = n & 63;
    if (k != 0) {
      w0 = (w0 >>> k) | (w1 << (64 - k));
      w1 = (w1 >>> k) | (w2 << (64 - k));
      w2 = (w2 >>> k) | (w3 << (64 - k));
      w3 = arithmetic ? w3 >> k : w3 >>> k;
    }
    set(s, b, w3, w2, w1, w0);
  }

  /** Reads a 32-byte big-endian word from {@code src} at {@code off}, zero-padding past {@code len}. */
  static void load(long[] s, int b, byte[] src, long off, int len) {
    load(s, b, src, 0, off, len);
  }

  /** As {@link #load(long[], int, byte[], long, int)} within the region {@code src[base, base + len)}. */
  static void load(long[] s, int b, byte[] src, int base, long off, int len) {
    if (off >= 0 && off <= len - 32) {
      int o = base + (int) off;
      s[b] = getLong(src, o);
      s[b + 1] = getLong(src, o + 8);
      s[b + 2] = getLong(src, o + 16);
      s[b + 3] = getLong(src, o + 24);
      return;
    }
    long w3 = 0, w2 = 0, w1 = 0, w0 = 0;
    for (int i = 0; i < 32; i++) {
      long p = off + i;
      long v = p >= 0 && p < len ? src[base + (int) p] & 0xffL : 0;
      int limb = i >>> 3;
      int shift = (7 - (i & 7)) * 8;
      switch (limb) {
        case 0 -> w3 |= v << shift;
        case 1 -> w2 |= v << shift;
        case 2 -> w1 |= v << shift;
        default -> w0 |= v << shift;
      }
    }
    set(s, b, w3, w2, w1, w0);
  }

  private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

  static long getLong(byte[] src, int o) {
    return (long) BIG_ENDIAN_LONG.get(src, o);
  }

  static void store(long[] s, int b, byte[] dst, int off) {
    BIG_ENDIAN_LONG.set(dst, off, s[b]);
    BIG_ENDIAN_LONG.set(dst, off + 8, s[b + 1]);
    BIG_ENDIAN_LONG.set(dst, off + 16, s[b + 2]);
    BIG_ENDIAN_LONG.set(dst, off + 24, s[b + 3]);
  }

  static UInt256 toUInt256(long[] s, int b) {
    return UInt256.of(s[b], s[b + 1], s[b + 2], s[b + 3]);
  }

  static void fromUInt256(long[] s, int b, UInt256 v) {
    set(s, b, v.w3, v.w2, v.w1, v.w0);
  }

  static io.trestle.core.Address toAddress(long[] s, int b) {
    byte[] out = new byte[20];
    long hi = s[b + 1];
    out[0] = (byte) (hi >>> 24);
    out[1] = (byte) (hi >>> 16);
    out[2] = (byte) (hi >>> 8);
    out[3] = (byte) hi;
    UInt256.putLong(out, 4, s[b + 2]);
    UInt256.putLong(out, 12, s[b + 3]);
    return io.trestle.core.Address.wrap(out);
  }

  static void fromAddress(long[] s, int b, io.trestle.core.Address address) {
    byte[] a = address.unsafeArray();
    s[b] = 0;
    s[b + 1] = ((a[0] & 0xffL) << 24) | ((a[1] & 0xffL) << 16) | ((a[2] & 0xffL) << 8) | (a[3] & 0xffL);
    s[b + 2] = getLong(a, 4);
    s[b + 3] = getLong(a, 12);
  }

  static void fromBytes32(long[] s, int b, byte[] src) {
    s[b] = getLong(src, 0);
    s[b + 1] = getLong(src, 8);
    s[b + 2] = getLong(src, 16);
    s[b + 3] = getLong(src, 24);
  }
}
