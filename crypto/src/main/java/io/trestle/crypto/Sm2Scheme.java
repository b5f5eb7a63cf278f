package io.trestle.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The SM2 signature (GB/T 32918.2) and public-key encryption (GB/T 32918.4) schemes over any curve, built on
 * BouncyCastle's point arithmetic and SM3. Curve-generic so the standard's worked examples on its test curves
 * can be checked with the same code that runs on sm2p256v1; {@link Sm2} is the public face on that curve.
 * The nonce source is a parameter so those examples, which fix k, can be reproduced (ADR 0101).
 */
final class Sm2Scheme {
  /** Supplies the per-signature or per-encryption secret k in [1, n-1]. */
  interface Nonces {
    BigInteger next(BigInteger n);
  }

  /** GB/T 32918 writes ENTL as two bytes of bit length, so an ID may not exceed 8191 bytes. */
  static final int USER_ID_BYTES_MAX = 8191;

  private final ECDomainParameters domain;
  private final BigInteger n;
  private final int fieldBytes;
  private final FixedPointCombMultiplier baseMultiplier = new FixedPointCombMultiplier();

  Sm2Scheme(ECDomainParameters domain) {
    this.domain = domain;
    this.n = domain.getN();
    this.fieldBytes = (domain.getCurve().getFieldSize() + 7) / 8;
  }

  ECDomainParameters domain() {
    return domain;
  }

  static Nonces randomNonces(SecureRandom random) {
    return n -> {
      while (true) {
        BigInteger k = new BigInteger(n.bitLength(), random);
        if (k.signum() > 0 && k.compareTo(n) < 0) {
          return k;
        }
      }
    };
  }

  ECPoint publicPoint(BigInteger d) {
    return baseMultiplier.multiply(domain.getG(), d).normalize();
  }

  /** A private key must lie in [1, n-2]: signing divides by 1 + d. */
  BigInteger requirePrivateScalar(BigInteger d) {
    if (d.signum() <= 0 || d.compareTo(n.subtract(BigInteger.ONE)) >= 0) {
      throw new IllegalArgumentException("SM2 private key is not in [1, n-2]");
    }
    return d;
  }

  /** Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA), the signer-binding prefix of GB/T 32918.2 §5.5. */
  byte[] userHash(byte[] userId, ECPoint publicKey) {
    if (userId.length > USER_ID_BYTES_MAX) {
      throw new IllegalArgumentException("SM2 user id is " + userId.length + " bytes, at most " + USER_ID_BYTES_MAX);
    }
    SM3Digest sm3 = new SM3Digest();
    int bits = userId.length * 8;
    sm3.update((byte) (bits >>> 8));
    sm3.update((byte) bits);
    sm3.update(userId, 0, userId.length);
    update(sm3, domain.getCurve().getA());
    update(sm3, domain.getCurve().getB());
    ECPoint g = domain.getG().normalize();
    update(sm3, g.getAffineXCoord());
    update(sm3, g.getAffineYCoord());
    ECPoint q = publicKey.normalize();
    update(sm3, q.getAffineXCoord());
    update(sm3, q.getAffineYCoord());
    return finish(sm3);
  }

  /** e = SM3(Z_A || M) read as an integer (GB/T 32918.2 §6.1 steps A1–A2). */
  BigInteger messageRepresentative(byte[] userId, ECPoint publicKey, byte[] message) {
    SM3Digest sm3 = new SM3Digest();
    byte[] z = userHash(userId, publicKey);
    sm3.update(z, 0, z.length);
    sm3.update(message, 0, message.length);
    return new BigInteger(1, finish(sm3));
  }

  /** (r, s) per GB/T 32918.2 §6.1; {@code publicKey} must be d·G, passed in because Z_A needs it. */
  BigInteger[] sign(byte[] userId, BigInteger d, ECPoint publicKey, byte[] message, Nonces nonces) {
    requirePrivateScalar(d);
    BigInteger e = messageRepresentative(userId, publicKey, message);
    BigInteger inverseOnePlusD = d.add(BigInteger.ONE).modInverse(n);
    while (true) {
      BigInteger k = nonces.next(n);
      BigInteger x1 = publicPoint(k).getAffineXCoord().toBigInteger();
      BigInteger r = e.add(x1).mod(n);
      if (r.signum() == 0 || r.add(k).equals(n)) {
        continue;
      }
      BigInteger s = inverseOnePlusD.multiply(k.subtract(r.multiply(d))).mod(n);
      if (s.signum() != 0) {
        return new BigInteger[] {r, s};
      }
    }
  }

  /** GB/T 32918.2 §7.1: r, s in [1, n-1], t = r + s ≠ 0, and (e + x1) mod n = r for (x1, y1) = [s]G + [t]P. */
  boolean verify(byte[] userId, ECPoint publicKey, byte[] message, BigInteger r, BigInteger s) {
    if (!inScalarRange(r) || !inScalarRange(s)) {
      return false;
    }
    BigInteger t = r.add(s).mod(n);
    if (t.signum() == 0) {
      return false;
    }
    BigInteger e = messageRepresentative(userId, publicKey, message);
    ECPoint point = ECAlgorithms.sumOfTwoMultiplies(domain.getG(), s, publicKey, t).normalize();
    if (point.isInfinity()) {
      return false;
    }
    return e.add(point.getAffineXCoord().toBigInteger()).mod(n).equals(r);
  }

  boolean inScalarRange(BigInteger v) {
    return v.signum() > 0 && v.compareTo(n) < 0;
  }

  /** C1 || C3 || C2 per GB/T 32918.4-2016 §6.1, C1 uncompressed. */
  byte[] encrypt(ECPoint publicKey, byte[] plaintext, Nonces nonces) {
    if (plaintext.length == 0) {
      throw new IllegalArgumentException("SM2 cannot encrypt an empty plaintext");
    }
    if (publicKey.multiply(domain.getH()).isInfinity()) {
      throw new IllegalArgumentException("SM2 recipient key has h·P at infinity");
    }
    while (true) {
      BigInteger k = nonces.next(n);
      byte[] c1 = publicPoint(k).getEncoded(false);
      ECPoint shared = publicKey.multiply(k).normalize();
      byte[] x2 = shared.getAffineXCoord().getEncoded();
      byte[] y2 = shared.getAffineYCoord().getEncoded();
      byte[] mask = kdf(x2, y2, plaintext.length);
      if (isAllZero(mask)) {
        continue;
      }
      byte[] c2 = xor(plaintext, mask);
      byte[] c3 = checkValue(x2, plaintext, y2);
      byte[] out = new byte[c1.length + c3.length + c2.length];
      System.arraycopy(c1, 0, out, 0, c1.length);
      System.arraycopy(c3, 0, out, c1.length, c3.length);
      System.arraycopy(c2, 0, out, c1.length + c3.length, c2.length);
      return out;
    }
  }

  /** Inverse of {@link #encrypt}; every way the ciphertext can be wrong is a CryptoException naming the part. */
  byte[] decrypt(BigInteger d, byte[] ciphertext) throws CryptoException {
    int c1Bytes = 1 + 2 * fieldBytes;
    int c3Bytes = Sm3.LENGTH;
    if (ciphertext.length <= c1Bytes + c3Bytes) {
      throw new CryptoException(
          "SM2 ciphertext is " + ciphertext.length + " bytes, needs more than " + (c1Bytes + c3Bytes));
    }
    if (ciphertext[0] != 0x04) {
      throw new CryptoException("SM2 ciphertext C1 must be an uncompressed point (0x04), starts with " + ciphertext[0]);
    }
    ECPoint c1 = decodePoint(Arrays.copyOfRange(ciphertext, 0, c1Bytes), "SM2 ciphertext C1");
    if (c1.multiply(domain.getH()).isInfinity()) {
      throw new CryptoException("SM2 ciphertext C1 has h·C1 at infinity");
    }
    ECPoint shared = c1.multiply(d).normalize();
    byte[] x2 = shared.getAffineXCoord().getEncoded();
    byte[] y2 = shared.getAffineYCoord().getEncoded();
    int c2Bytes = ciphertext.length - c1Bytes - c3Bytes;
    byte[] mask = kdf(x2, y2, c2Bytes);
    if (isAllZero(mask)) {
      throw new CryptoException("SM2 ciphertext derives an all-zero key stream");
    }
    byte[] c2 = Arrays.copyOfRange(ciphertext, c1Bytes + c3Bytes, ciphertext.length);
    byte[] plaintext = xor(c2, mask);
    byte[] c3 = Arrays.copyOfRange(ciphertext, c1Bytes, c1Bytes + c3Bytes);
    if (!MessageDigest.isEqual(c3, checkValue(x2, plaintext, y2))) {
      throw new CryptoException("SM2 ciphertext check value C3 does not match (wrong key or altered ciphertext)");
    }
    return plaintext;
  }

  /** Decodes an encoded point and checks it lies on the curve and in the group of order n. */
  ECPoint decodePoint(byte[] encoded, String what) throws CryptoException {
    try {
      return domain.getCurve().decodePoint(encoded).normalize();
    } catch (IllegalArgumentException | ArithmeticException notAPoint) {
      throw new CryptoException(what + " is not a valid curve point: " + notAPoint.getMessage());
    }
  }

  /** The key derivation function of GB/T 32918.4 §5.4.3: SM3(Z || ct) for a 32-bit counter from 1. */
  static byte[] kdf(byte[] x, byte[] y, int outputBytes) {
    byte[] out = new byte[outputBytes];
    SM3Digest sm3 = new SM3Digest();
    byte[] block = new byte[Sm3.LENGTH];
    int counter = 1;
    for (int offset = 0; offset < outputBytes; offset += Sm3.LENGTH, counter++) {
      sm3.update(x, 0, x.length);
      sm3.update(y, 0, y.length);
      sm3.update((byte) (counter >>> 24));
      sm3.update((byte) (counter >>> 16));
      sm3.update((byte) (counter >>> 8));
      sm3.update((byte) counter);
      sm3.doFinal(block, 0);
      System.arraycopy(block, 0, out, offset, Math.min(Sm3.LENGTH, outputBytes - offset));
    }
    return out;
  }

  private static byte[] checkValue(byte[] x2, byte[] message, byte[] y2) {
    SM3Digest sm3 = new SM3Digest();
    sm3.update(x2, 0, x2.length);
    sm3.update(message, 0, message.length);
    sm3.update(y2, 0, y2.length);
    return finish(sm3);
  }

  private static void update(SM3Digest sm3, ECFieldElement element) {
    byte[] encoded = element.getEncoded();
    sm3.update(encoded, 0, encoded.length);
  }

  private static byte[] finish(SM3Digest sm3) {
    byte[] out = new byte[Sm3.LENGTH];
    sm3.doFinal(out, 0);
    return out;
  }

  private static boolean isAllZero(byte[] bytes) {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }
}
