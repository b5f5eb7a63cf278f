package io.trestle.evm;

/**
 * Unsigned long division of little-endian 32-bit limb arrays (Knuth's algorithm D, as in Hacker's Delight
 * divmnu): DIV, MOD, ADDMOD and MULMOD without BigInteger. Dividends reach 512 bits (MULMOD's product).
 */
final class Division {
  private static final long MASK = 0xffffffffL;

  private Division() {}

  /** Limbs of the stack word at {@code b} into {@code out[off..off+8)}, least significant first. */
  static void toLimbs(long[] s, int b, int[] out, int off) {
    for (int i = 0; i < 4; i++) {
      long w = s[b + 3 - i];
      out[off + 2 * i] = (int) w;
      out[off + 2 * i + 1] = (int) (w >>> 32);
    }
  }

  /** Writes the low 8 limbs of {@code in} as a stack word at {@code b}. */
  static void fromLimbs(int[] in, long[] s, int b) {
    for (int i = 0; i < 4; i++) {
      s[b + 3 - i] = (in[2 * i] & MASK) | ((in[2 * i + 1] & MASK) << 32);
    }
  }

  static int significant(int[] x, int len) {
    while (len > 0 && x[len - 1] == 0) {
      len--;
    }
    return len;
  }

  /**
   * Divides {@code u[0..m)} by {@code v[0..n)}; writes the quotient into {@code q} (at least m limbs, may be null)
   * and the remainder into {@code r} (at least n limbs, may be null). {@code v} must not be zero.
   */
  static void divide(int[] u, int m, int[] v, int n, int[] q, int[] r) {
    m = significant(u, m);
    n = significant(v, n);
    if (q != null) {
      java.util.Arrays.fill(q, 0);
    }
    if (r != null) {
      java.util.Arrays.fill(r, 0);
    }
    if (m < n) {
      if (r != null) {
        System.arraycopy(u, 0, r, 0, m);
      }
      return;
    }
    if (n == 1) {
      long d = v[0] & MASK;
      long rem = 0;
      for (int j = m - 1; j >= 0; j--) {
        long cur = (rem << 32) | (u[j] & MASK);
        long qd = Long.divideUnsigned(cur, d);
        rem = cur - qd * d;
        if (q != null) {
          q[j] = (int) qd;
        }
      }
      if (r != null) {
        r[0] = (int) rem;
      }
      return;
    }
    int shift = Integer.numberOfLeadingZeros(v[n - 1]);
    int[] vn = new int[n];
    for (int i = n - 1; i > 0; i--) {
      vn[i] = (v[i] << shift) | (shift == 0 ? 0 : v[i - 1] >>> (32 - shift));
    }
    vn[0] = v[0] << shift;
    int[] un = new int[m + 1];
    un[m] = shift == 0 ? 0 : u[m - 1] >>> (32 - shift);
    for (int i = m - 1; i > 0; i--) {
      un[i] = (u[i] << shift) | (shift == 0 ? 0 : u[i - 1] >>> (32 - shift));
    }
    un[0] = u[0] << shift;
    long vTop = vn[n - 1] & MASK;
    long vNext = vn[n - 2] & MASK;
    for (int j = m - n; j >= 0; j--) {
      long num = ((un[j + n] & MASK) << 32) | (un[j + n - 1] & MASK);
      long qhat = Long.divideUnsigned(num, vTop);
      long rhat = num - qhat * vTop;
      while (qhat > MASK || Long.compareUnsigned(qhat * vNext, (rhat << 32) | (un[j + n - 2] & MASK)) > 0) {
        qhat--;
        rhat += vTop;
        if (rhat > MASK) {
          break;
        }
      }
      long borrow = 0;
      long t;
      for (int i = 0; i < n; i++) {
        long p = qhat * (vn[i] & MASK);
        t = (un[i + j] & MASK) - borrow - (p & MASK);
        un[i + j] = (int) t;
        borrow = (p >>> 32) - (t >> 32);
      }
      t = (un[j + n] & MASK) - borrow;
      un[j + n] = (int) t;
      if (t < 0) {
        qhat--;
        long carry = 0;
        for (int i = 0; i < n; i++) {
          t = (un[i + j] & MASK) + (vn[i] & MASK) + carry;
          un[i + j] = (int) t;
          carry = t >>> 32;
        }
        un[j + n] += (int) carry;
      }
      if (q != null) {
        q[j] = (int) qhat;
      }
    }
    if (r != null) {
      for (int i = 0; i < n; i++) {
        r[i] = (un[i] >>> shift) | (shift == 0 ? 0 : un[i + 1] << (32 - shift));
      }
    }
  }

  /** s[b] = s[a] / s[b] (quotient) or s[a] % s[b] (remainder); the divisor is known to be non-zero. */
  static void divMod(long[] s, int a, int b, boolean remainder) {
    int[] u = new int[8];
    int[] v = new int[8];
    int[] out = new int[8];
    toLimbs(s, a, u, 0);
    toLimbs(s, b, v, 0);
    if (remainder) {
      divide(u, 8, v, 8, null, out);
    } else {
      divide(u, 8, v, 8, out, null);
    }
    fromLimbs(out, s, b);
  }

  /** s[c] = (s[a] + s[b]) mod s[c], the modulus non-zero. */
  static void addMod(long[] s, int a, int b, int c) {
    int[] x = new int[8];
    int[] y = new int[8];
    int[] sum = new int[9];
    toLimbs(s, a, x, 0);
    toLimbs(s, b, y, 0);
    long carry = 0;
    for (int i = 0; i < 8; i++) {
      long t = (x[i] & MASK) + (y[i] & MASK) + carry;
      sum[i] = (int) t;
      carry = t >>> 32;
    }
    sum[8] = (int) carry;
    int[] n = new int[8];
    toLimbs(s, c, n, 0);
    int[] r = new int[8];
    divide(sum, 9, n, 8, null, r);
    fromLimbs(r, s, c);
  }

  /** s[c] = (s[a] * s[b]) mod s[c], the modulus non-zero. */
  static void mulMod(long[] s, int a, int b, int c) {
    int[] x = new int[8];
    int[] y = new int[8];
    toLimbs(s, a, x, 0);
    toLimbs(s, b, y, 0);
    int[] prod = new int[16];
    for (int i = 0; i < 8; i++) {
      long carry = 0;
      long xi = x[i] & MASK;
      if (xi == 0) {
        continue;
      }
      for (int j = 0; j < 8; j++) {
        long t = xi * (y[j] & MASK) + (prod[i + j] & MASK) + carry;
        prod[i + j] = (int) t;
        carry = t >>> 32;
      }
      prod[i + 8] = (int) carry;
    }
    int[] n = new int[8];
    toLimbs(s, c, n, 0);
    int[] r = new int[8];
    divide(prod, 16, n, 8, null, r);
    fromLimbs(r, s, c);
  }
}
