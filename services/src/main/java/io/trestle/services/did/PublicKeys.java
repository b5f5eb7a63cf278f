package io.trestle.services.did;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Validation and encodings of verification-method keys, in plain modular arithmetic so the DID registry can check
 * keys deterministically: a curve key must be a point of its curve (both curves have cofactor 1, so that makes
 * it a valid public key), an Ed25519 key must decode as RFC 8032 §5.1.3 describes.
 */
public final class PublicKeys {
  private static final BigInteger SECP_P = new BigInteger(
      "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);
  private static final BigInteger SECP_B = BigInteger.valueOf(7);
  private static final BigInteger SM2_P = new BigInteger(
      "fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff", 16);
  private static final BigInteger SM2_A = SM2_P.subtract(BigInteger.valueOf(3));
  private static final BigInteger SM2_B = new BigInteger(
      "28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93", 16);
  private static final BigInteger ED_P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger ED_D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(ED_P)).mod(ED_P);
  private static final BigInteger ED_SQRT_M1 = BigInteger.TWO.modPow(ED_P.subtract(BigInteger.ONE).shiftRight(2), ED_P);

  private PublicKeys() {}

  /**
   * The canonical stored form of a key given as: for secp256k1 and SM2, 64 bytes {@code x || y}, 65 bytes
   * {@code 04 || x || y} or 33 compressed bytes; for Ed25519, its 32-byte encoding.
   */
  public static byte[] normalize(KeyType type, byte[] key) throws InvalidKeyException {
    return switch (type) {
      case SECP256K1 -> curvePoint(type, key, SECP_P, BigInteger.ZERO, SECP_B);
      case SM2 -> curvePoint(type, key, SM2_P, SM2_A, SM2_B);
      case ED25519 -> ed25519(key);
    };
  }

  private static byte[] curvePoint(KeyType type, byte[] key, BigInteger p, BigInteger a, BigInteger b)
      throws InvalidKeyException {
    BigInteger x;
    BigInteger y;
    if (key.length == 64 || (key.length == 65 && key[0] == 0x04)) {
      int off = key.length - 64;
      x = new BigInteger(1, Arrays.copyOfRange(key, off, off + 32));
      y = new BigInteger(1, Arrays.copyOfRange(key, off + 32, off + 64));
      if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
        throw new InvalidKeyException(type.label() + " key coordinate is not below the field prime");
      }
      if (!y.multiply(y).mod(p).equals(rhs(x, p, a, b))) {
        throw new InvalidKeyException(type.label() + " key is not a point of the curve");
      }
    } else if (key.length == 33 && (key[0] == 0x02 || key[0] == 0x03)) {
      x = new BigInteger(1, Arrays.copyOfRange(key, 1, 33));
      if (x.compareTo(p) >= 0) {
        throw new InvalidKeyException(type.label() + " key x coordinate is not below the field prime");
      }
      BigInteger r = rhs(x, p, a, b);
      // both primes are 3 mod 4, so a square root is r^((p+1)/4) when one exists
      y = r.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
      if (!y.multiply(y).mod(p).equals(r)) {
        throw new InvalidKeyException(type.label() + " compressed key has no point on the curve");
      }
      if (y.testBit(0) != (key[0] == 0x03)) {
        y = p.subtract(y).mod(p);
      }
    } else {
      throw new InvalidKeyException(type.label()
          + " key must be 64 bytes x||y, 65 bytes 04||x||y or 33 compressed bytes,"
          + " got " + key.length + " bytes");
    }
    byte[] out = new byte[64];
    put32(out, 0, x);
    put32(out, 32, y);
    return out;
  }

  private static BigInteger rhs(BigInteger x, BigInteger p, BigInteger a, BigInteger b) {
    return x.multiply(x).mod(p).multiply(x).add(a.multiply(x)).add(b).mod(p);
  }

  private static byte[] ed25519(byte[] key) throws InvalidKeyException {
    if (key.length != 32) {
      throw new InvalidKeyException("ed25519 key must be 32 bytes, got " + key.length);
    }
    byte[] le = key.clone();
    boolean sign = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    BigInteger y = new BigInteger(1, be);
    if (y.compareTo(ED_P) >= 0) {
      throw new InvalidKeyException("ed25519 key y coordinate is not below 2^255-19");
    }
    BigInteger yy = y.multiply(y).mod(ED_P);
    BigInteger u = yy.subtract(BigInteger.ONE).mod(ED_P);
    BigInteger v = ED_D.multiply(yy).add(BigInteger.ONE).mod(ED_P);
    BigInteger v3 = v.modPow(BigInteger.valueOf(3), ED_P);
    BigInteger v7 = v3.multiply(v3).mod(ED_P).multiply(v).mod(ED_P);
    BigInteger x = u.multiply(v3).mod(ED_P).multiply(
        u.multiply(v7).mod(ED_P).modPow(ED_P.subtract(BigInteger.valueOf(5)).divide(BigInteger.valueOf(8)), ED_P))
        .mod(ED_P);
    BigInteger vxx = v.multiply(x).mod(ED_P).multiply(x).mod(ED_P);
    if (!vxx.equals(u)) {
      if (vxx.equals(ED_P.subtract(u).mod(ED_P))) {
        x = x.multiply(ED_SQRT_M1).mod(ED_P);
      } else {
        throw new InvalidKeyException("ed25519 key is not a point of the curve");
      }
    }
    if (x.signum() == 0 && sign) {
      throw new InvalidKeyException("ed25519 key encodes x = 0 with the sign bit set");
    }
    return key.clone();
  }

  /** The SEC 1 compressed form (33 bytes) of a stored curve key, as multicodec expects for secp256k1 and SM2. */
  public static byte[] compress(byte[] xy) {
    if (xy.length != 64) {
      throw new IllegalArgumentException("curve key must be 64 bytes, got " + xy.length);
    }
    byte[] out = new byte[33];
    out[0] = (byte) ((xy[63] & 1) == 0 ? 0x02 : 0x03);
    System.arraycopy(xy, 0, out, 1, 32);
    return out;
  }

  /** {@code publicKeyMultibase}: base58btc ({@code z}) of the multicodec varint and the key's multicodec form. */
  public static String multibase(KeyType type, byte[] stored) {
    byte[] key = type == KeyType.ED25519 ? stored : compress(stored);
    byte[] prefix = varint(type.multicodec());
    byte[] all = new byte[prefix.length + key.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(key, 0, all, prefix.length, key.length);
    return "z" + Base58.encode(all);
  }

  /** A key decoded from {@code publicKeyMultibase}: its type and canonical stored form. */
  public record Decoded(KeyType type, byte[] key) {}

  /** Reads a Multikey {@code publicKeyMultibase} (base58btc, multicodec prefix) of one of the supported types. */
  public static Decoded parseMultibase(String text) throws InvalidKeyException {
    if (text == null || !text.startsWith("z")) {
      throw new InvalidKeyException("publicKeyMultibase must be base58btc (start with z)");
    }
    byte[] all = Base58.decode(text.substring(1));
    if (all == null || all.length < 3) {
      throw new InvalidKeyException("publicKeyMultibase is not base58btc");
    }
    for (KeyType t : KeyType.values()) {
      byte[] prefix = varint(t.multicodec());
      if (all.length > prefix.length && Arrays.equals(Arrays.copyOf(all, prefix.length), prefix)) {
        return new Decoded(t, normalize(t, Arrays.copyOfRange(all, prefix.length, all.length)));
      }
    }
    throw new InvalidKeyException("publicKeyMultibase holds a key type other than secp256k1, sm2 or ed25519");
  }

  static byte[] varint(int value) {
    byte[] buf = new byte[5];
    int n = 0;
    int v = value;
    while (v >= 0x80) {
      buf[n++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[n++] = (byte) v;
    return Arrays.copyOf(buf, n);
  }

  private static void put32(byte[] out, int offset, BigInteger v) {
    byte[] b = v.toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
  }

}
