package io.trestle.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Elliptic-curve Diffie-Hellman on secp256k1 (SEC 1 §3.3.1): the shared secret is the x coordinate of d·Q.
 * Peer keys are validated as points of the curve first, which is what defeats invalid-curve attacks.
 * For the p2p handshake use {@link X25519}.
 */
public final class Ecdh {
  /*
   * DER is canonical, so a SubjectPublicKeyInfo of a secp256k1 key with the named-curve parameter has exactly
   * one byte string per point: these headers followed by the SEC 1 point. Comparing them is the strict parse.
   */
  private static final byte[] SPKI_UNCOMPRESSED = Hex.decode("3056301006072a8648ce3d020106052b8104000a034200");
  private static final byte[] SPKI_COMPRESSED = Hex.decode("3036301006072a8648ce3d020106052b8104000a032200");

  private Ecdh() {}

  /**
   * The 32-byte shared secret of a private key and a peer's public key (33, 64 or 65 bytes, see
   * {@link Secp256k1}); a CryptoException when the peer key is not a point of secp256k1.
   */
  public static byte[] secp256k1SharedSecret(byte[] privateKey, byte[] peerPublicKey) throws CryptoException {
    BigInteger d = Secp256k1.privateScalar(privateKey);
    ECPoint q = Secp256k1.decodePublicKey(peerPublicKey);
    ECPoint shared = q.multiply(d).normalize();
    if (shared.isInfinity()) {
      throw new CryptoException("secp256k1 ECDH produced the point at infinity");
    }
    return shared.getAffineXCoord().getEncoded();
  }

  /**
   * The 64-byte public key inside an X.509 SubjectPublicKeyInfo (as OpenSSL and the JDK write it) for
   * id-ecPublicKey on the named curve secp256k1. Explicit curve parameters, other curves, BER and points off
   * the curve are refused.
   */
  public static byte[] decodeSecp256k1PublicKeyInfo(byte[] der) throws CryptoException {
    byte[] point;
    if (startsWith(der, SPKI_UNCOMPRESSED) && der.length == SPKI_UNCOMPRESSED.length + 65) {
      point = Arrays.copyOfRange(der, SPKI_UNCOMPRESSED.length, der.length);
    } else if (startsWith(der, SPKI_COMPRESSED) && der.length == SPKI_COMPRESSED.length + 33) {
      point = Arrays.copyOfRange(der, SPKI_COMPRESSED.length, der.length);
    } else {
      throw new CryptoException(
          "not a DER SubjectPublicKeyInfo of an id-ecPublicKey on the named curve secp256k1 (1.3.132.0.10)");
    }
    return Arrays.copyOfRange(Secp256k1.decodePublicKey(point).getEncoded(false), 1, 65);
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }
}
