package io.trestle.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.agreement.SM2KeyExchange;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.SM2KeyExchangePrivateParameters;
import org.bouncycastle.crypto.params.SM2KeyExchangePublicParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * SM2 key exchange with key confirmation (GB/T 32918.3) on sm2p256v1, computed by BouncyCastle's
 * {@code SM2KeyExchange}. Each side has a static key pair and a fresh ephemeral key pair and knows the other
 * side's user id. The responder (B) derives the key first and sends S_B; the initiator (A) checks S_B, derives
 * the same key and sends S_A, which B checks with {@link Responder#confirms(byte[])}.
 */
public final class Sm2KeyExchange {
  /** Derived keys are at most this long: the exchange is for session keys, not bulk key stream. */
  public static final int KEY_BYTES_MAX = 1024;

  private Sm2KeyExchange() {}

  /** What the responder B holds after its step: the key, S_B to send, and the S_A it expects back. */
  public record Responder(byte[] key, byte[] confirmation, byte[] expectedInitiatorConfirmation) {
    public Responder {
      key = key.clone();
      confirmation = confirmation.clone();
      expectedInitiatorConfirmation = expectedInitiatorConfirmation.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public byte[] confirmation() {
      return confirmation.clone();
    }

    @Override
    public byte[] expectedInitiatorConfirmation() {
      return expectedInitiatorConfirmation.clone();
    }

    /** Whether the initiator's S_A matches, in constant time. */
    public boolean confirms(byte[] initiatorConfirmation) {
      return java.security.MessageDigest.isEqual(expectedInitiatorConfirmation, initiatorConfirmation);
    }
  }

  /** What the initiator A holds after checking S_B: the key and S_A to send. */
  public record Initiator(byte[] key, byte[] confirmation) {
    public Initiator {
      key = key.clone();
      confirmation = confirmation.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public byte[] confirmation() {
      return confirmation.clone();
    }
  }

  /** Responder B's step, given A's static and ephemeral 64-byte public keys and A's id. */
  public static Responder respond(
      KeyPair staticKey,
      KeyPair ephemeralKey,
      byte[] ownId,
      byte[] peerStaticPublicKey,
      byte[] peerEphemeralPublicKey,
      byte[] peerId,
      int keyBytes)
      throws CryptoException {
    byte[][] out =
        agree(
            Sm2.SCHEME,
            false,
            Sm2.privateScalar(staticKey.privateKey()),
            Sm2.privateScalar(ephemeralKey.privateKey()),
            ownId,
            Sm2.decodePublicKey(peerStaticPublicKey),
            Sm2.decodePublicKey(peerEphemeralPublicKey),
            peerId,
            keyBytes,
            null);
    return new Responder(out[0], out[1], out[2]);
  }

  /** Initiator A's step: checks B's confirmation S_B (CryptoException if it differs) and derives the key. */
  public static Initiator initiate(
      KeyPair staticKey,
      KeyPair ephemeralKey,
      byte[] ownId,
      byte[] peerStaticPublicKey,
      byte[] peerEphemeralPublicKey,
      byte[] peerId,
      int keyBytes,
      byte[] responderConfirmation)
      throws CryptoException {
    byte[][] out =
        agree(
            Sm2.SCHEME,
            true,
            Sm2.privateScalar(staticKey.privateKey()),
            Sm2.privateScalar(ephemeralKey.privateKey()),
            ownId,
            Sm2.decodePublicKey(peerStaticPublicKey),
            Sm2.decodePublicKey(peerEphemeralPublicKey),
            peerId,
            keyBytes,
            responderConfirmation);
    return new Initiator(out[0], out[1]);
  }

  /**
   * Runs one side over any curve; peer points must already be validated. Returns {key, S_B, S_A} for the
   * responder and {key, S_A} for the initiator.
   */
  static byte[][] agree(
      Sm2Scheme scheme,
      boolean initiator,
      BigInteger staticPrivate,
      BigInteger ephemeralPrivate,
      byte[] ownId,
      ECPoint peerStatic,
      ECPoint peerEphemeral,
      byte[] peerId,
      int keyBytes,
      byte[] responderConfirmation)
      throws CryptoException {
    if (keyBytes < 1 || keyBytes > KEY_BYTES_MAX) {
      throw new IllegalArgumentException("SM2 exchanged key length must be 1.." + KEY_BYTES_MAX + ", got " + keyBytes);
    }
    if (initiator && responderConfirmation == null) {
      throw new IllegalArgumentException("the initiator needs the responder's confirmation S_B");
    }
    if (ownId.length > Sm2Scheme.USER_ID_BYTES_MAX || peerId.length > Sm2Scheme.USER_ID_BYTES_MAX) {
      throw new IllegalArgumentException("SM2 user ids may be at most " + Sm2Scheme.USER_ID_BYTES_MAX + " bytes");
    }
    ECDomainParameters domain = scheme.domain();
    SM2KeyExchange exchange = new SM2KeyExchange();
    exchange.init(
        new ParametersWithID(
            new SM2KeyExchangePrivateParameters(
                initiator,
                new ECPrivateKeyParameters(scheme.requirePrivateScalar(staticPrivate), domain),
                new ECPrivateKeyParameters(scheme.requirePrivateScalar(ephemeralPrivate), domain)),
            ownId.clone()));
    ParametersWithID peer =
        new ParametersWithID(
            new SM2KeyExchangePublicParameters(
                new ECPublicKeyParameters(peerStatic, domain), new ECPublicKeyParameters(peerEphemeral, domain)),
            peerId.clone());
    try {
      return exchange.calculateKeyWithConfirmation(keyBytes * 8, responderConfirmation, peer);
    } catch (IllegalStateException refused) {
      // BouncyCastle signals both a confirmation mismatch and a degenerate shared point this way.
      throw new CryptoException("SM2 key exchange failed: " + refused.getMessage());
    }
  }
}
