package io.trestle.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;
import org.bouncycastle.util.BigIntegers;

/**
 * secp256k1 ECDSA as Ethereum uses it: RFC 6979 deterministic nonces, low-s signatures on signing, public-key
 * recovery from {@code (r, s, recoveryId)}. Uses BouncyCastle's optimised custom curve.
 */
public final class Secp256k1 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  public static final BigInteger N = PARAMS.getN();
  public static final BigInteger HALF_N = N.shiftRight(1);
  private static final BigInteger P = SecP256K1Curve.q;
  private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

  private Secp256k1() {}

  /** Which implementation recovers and verifies on this JVM (libsecp256k1 or BouncyCastle, and why). */
  public static String implementation() {
    return Secp256k1Native.describe();
  }

  public static KeyPair generateKeyPair(SecureRandom random) {
    while (true) {
      byte[] priv = new byte[32];
      random.nextBytes(priv);
      BigInteger d = new BigInteger(1, priv);
      if (d.signum() > 0 && d.compareTo(N) < 0) {
        return keyPair(priv);
      }
    }
  }

  public static KeyPair keyPair(byte[] privateKey) {
    BigInteger d = privateScalar(privateKey);
    return new KeyPair(Ints.toFixed(d, 32), publicKeyOf(d));
  }

  static BigInteger privateScalar(byte[] privateKey) {
    if (privateKey.length != 32) {
      throw new IllegalArgumentException("private key must be 32 bytes, got " + privateKey.length);
    }
    BigInteger d = new BigInteger(1, privateKey);
    if (d.signum() == 0 || d.compareTo(N) >= 0) {
      throw new IllegalArgumentException("private key is not in [1, n-1]");
    }
    return d;
  }

  static byte[] publicKeyOf(BigInteger d) {
    ECPoint q = MULTIPLIER.multiply(DOMAIN.getG(), d).normalize();
    return Arrays.copyOfRange(q.getEncoded(false), 1, 65);
  }

  /** Signs a 32-byte digest; the result has s ≤ n/2 and the recovery id that makes {@link #recoverPublicKey} work. */
  public static Signature sign(byte[] digest, byte[] privateKey) {
    requireDigest(digest);
    BigInteger d = privateScalar(privateKey);
    BigInteger e = new BigInteger(1, digest);
    HMacDSAKCalculator kCalculator = new HMacDSAKCalculator(new SHA256Digest());
    kCalculator.init(N, d, digest);
    while (true) {
      BigInteger k = kCalculator.nextK();
      ECPoint point = MULTIPLIER.multiply(DOMAIN.getG(), k).normalize();
      BigInteger x = point.getAffineXCoord().toBigInteger();
      BigInteger r = x.mod(N);
      if (r.signum() == 0) {
        continue;
      }
      BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
      if (s.signum() == 0) {
        continue;
      }
      int recoveryId = (point.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
      if (s.compareTo(HALF_N) > 0) {
        s = N.subtract(s);
        recoveryId ^= 1;
      }
      return new Signature(r, s, recoveryId);
    }
  }

  /**
   * The public key of whoever signed {@code digest} (SEC 1 §4.1.6). Accepts high-s values, as the
   * ecrecover precompile does; transaction validation checks low-s on its own.
   */
  public static byte[] recoverPublicKey(byte[] digest, Signature sig) throws SignatureException {
    requireDigest(digest);
    BigInteger x = checkRecoverable(sig);
    if (Secp256k1Native.available()) {
      byte[] key = Secp256k1Native.recover(digest, rs(sig.r(), sig.s()), sig.recoveryId());
      if (key != null) {
        return Arrays.copyOfRange(key, 1, 65);
      }
    }
    return recoverWithBouncyCastle(digest, sig.r(), sig.s(), sig.recoveryId(), x);
  }

  /** {@link #recoverPublicKey} without libsecp256k1: the reference, and the answer whenever the library refuses. */
  static byte[] recoverPublicKeyJava(byte[] digest, Signature sig) throws SignatureException {
    requireDigest(digest);
    BigInteger x = checkRecoverable(sig);
    return recoverWithBouncyCastle(digest, sig.r(), sig.s(), sig.recoveryId(), x);
  }

  /** Range checks before any recovery; returns R's x coordinate (r, or r + n for recovery ids 2 and 3). */
  private static BigInteger checkRecoverable(Signature sig) throws SignatureException {
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    if (r.signum() <= 0 || r.compareTo(N) >= 0) {
      throw new SignatureException("signature r is out of range");
    }
    if (s.signum() <= 0 || s.compareTo(N) >= 0) {
      throw new SignatureException("signature s is out of range");
    }
    BigInteger x = (sig.recoveryId() & 2) != 0 ? r.add(N) : r;
    if (x.compareTo(P) >= 0) {
      throw new SignatureException(
          "signature r with recovery id " + sig.recoveryId() + " is not a curve x coordinate");
    }
    return x;
  }

  private static byte[] rs(BigInteger r, BigInteger s) {
    byte[] rs = new byte[64];
    System.arraycopy(Ints.toFixed(r, 32), 0, rs, 0, 32);
    System.arraycopy(Ints.toFixed(s, 32), 0, rs, 32, 32);
    return rs;
  }

  private static byte[] recoverWithBouncyCastle(byte[] digest, BigInteger r, BigInteger s, int recId, BigInteger x)
      throws SignatureException {
    ECPoint rPoint;
    try {
      byte[] compressed = new byte[33];
      compressed[0] = (byte) ((recId & 1) == 1 ? 0x03 : 0x02);
      System.arraycopy(Ints.toFixed(x, 32), 0, compressed, 1, 32);
      rPoint = DOMAIN.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException notOnCurve) {
      throw new SignatureException("signature r is not the x coordinate of a curve point");
    }
    BigInteger e = new BigInteger(1, digest);
    // r is public: the variable-time inverse is safe and about five times faster than BigInteger.modInverse
    BigInteger rInv = BigIntegers.modOddInverseVar(N, r);
    BigInteger eScaled = e.negate().multiply(rInv).mod(N);
    BigInteger sScaled = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), eScaled, rPoint, sScaled).normalize();
    if (q.isInfinity()) {
      throw new SignatureException("signature recovers the point at infinity");
    }
    return Arrays.copyOfRange(q.getEncoded(false), 1, 65);
  }

  /** Plain ECDSA verification against a 64-byte public key (any s in [1, n-1]). */
  public static boolean verify(byte[] digest, Signature sig, byte[] publicKey) {
    if (digest.length != 32 || publicKey.length != 64) {
      return false;
    }
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
      return false;
    }
    byte[] encoded = new byte[65];
    encoded[0] = 0x04;
    System.arraycopy(publicKey, 0, encoded, 1, 64);
    if (Secp256k1Native.available()) {
      // (r, s) and (r, n - s) verify alike; the library takes only the low form
      Boolean valid = Secp256k1Native.verify(digest, rs(r, s.compareTo(HALF_N) > 0 ? N.subtract(s) : s), encoded);
      if (valid != null) {
        return valid;
      }
    }
    return verifyWithBouncyCastle(digest, r, s, encoded);
  }

  /** {@link #verify} without libsecp256k1: the reference, and the answer whenever the library refuses. */
  static boolean verifyJava(byte[] digest, Signature sig, byte[] publicKey) {
    if (digest.length != 32 || publicKey.length != 64) {
      return false;
    }
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
      return false;
    }
    byte[] encoded = new byte[65];
    encoded[0] = 0x04;
    System.arraycopy(publicKey, 0, encoded, 1, 64);
    return verifyWithBouncyCastle(digest, r, s, encoded);
  }

  /** Checked (r, s) in range against an uncompressed {@code 04 || x || y} key. */
  private static boolean verifyWithBouncyCastle(byte[] digest, BigInteger r, BigInteger s, byte[] encoded) {
    ECPoint q;
    try {
      q = DOMAIN.getCurve().decodePoint(encoded);
    } catch (IllegalArgumentException notOnCurve) {
      return false;
    }
    BigInteger e = new BigInteger(1, digest);
    BigInteger w = BigIntegers.modOddInverseVar(N, s);
    ECPoint point =
        ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), e.multiply(w).mod(N), q, r.multiply(w).mod(N)).normalize();
    return !point.isInfinity() && point.getAffineXCoord().toBigInteger().mod(N).equals(r);
  }

  /**
   * Like {@link #verify} but also rejects s &gt; n/2 (EIP-2, BIP-62): of the two valid signatures (r, s) and
   * (r, n − s) only the low one is accepted, so a third party cannot make a second valid signature.
   */
  public static boolean verifyLowS(byte[] digest, Signature sig, byte[] publicKey) {
    return sig.s().compareTo(HALF_N) <= 0 && verify(digest, sig, publicKey);
  }

  /**
   * A signature from strict DER ({@code SEQUENCE { INTEGER r, INTEGER s }}, X9.62): short-form lengths,
   * minimal non-negative integers, no trailing bytes. DER carries no recovery id, so it is 0; verification
   * ignores it.
   */
  public static Signature decodeDer(byte[] der) throws SignatureException {
    BigInteger[] rs = DerSignatures.decode(der);
    return new Signature(rs[0], rs[1], 0);
  }

  /** The DER encoding of (r, s). */
  public static byte[] encodeDer(Signature sig) {
    return DerSignatures.encode(sig.r(), sig.s());
  }

  /** A signature from 64 bytes {@code r || s} (IEEE P1363 form, big-endian); recovery id 0. */
  public static Signature decodeRs(byte[] rs) throws SignatureException {
    if (rs.length != 64) {
      throw new SignatureException("r || s signature must be 64 bytes, got " + rs.length);
    }
    return new Signature(
        new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)), new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)), 0);
  }

  /** A public key from outside in any SEC 1 form: 64 bytes x || y, 65 bytes 0x04 || x || y, or 33 compressed. */
  static ECPoint decodePublicKey(byte[] publicKey) throws CryptoException {
    byte[] encoded;
    if (publicKey.length == 64) {
      encoded = new byte[65];
      encoded[0] = 0x04;
      System.arraycopy(publicKey, 0, encoded, 1, 64);
    } else if ((publicKey.length == 65 && publicKey[0] == 0x04)
        || (publicKey.length == 33 && (publicKey[0] == 0x02 || publicKey[0] == 0x03))) {
      encoded = publicKey;
    } else {
      throw new CryptoException(
          "secp256k1 public key must be 64 bytes x || y, 65 bytes 0x04 || x || y or 33 compressed bytes, got "
              + publicKey.length
              + " bytes");
    }
    try {
      return DOMAIN.getCurve().decodePoint(encoded).normalize();
    } catch (IllegalArgumentException notOnCurve) {
      throw new CryptoException("secp256k1 public key is not a curve point: " + notOnCurve.getMessage());
    }
  }

  private static void requireDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("digest must be 32 bytes, got " + digest.length);
    }
  }
}
