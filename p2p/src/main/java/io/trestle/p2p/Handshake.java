package io.trestle.p2p;

import io.trestle.core.Address;
import io.trestle.crypto.CryptoException;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Signature;
import io.trestle.crypto.X25519;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * One end of the handshake of ADR 0201, as a pure state machine (no sockets, no clock), so it can be tested
 * and fuzzed byte by byte:
 *
 * <ol>
 *   <li>send {@link #hello()}; on the peer's hello ({@link #acceptPeerHello}), check chain and version and derive
 *       the session keys from the X25519 secret and the transcript hash;
 *   <li>the initiator sends its {@link #authFrame()} (node public key and a signature over the transcript,
 *       encrypted under the new send key, frame counter 0) right away;
 *   <li>on the peer's auth frame ({@link #onPeerAuth}), decrypt it (key confirmation), verify the signature
 *       (authentication) and hand back the peer's identity and the two directional ciphers; the responder sends
 *       its own auth frame only now, after the network admitted the initiator.
 * </ol>
 *
 * Admission, bans and duplicate connections are the network's business, decided on the result.
 */
final class Handshake {
  static final int VERSION = 1;
  static final int PUBLIC_KEY_BYTES = 64;
  static final int SIGNATURE_BYTES = 65;
  static final int AUTH_PLAINTEXT_BYTES = PUBLIC_KEY_BYTES + SIGNATURE_BYTES;
  static final int AUTH_FRAME_BYTES = AUTH_PLAINTEXT_BYTES + SessionSuite.TAG_BYTES;

  private static final byte[] TRANSCRIPT_LABEL = ascii("trestle-p2p/1 transcript");
  private static final byte[] AUTH_LABEL = ascii("trestle-p2p/1 auth");
  private static final byte[] KEY_I2R_LABEL = ascii("trestle-p2p/1 key initiator to responder");
  private static final byte[] KEY_R2I_LABEL = ascii("trestle-p2p/1 key responder to initiator");

  enum Role {
    INITIATOR('I'),
    RESPONDER('R');

    final byte label;

    Role(char label) {
      this.label = (byte) label;
    }

    Role other() {
      return this == INITIATOR ? RESPONDER : INITIATOR;
    }
  }

  /** What a finished handshake yields: the authenticated peer and the two directions of the session. */
  record Result(Address peerAddress, byte[] peerPublicKey, SessionCipher send, SessionCipher receive) {}

  private enum Step { AWAIT_HELLO, AWAIT_AUTH, DONE }

  private final NodeIdentity local;
  private final SessionSuite sessionSuite;
  private final Role role;
  private final long framesMax;
  private final byte[] localPublicKey;
  private final byte[] ephemeralPrivate;
  private final byte[] localHello;
  private Step step = Step.AWAIT_HELLO;
  private byte[] transcriptHash;
  private SessionCipher send;
  private SessionCipher receive;

  Handshake(NodeIdentity local, Role role, SecureRandom random, long framesMax) {
    this.local = Objects.requireNonNull(local, "local");
    this.sessionSuite = SessionSuite.of(local.suite());
    this.role = Objects.requireNonNull(role, "role");
    this.framesMax = framesMax;
    this.localPublicKey = local.nodeKey().publicKey();
    KeyPair ephemeral = X25519.generateKeyPair(random);
    this.ephemeralPrivate = ephemeral.privateKey();
    byte[] nonce = new byte[Hello.NONCE_BYTES];
    random.nextBytes(nonce);
    this.localHello = new Hello(VERSION, sessionSuite.wireId, local.chainId(), local.genesisHash().toArray(),
        ephemeral.publicKey(), nonce).encode();
  }

  Role role() {
    return role;
  }

  /** Our hello, to send as the first frame. */
  byte[] hello() {
    return localHello.clone();
  }

  /**
   * Takes the peer's hello: checks version, suite, chain id and genesis hash, and that the peer did not reflect
   * our own hello back, then derives the session keys.
   */
  void acceptPeerHello(byte[] peerHelloBytes) throws HandshakeException {
    requireStep(Step.AWAIT_HELLO);
    Hello peer = Hello.decode(peerHelloBytes);
    Hello mine = decodeOwn(localHello);
    if (peer.version() != VERSION) {
      throw mismatch("protocol version " + peer.version() + " is not supported (this node speaks " + VERSION + ")");
    }
    if (peer.suiteId() != sessionSuite.wireId) {
      SessionSuite named = SessionSuite.byWireId(peer.suiteId());
      throw mismatch("crypto suite " + (named == null ? "#" + peer.suiteId() : named.name().toLowerCase())
          + " differs from this chain's " + local.suite().name());
    }
    if (peer.chainId() != local.chainId()) {
      throw mismatch("chain id " + peer.chainId() + " differs from this chain's " + local.chainId());
    }
    if (!MessageDigest.isEqual(peer.genesisHash(), mine.genesisHash())) {
      throw mismatch("genesis hash differs from this chain's " + local.genesisHash());
    }
    if (MessageDigest.isEqual(peer.ephemeralKey(), mine.ephemeralKey())
        || MessageDigest.isEqual(peer.nonce(), mine.nonce())) {
      throw new HandshakeException(HandshakeException.Kind.AUTHENTICATION, "peer hello reflects our own");
    }
    byte[] shared;
    try {
      shared = X25519.sharedSecret(ephemeralPrivate, peer.ephemeralKey());
    } catch (CryptoException weak) {
      throw new HandshakeException(HandshakeException.Kind.AUTHENTICATION, "peer ephemeral key: " + weak.getMessage());
    } finally {
      Arrays.fill(ephemeralPrivate, (byte) 0);
    }
    byte[] initiatorHello = role == Role.INITIATOR ? localHello : peerHelloBytes;
    byte[] responderHello = role == Role.INITIATOR ? peerHelloBytes : localHello;
    transcriptHash = sessionSuite.hash(concat(TRANSCRIPT_LABEL, initiatorHello, responderHello));
    byte[] prk = sessionSuite.extract(transcriptHash, shared);
    Arrays.fill(shared, (byte) 0);
    byte[] i2r = sessionSuite.expand(prk, KEY_I2R_LABEL, sessionSuite.keyBytes);
    byte[] r2i = sessionSuite.expand(prk, KEY_R2I_LABEL, sessionSuite.keyBytes);
    Arrays.fill(prk, (byte) 0);
    send = new SessionCipher(sessionSuite.aead(role == Role.INITIATOR ? i2r : r2i), framesMax);
    receive = new SessionCipher(sessionSuite.aead(role == Role.INITIATOR ? r2i : i2r), framesMax);
    Arrays.fill(i2r, (byte) 0);
    Arrays.fill(r2i, (byte) 0);
    step = Step.AWAIT_AUTH;
  }

  /**
   * Our auth frame. The initiator sends it as soon as it has the responder's hello; the responder only once it
   * has authenticated and admitted the initiator, so a stranger gets neither a signature nor the responder's
   * identity.
   */
  byte[] authFrame() {
    return sealAuth(authPlaintext());
  }

  /** Checks a peer's claimed address before its signature is verified, so strangers cost no verification. */
  @FunctionalInterface
  interface Precheck {
    void check(Address claimed) throws HandshakeException;
  }

  /**
   * Takes the peer's auth frame: decrypts it, lets {@code precheck} refuse the claimed address (not for a claim
   * to be this node, which must be verified before the dialer believes it), verifies the signature and names
   * the peer.
   */
  Result onPeerAuth(byte[] frame, Precheck precheck) throws HandshakeException {
    requireStep(Step.AWAIT_AUTH);
    if (frame.length != AUTH_FRAME_BYTES) {
      throw new HandshakeException(HandshakeException.Kind.MALFORMED,
          "auth frame must be " + AUTH_FRAME_BYTES + " bytes, got " + frame.length);
    }
    byte[] plaintext = openAuth(frame);
    byte[] peerPublicKey = Arrays.copyOfRange(plaintext, 0, PUBLIC_KEY_BYTES);
    Signature signature = decodeSignature(Arrays.copyOfRange(plaintext, PUBLIC_KEY_BYTES, AUTH_PLAINTEXT_BYTES));
    boolean claimsToBeUs = MessageDigest.isEqual(peerPublicKey, localPublicKey);
    if (!claimsToBeUs) {
      precheck.check(Address.wrap(local.suite().address(peerPublicKey)));
    }
    byte[] digest = authDigest(role.other(), peerPublicKey);
    if (!local.suite().verify(digest, signature, peerPublicKey)) {
      throw new HandshakeException(HandshakeException.Kind.AUTHENTICATION,
          "auth signature does not verify under the node key it names");
    }
    if (claimsToBeUs) {
      throw new HandshakeException(HandshakeException.Kind.SELF, "connection to oneself");
    }
    step = Step.DONE;
    Address peerAddress = Address.wrap(local.suite().address(peerPublicKey));
    return new Result(peerAddress, peerPublicKey, send, receive);
  }

  /** Decrypts the peer's auth frame (the first frame of its direction) without checking what it says. */
  byte[] openAuth(byte[] frame) throws HandshakeException {
    requireStep(Step.AWAIT_AUTH);
    try {
      return receive.open(frame);
    } catch (ProtocolException e) {
      throw new HandshakeException(HandshakeException.Kind.AUTHENTICATION, "auth frame does not decrypt: " + e.getMessage());
    }
  }

  /** Our node key and its signature over the transcript, before encryption; separate so tests can tamper with it. */
  byte[] authPlaintext() {
    requireKeys();
    CryptoSuite suite = local.suite();
    Signature signature = suite.sign(authDigest(role, localPublicKey), local.nodeKey());
    return concat(localPublicKey, signature.toCompact());
  }

  /** Encrypts an auth plaintext as the first frame of our send direction. */
  byte[] sealAuth(byte[] plaintext) {
    requireKeys();
    if (send.framesUsed() != 0) {
      throw new IllegalStateException("the auth frame was already sealed");
    }
    try {
      return send.seal(plaintext);
    } catch (ProtocolException impossible) {
      throw new IllegalStateException("a fresh session cannot have exhausted its counter", impossible);
    }
  }

  private byte[] authDigest(Role signer, byte[] signerPublicKey) {
    return sessionSuite.hash(concat(AUTH_LABEL, new byte[] {signer.label}, transcriptHash, signerPublicKey));
  }

  private static Signature decodeSignature(byte[] compact) throws HandshakeException {
    int recoveryId = compact[64] & 0xff;
    if (recoveryId > 3) {
      throw new HandshakeException(HandshakeException.Kind.AUTHENTICATION,
          "auth signature recovery id must be 0..3, got " + recoveryId);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(compact, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(compact, 32, 64));
    return new Signature(r, s, recoveryId);
  }

  private void requireKeys() {
    if (step == Step.AWAIT_HELLO) {
      throw new IllegalStateException("no session keys before the peer's hello");
    }
  }

  private void requireStep(Step expected) {
    if (step != expected) {
      throw new IllegalStateException("handshake is at " + step + ", not " + expected);
    }
  }

  private static Hello decodeOwn(byte[] hello) {
    try {
      return Hello.decode(hello);
    } catch (HandshakeException impossible) {
      throw new IllegalStateException("own hello does not decode", impossible);
    }
  }

  private static HandshakeException mismatch(String message) {
    return new HandshakeException(HandshakeException.Kind.MISMATCH, message);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
