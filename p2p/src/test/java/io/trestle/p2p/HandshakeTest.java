package io.trestle.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.SmSuite;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long FRAMES_MAX = 1L << 32;

  static Stream<CryptoSuite> suites() {
    return Stream.of(EthereumSuite.INSTANCE, SmSuite.INSTANCE);
  }

  private static Handshake initiator(NodeIdentity id) {
    return new Handshake(id, Handshake.Role.INITIATOR, RANDOM, FRAMES_MAX);
  }

  private static Handshake responder(NodeIdentity id) {
    return new Handshake(id, Handshake.Role.RESPONDER, RANDOM, FRAMES_MAX);
  }

  /** Both ends exchanged hellos and auths; returns {initiator result, responder result}. */
  private static Handshake.Result[] run(Handshake i, Handshake r) throws HandshakeException {
    byte[] authI = Handshakes.answer(i, r.hello());
    byte[] authR = Handshakes.answer(r, i.hello());
    return new Handshake.Result[] {i.onPeerAuth(authR, Handshakes.ANY), r.onPeerAuth(authI, Handshakes.ANY)};
  }

  @ParameterizedTest
  @MethodSource("suites")
  void authenticatesBothEndsAndAgreesOnDirectionalKeys(CryptoSuite suite) throws Exception {
    NodeIdentity a = TestNet.identity(suite, 1);
    NodeIdentity b = TestNet.identity(suite, 2);
    Handshake.Result[] results = run(initiator(a), responder(b));

    assertEquals(b.address(), results[0].peerAddress());
    assertEquals(a.address(), results[1].peerAddress());
    assertArrayEquals(b.nodeKey().publicKey(), results[0].peerPublicKey());
    byte[] message = "vote round 7".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(message, results[1].receive().open(results[0].send().seal(message)));
    assertArrayEquals(message, results[0].receive().open(results[1].send().seal(message)));
  }

  @ParameterizedTest
  @MethodSource("suites")
  void directionsUseDifferentKeys(CryptoSuite suite) throws Exception {
    Handshake.Result[] results = run(initiator(TestNet.identity(suite, 1)), responder(TestNet.identity(suite, 2)));
    byte[] sealed = results[0].send().seal(new byte[] {1, 2, 3});
    // The initiator's own receive direction must not accept what it sent (no reflection across directions).
    assertThrows(ProtocolException.class, () -> results[0].receive().open(sealed));
  }

  @Test
  void refusesPeerOfAnotherChainId() {
    Handshake i = initiator(TestNet.identity(EthereumSuite.INSTANCE, 1, 1, TestNet.GENESIS));
    Handshake r = responder(TestNet.identity(EthereumSuite.INSTANCE, 2, 2, TestNet.GENESIS));
    HandshakeException e = assertThrows(HandshakeException.class, () -> Handshakes.answer(r, i.hello()));
    assertEquals(HandshakeException.Kind.MISMATCH, e.kind());
    assertTrue(e.getMessage().contains("chain id 1"), e.getMessage());
  }

  @Test
  void refusesPeerOfAnotherGenesis() {
    Hash other = Hash.wrap(new byte[32]);
    Handshake i = initiator(TestNet.identity(EthereumSuite.INSTANCE, 1, TestNet.CHAIN_ID, other));
    Handshake r = responder(TestNet.identity(EthereumSuite.INSTANCE, 2));
    HandshakeException e = assertThrows(HandshakeException.class, () -> Handshakes.answer(r, i.hello()));
    assertEquals(HandshakeException.Kind.MISMATCH, e.kind());
    assertTrue(e.getMessage().contains("genesis"), e.getMessage());
  }

  @Test
  void refusesPeerOfAnotherCryptoSuite() {
    Handshake i = initiator(TestNet.identity(SmSuite.INSTANCE, 1));
    Handshake r = responder(TestNet.identity(EthereumSuite.INSTANCE, 2));
    HandshakeException e = assertThrows(HandshakeException.class, () -> Handshakes.answer(r, i.hello()));
    assertEquals(HandshakeException.Kind.MISMATCH, e.kind());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void refusesTamperedSignature(CryptoSuite suite) throws Exception {
    Handshake i = initiator(TestNet.identity(suite, 1));
    Handshake r = responder(TestNet.identity(suite, 2));
    i.acceptPeerHello(r.hello());
    Handshakes.answer(r, i.hello());
    byte[] plaintext = i.authPlaintext();
    plaintext[Handshake.PUBLIC_KEY_BYTES + 10] ^= 0x01;
    HandshakeException e = assertThrows(HandshakeException.class, () -> r.onPeerAuth(i.sealAuth(plaintext), Handshakes.ANY));
    assertEquals(HandshakeException.Kind.AUTHENTICATION, e.kind());
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void refusesSignatureByAnotherKeyThanTheOneNamed(CryptoSuite suite) throws Exception {
    Handshake i = initiator(TestNet.identity(suite, 1));
    Handshake r = responder(TestNet.identity(suite, 2));
    i.acceptPeerHello(r.hello());
    Handshakes.answer(r, i.hello());
    byte[] plaintext = i.authPlaintext();
    byte[] otherKey = TestNet.identity(suite, 3).nodeKey().publicKey();
    System.arraycopy(otherKey, 0, plaintext, 0, Handshake.PUBLIC_KEY_BYTES);
    HandshakeException e = assertThrows(HandshakeException.class, () -> r.onPeerAuth(i.sealAuth(plaintext), Handshakes.ANY));
    assertEquals(HandshakeException.Kind.AUTHENTICATION, e.kind());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void refusesMitmThatSwapsEphemeralKeys(CryptoSuite suite) throws Exception {
    NodeIdentity alice = TestNet.identity(suite, 1);
    NodeIdentity bob = TestNet.identity(suite, 2);
    NodeIdentity mallory = TestNet.identity(suite, 66);
    Handshake a = initiator(alice);
    Handshake b = responder(bob);
    // Mallory answers Alice as a responder and dials Bob as an initiator, each with her own ephemeral key.
    Handshake towardsAlice = responder(mallory);
    Handshake towardsBob = initiator(mallory);

    byte[] authFromAlice = Handshakes.answer(a, towardsAlice.hello());
    towardsAlice.acceptPeerHello(a.hello());
    towardsBob.acceptPeerHello(b.hello());
    Handshakes.answer(b, towardsBob.hello());

    // She can read Alice's auth and re-encrypt it for Bob, but Alice signed a transcript with Mallory's key in it.
    byte[] alicesAuth = towardsAlice.openAuth(authFromAlice);
    HandshakeException e = assertThrows(HandshakeException.class, () -> b.onPeerAuth(towardsBob.sealAuth(alicesAuth), Handshakes.ANY));
    assertEquals(HandshakeException.Kind.AUTHENTICATION, e.kind());
  }

  @Test
  void refusesAuthFrameReplayedFromAnEarlierSession() throws Exception {
    NodeIdentity alice = TestNet.identity(EthereumSuite.INSTANCE, 1);
    NodeIdentity bob = TestNet.identity(EthereumSuite.INSTANCE, 2);
    Handshake first = initiator(alice);
    Handshake bob1 = responder(bob);
    byte[] recordedHello = first.hello();
    byte[] recordedAuth = Handshakes.answer(first, bob1.hello());
    Handshakes.answer(bob1, recordedHello);
    bob1.onPeerAuth(recordedAuth, Handshakes.ANY);

    // An eavesdropper replays Alice's recorded messages to Bob, who answers with a fresh ephemeral key and nonce.
    Handshake bob2 = responder(bob);
    Handshakes.answer(bob2, recordedHello);
    HandshakeException e = assertThrows(HandshakeException.class, () -> bob2.onPeerAuth(recordedAuth, Handshakes.ANY));
    assertEquals(HandshakeException.Kind.AUTHENTICATION, e.kind());
  }

  @Test
  void refusesOwnHelloReflectedBack() {
    Handshake r = responder(TestNet.identity(EthereumSuite.INSTANCE, 2));
    HandshakeException e = assertThrows(HandshakeException.class, () -> Handshakes.answer(r, r.hello()));
    assertEquals(HandshakeException.Kind.AUTHENTICATION, e.kind());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void refusesConnectionToOneself(CryptoSuite suite) throws Exception {
    NodeIdentity me = TestNet.identity(suite, 1);
    Handshake i = initiator(me);
    Handshake r = responder(me);
    byte[] authI = Handshakes.answer(i, r.hello());
    Handshakes.answer(r, i.hello());
    HandshakeException e = assertThrows(HandshakeException.class, () -> r.onPeerAuth(authI, Handshakes.ANY));
    assertEquals(HandshakeException.Kind.SELF, e.kind());
  }

  @Test
  void refusesSmallOrderEphemeralKey() {
    Handshake i = initiator(TestNet.identity(EthereumSuite.INSTANCE, 1));
    Handshake r = responder(TestNet.identity(EthereumSuite.INSTANCE, 2));
    byte[] hello = i.hello();
    java.util.Arrays.fill(hello, 4 + 2 + 1 + 8 + 32, 4 + 2 + 1 + 8 + 32 + 32, (byte) 0);
    HandshakeException e = assertThrows(HandshakeException.class, () -> Handshakes.answer(r, hello));
    assertEquals(HandshakeException.Kind.AUTHENTICATION, e.kind());
  }

  @Test
  void refusesUnknownProtocolVersion() {
    Handshake i = initiator(TestNet.identity(EthereumSuite.INSTANCE, 1));
    Handshake r = responder(TestNet.identity(EthereumSuite.INSTANCE, 2));
    byte[] hello = i.hello();
    hello[5] = 2;
    HandshakeException e = assertThrows(HandshakeException.class, () -> Handshakes.answer(r, hello));
    assertEquals(HandshakeException.Kind.MISMATCH, e.kind());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void sessionRefusesAlteredFrames(CryptoSuite suite) throws Exception {
    Handshake.Result[] results = run(initiator(TestNet.identity(suite, 1)), responder(TestNet.identity(suite, 2)));
    byte[] sealed = results[0].send().seal(new byte[] {9, 9, 9});
    sealed[1] ^= 1;
    assertThrows(ProtocolException.class, () -> results[1].receive().open(sealed));
  }

  @ParameterizedTest
  @MethodSource("suites")
  void sessionRefusesReplayedFrames(CryptoSuite suite) throws Exception {
    Handshake.Result[] results = run(initiator(TestNet.identity(suite, 1)), responder(TestNet.identity(suite, 2)));
    byte[] sealed = results[0].send().seal(new byte[] {1});
    assertArrayEquals(new byte[] {1}, results[1].receive().open(sealed));
    assertThrows(ProtocolException.class, () -> results[1].receive().open(sealed));
  }

  @ParameterizedTest
  @MethodSource("suites")
  void sessionRefusesReorderedFrames(CryptoSuite suite) throws Exception {
    Handshake.Result[] results = run(initiator(TestNet.identity(suite, 1)), responder(TestNet.identity(suite, 2)));
    results[0].send().seal(new byte[] {1});
    byte[] second = results[0].send().seal(new byte[] {2});
    assertThrows(ProtocolException.class, () -> results[1].receive().open(second));
  }

  @Test
  void sessionClosesWhenItsFrameCounterIsExhausted() throws Exception {
    Handshake i = new Handshake(TestNet.identity(EthereumSuite.INSTANCE, 1), Handshake.Role.INITIATOR, RANDOM, 3);
    Handshake r = new Handshake(TestNet.identity(EthereumSuite.INSTANCE, 2), Handshake.Role.RESPONDER, RANDOM, 3);
    Handshake.Result[] results = run(i, r);
    results[0].send().seal(new byte[] {1});
    results[0].send().seal(new byte[] {2});
    assertThrows(SessionCipher.CounterExhaustedException.class, () -> results[0].send().seal(new byte[] {3}));
  }
}
