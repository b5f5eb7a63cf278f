package io.trestle.evm.precompile;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The alt_bn128 (BN254) curve of EIP-196/197: G1 arithmetic through BouncyCastle's generic prime curve, and the
 * optimal ate pairing written here (BouncyCastle has none) over the tower Fp2 = Fp[u]/(u²+1),
 * Fp6 = Fp2[v]/(v³-ξ), Fp12 = Fp6[w]/(w²-v) with ξ = 9+u. BigInteger arithmetic: correct first, fast enough.
 */
final class Bn254 {
  static final BigInteger P =
      new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");
  static final BigInteger R =
      new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");
  static final ECCurve G1_CURVE = new ECCurve.Fp(P, BigInteger.ZERO, BigInteger.valueOf(3), R, BigInteger.ONE);
  /** 6x+2 for the BN parameter x = 4965661367192848881. */
  private static final BigInteger ATE_LOOP = new BigInteger("29793968203157093288");
  private static final BigInteger FINAL_HARD =
      P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).divide(R);

  private Bn254() {}

  static BigInteger add(BigInteger a, BigInteger b) {
    BigInteger r = a.add(b);
    return r.compareTo(P) >= 0 ? r.subtract(P) : r;
  }

  static BigInteger sub(BigInteger a, BigInteger b) {
    BigInteger r = a.subtract(b);
    return r.signum() < 0 ? r.add(P) : r;
  }

  static BigInteger mul(BigInteger a, BigInteger b) {
    return a.multiply(b).mod(P);
  }

  /** a + b·u with u² = -1. */
  record Fp2(BigInteger a, BigInteger b) {
    static final Fp2 ZERO = new Fp2(BigInteger.ZERO, BigInteger.ZERO);
    static final Fp2 ONE = new Fp2(BigInteger.ONE, BigInteger.ZERO);
    static final Fp2 XI = new Fp2(BigInteger.valueOf(9), BigInteger.ONE);

    Fp2 add(Fp2 o) {
      return new Fp2(Bn254.add(a, o.a), Bn254.add(b, o.b));
    }

    Fp2 sub(Fp2 o) {
      return new Fp2(Bn254.sub(a, o.a), Bn254.sub(b, o.b));
    }

    Fp2 neg() {
      return new Fp2(a.signum() == 0 ? a : P.subtract(a), b.signum() == 0 ? b : P.subtract(b));
    }

    Fp2 mul(Fp2 o) {
      BigInteger t0 = a.multiply(o.a);
      BigInteger t1 = b.multiply(o.b);
      BigInteger t2 = a.add(b).multiply(o.a.add(o.b));
      return new Fp2(t0.subtract(t1).mod(P), t2.subtract(t0).subtract(t1).mod(P));
    }

    Fp2 square() {
      BigInteger re = a.add(b).multiply(a.subtract(b)).mod(P);
      BigInteger im = a.multiply(b).shiftLeft(1).mod(P);
      return new Fp2(re, im);
    }

    Fp2 mulFp(BigInteger k) {
      return new Fp2(Bn254.mul(a, k), Bn254.mul(b, k));
    }

    Fp2 mulXi() {
      // (a + bu)(9 + u) = (9a - b) + (a + 9b)u
      BigInteger nine = BigInteger.valueOf(9);
      return new Fp2(a.multiply(nine).subtract(b).mod(P), a.add(b.multiply(nine)).mod(P));
    }

    Fp2 conj() {
      return new Fp2(a, b.signum() == 0 ? b : P.subtract(b));
    }

    Fp2 inverse() {
      BigInteger norm = a.multiply(a).add(b.multiply(b)).mod(P);
      BigInteger inv = norm.modInverse(P);
      return new Fp2(Bn254.mul(a, inv), Bn254.mul(P.subtract(b).mod(P), inv));
    }

    boolean isZero() {
      return a.signum() == 0 && b.signum() == 0;
    }

    Fp2 pow(BigInteger e) {
      Fp2 result = ONE;
      for (int i = e.bitLength() - 1; i >= 0; i--) {
        result = result.square();
        if (e.testBit(i)) {
          result = result.mul(this);
        }
      }
      return result;
    }
  }

  /** c0 + c1·v + c2·v² with v³ = ξ. */
  record Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {
    static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
    static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

    Fp6 add(Fp6 o) {
      return new Fp6(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2));
    }

    Fp6 sub(Fp6 o) {
      return new Fp6(c0.sub(o.c0), c1.sub(o.c1), c2.sub(o.c2));
    }

    Fp6 neg() {
      return new Fp6(c0.neg(), c1.neg(), c2.neg());
    }

    Fp6 mul(Fp6 o) {
      Fp2 v0 = c0.mul(o.c0);
      Fp2 v1 = c1.mul(o.c1);
      Fp2 v2 = c2.mul(o.c2);
      Fp2 r0 = c1.add(c2).mul(o.c1.add(o.c2)).sub(v1).sub(v2).mulXi().add(v0);
      Fp2 r1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(v0).sub(v1).add(v2.mulXi());
      Fp2 r2 = c0.add(c2).mul(o.c0.add(o.c2)).sub(v0).sub(v2).add(v1);
      return new Fp6(r0, r1, r2);
    }

    Fp6 mulByV() {
      return new Fp6(c2.mulXi(), c0, c1);
    }

    Fp6 inverse() {
      Fp2 t0 = c0.square().sub(c1.mul(c2).mulXi());
      Fp2 t1 = c2.square().mulXi().sub(c0.mul(c1));
      Fp2 t2 = c1.square().sub(c0.mul(c2));
      Fp2 norm = c0.mul(t0).add(c2.mul(t1).mulXi()).add(c1.mul(t2).mulXi());
      Fp2 inv = norm.inverse();
      return new Fp6(t0.mul(inv), t1.mul(inv), t2.mul(inv));
    }
  }

  /** a + b·w with w² = v. */
  record Fp12(Fp6 a, Fp6 b) {
    static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

    Fp12 mul(Fp12 o) {
      Fp6 t0 = a.mul(o.a);
      Fp6 t1 = b.mul(o.b);
      Fp6 cross = a.add(b).mul(o.a.add(o.b)).sub(t0).sub(t1);
      return new Fp12(t0.add(t1.mulByV()), cross);
    }

    Fp12 square() {
      return mul(this);
    }

    Fp12 conj() {
      return new Fp12(a, b.neg());
    }

    Fp12 inverse() {
      Fp6 t = a.mul(a).sub(b.mul(b).mulByV()).inverse();
      return new Fp12(a.mul(t), b.mul(t).neg());
    }

    Fp12 pow(BigInteger e) {
      Fp12 result = ONE;
      for (int i = e.bitLength() - 1; i >= 0; i--) {
        result = result.square();
        if (e.testBit(i)) {
          result = result.mul(this);
        }
      }
      return result;
    }

    /** The p^k-power Frobenius, on the coefficients of w^0..w^5. */
    Fp12 frobenius(int k) {
      Fp2[] g = {a.c0, b.c0, a.c1, b.c1, a.c2, b.c2};
      Fp2[] gamma = FROBENIUS[k];
      for (int j = 0; j < 6; j++) {
        Fp2 c = (k & 1) == 1 ? g[j].conj() : g[j];
        g[j] = c.mul(gamma[j]);
      }
      return new Fp12(new Fp6(g[0], g[2], g[4]), new Fp6(g[1], g[3], g[5]));
    }

    boolean isOne() {
      return equals(ONE);
    }
  }

  /** FROBENIUS[k][j] = ξ^(j(p^k - 1)/6). */
  private static final Fp2[][] FROBENIUS = new Fp2[3][6];
  /** b' = 3/ξ of the twist y² = x³ + b'. */
  static final Fp2 TWIST_B = Fp2.XI.inverse().mulFp(BigInteger.valueOf(3));

  static {
    for (int k = 1; k <= 2; k++) {
      BigInteger e = P.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
      for (int j = 0; j < 6; j++) {
        FROBENIUS[k][j] = Fp2.XI.pow(e.multiply(BigInteger.valueOf(j)));
      }
    }
  }

  /** An affine point of the twist E'(Fp2); null coordinates mean the point at infinity. */
  record G2(Fp2 x, Fp2 y) {
    static final G2 INFINITY = new G2(null, null);

    boolean isInfinity() {
      return x == null;
    }

    boolean isOnCurve() {
      return isInfinity() || y.square().equals(x.square().mul(x).add(TWIST_B));
    }

    G2 neg() {
      return isInfinity() ? this : new G2(x, y.neg());
    }

    G2 doubled() {
      if (isInfinity() || y.isZero()) {
        return INFINITY;
      }
      Fp2 lambda = x.square().mulFp(BigInteger.valueOf(3)).mul(y.add(y).inverse());
      Fp2 x3 = lambda.square().sub(x).sub(x);
      return new G2(x3, lambda.mul(x.sub(x3)).sub(y));
    }

    G2 add(G2 o) {
      if (isInfinity()) {
        return o;
      }
      if (o.isInfinity()) {
        return this;
      }
      if (x.equals(o.x)) {
        return y.equals(o.y) ? doubled() : INFINITY;
      }
      Fp2 lambda = o.y.sub(y).mul(o.x.sub(x).inverse());
      Fp2 x3 = lambda.square().sub(x).sub(o.x);
      return new G2(x3, lambda.mul(x.sub(x3)).sub(y));
    }

    G2 multiply(BigInteger k) {
      G2 result = INFINITY;
      for (int i = k.bitLength() - 1; i >= 0; i--) {
        result = result.doubled();
        if (k.testBit(i)) {
          result = result.add(this);
        }
      }
      return result;
    }

    /** The p-power Frobenius on the twist: untwist, raise to p, twist back. */
    G2 frobenius(int k) {
      Fp2 fx = (k & 1) == 1 ? x.conj() : x;
      Fp2 fy = (k & 1) == 1 ? y.conj() : y;
      return new G2(fx.mul(FROBENIUS[k][2]), fy.mul(FROBENIUS[k][3]));
    }
  }

  /**
   * The line through T and Q (the tangent when they are equal) on the untwisted curve, evaluated at the G1
   * point (xP, yP): yP - λ·xP·w + (λ·xT - yT)·w³, where λ is the slope on the twist.
   */
  private static Fp12 line(G2 t, G2 q, BigInteger xP, BigInteger yP) {
    Fp2 lambda;
    if (t.x.equals(q.x)) {
      if (!t.y.equals(q.y) || t.y.isZero()) {
        // a vertical line lies in a proper subfield and vanishes under the final exponentiation
        return Fp12.ONE;
      }
      lambda = t.x.square().mulFp(BigInteger.valueOf(3)).mul(t.y.add(t.y).inverse());
    } else {
      lambda = q.y.sub(t.y).mul(q.x.sub(t.x).inverse());
    }
    Fp6 a = new Fp6(new Fp2(yP, BigInteger.ZERO), Fp2.ZERO, Fp2.ZERO);
    Fp6 b = new Fp6(lambda.mulFp(xP).neg(), lambda.mul(t.x).sub(t.y), Fp2.ZERO);
    return new Fp12(a, b);
  }

  static Fp12 millerLoop(BigInteger xP, BigInteger yP, G2 q) {
    G2 t = q;
    Fp12 f = Fp12.ONE;
    for (int i = ATE_LOOP.bitLength() - 2; i >= 0; i--) {
      f = f.square().mul(line(t, t, xP, yP));
      t = t.doubled();
      if (ATE_LOOP.testBit(i)) {
        f = f.mul(line(t, q, xP, yP));
        t = t.add(q);
      }
    }
    G2 q1 = q.frobenius(1);
    G2 q2 = q.frobenius(2).neg();
    f = f.mul(line(t, q1, xP, yP));
    t = t.add(q1);
    f = f.mul(line(t, q2, xP, yP));
    return f;
  }

  static Fp12 finalExponentiation(Fp12 f) {
    Fp12 f1 = f.conj().mul(f.inverse());
    Fp12 f2 = f1.frobenius(2).mul(f1);
    return f2.pow(FINAL_HARD);
  }

  /** True when the product of e(P_i, Q_i) is one; the points must already be validated. */
  static boolean pairingCheck(BigInteger[] xs, BigInteger[] ys, G2[] qs) {
    Fp12 acc = Fp12.ONE;
    boolean any = false;
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == null || qs[i].isInfinity()) {
        continue;
      }
      acc = acc.mul(millerLoop(xs[i], ys[i], qs[i]));
      any = true;
    }
    return !any || finalExponentiation(acc).isOne();
  }

  /** A G1 point from 64 bytes, or null when it is not on the curve (or a coordinate is not below p). */
  static ECPoint decodeG1(byte[] in, int off) {
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(in, off, off + 32));
    BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(in, off + 32, off + 64));
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
      return null;
    }
    if (x.signum() == 0 && y.signum() == 0) {
      return G1_CURVE.getInfinity();
    }
    try {
      return G1_CURVE.validatePoint(x, y);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
  }

  static byte[] encodeG1(ECPoint p) {
    byte[] out = new byte[64];
    if (p.isInfinity()) {
      return out;
    }
    ECPoint n = p.normalize();
    put32(out, 0, n.getAffineXCoord().toBigInteger());
    put32(out, 32, n.getAffineYCoord().toBigInteger());
    return out;
  }

  static void put32(byte[] out, int off, BigInteger v) {
    byte[] raw = v.toByteArray();
    int start = raw.length > 32 ? raw.length - 32 : 0;
    int len = raw.length - start;
    System.arraycopy(raw, start, out, off + 32 - len, len);
  }

  /**
   * A G2 point from 128 bytes (x imaginary, x real, y imaginary, y real), or null when it is not on the twist,
   * not in the order-r subgroup, or a coordinate is not below p.
   */
  static G2 decodeG2(byte[] in, int off) {
    BigInteger[] c = new BigInteger[4];
    for (int i = 0; i < 4; i++) {
      c[i] = new BigInteger(1, java.util.Arrays.copyOfRange(in, off + 32 * i, off + 32 * i + 32));
      if (c[i].compareTo(P) >= 0) {
        return null;
      }
    }
    if (c[0].signum() == 0 && c[1].signum() == 0 && c[2].signum() == 0 && c[3].signum() == 0) {
      return G2.INFINITY;
    }
    G2 q = new G2(new Fp2(c[1], c[0]), new Fp2(c[3], c[2]));
    if (!q.isOnCurve() || !q.multiply(R).isInfinity()) {
      return null;
    }
    return q;
  }
}
