package io.trestle.p2p;

import static io.trestle.p2p.TestNet.await;
import static io.trestle.p2p.TestNet.endpoint;
import static io.trestle.p2p.TestNet.fastConfig;
import static io.trestle.p2p.TestNet.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.SmSuite;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkTest {
  private static final int TEST_PROTOCOL = 100;
  private static final CryptoSuite ETH = EthereumSuite.INSTANCE;

  private final List<AutoCloseable> open = new ArrayList<>();
  private final LogCapture log = new LogCapture();

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
    log.close();
  }

  static Stream<CryptoSuite> suites() {
    return Stream.of(EthereumSuite.INSTANCE, SmSuite.INSTANCE);
  }

  private P2pNetwork node(NodeIdentity id, AdmissionPolicy admission, P2pConfig config, MessageHandler handler) {
    P2pNetwork network = new P2pNetwork(id, admission, config);
    if (handler != null) {
      network.register(TEST_PROTOCOL, handler);
    }
    open.add(network);
    return network;
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static InetSocketAddress start(P2pNetwork network) throws Exception {
    return network.start("127.0.0.1", 0);
  }

  /** A listens; B dials A. Both admit both. */
  private record Pair(P2pNetwork a, P2pNetwork b, NodeIdentity idA, NodeIdentity idB, TestNet.Recorder atA,
      TestNet.Recorder atB, InetSocketAddress addressA) {}

  private Pair connectedPair(CryptoSuite suite, P2pConfig.Builder configA, P2pConfig.Builder configB)
      throws Exception {
    NodeIdentity idA = identity(suite, 1);
    NodeIdentity idB = identity(suite, 2);
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    TestNet.Recorder atA = new TestNet.Recorder();
    TestNet.Recorder atB = new TestNet.Recorder();
    P2pNetwork a = node(idA, both, configA.build(), atA);
    InetSocketAddress addressA = start(a);
    P2pNetwork b = node(idB, both, configB.staticPeers(List.of(endpoint(addressA, idA.address()))).build(), atB);
    start(b);
    await("a and b connected", () -> a.isConnected(idB.address()) && b.isConnected(idA.address()));
    return new Pair(a, b, idA, idB, atA, atB, addressA);
  }

  @ParameterizedTest
  @MethodSource("suites")
  void admittedPeersExchangeMessagesBothWaysInOrder(CryptoSuite suite) throws Exception {
    Pair p = connectedPair(suite, fastConfig("a"), fastConfig("b"));
    int count = 300;
    for (int i = 0; i < count; i++) {
      assertTrue(p.a().send(p.idB().address(), TEST_PROTOCOL, text("a" + i)));
      assertTrue(p.b().send(p.idA().address(), TEST_PROTOCOL, text("b" + i)));
    }
    for (int i = 0; i < count; i++) {
      TestNet.Recorder.Received atB = p.atB().take();
      assertEquals("a" + i, atB.text());
      assertEquals(p.idA().address(), atB.peer());
      TestNet.Recorder.Received atA = p.atA().take();
      assertEquals("b" + i, atA.text());
      assertEquals(p.idB().address(), atA.peer());
    }
  }

  @Test
  void refusesPeerNotInTheAdmittedSet() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2);
    List<Address> connectedAtA = new CopyOnWriteArrayList<>();
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA)), fastConfig("a").build(), null);
    a.addListener(new PeerListener() {
      @Override
      public void onConnected(Address peer) {
        connectedAtA.add(peer);
      }
    });
    InetSocketAddress addressA = start(a);
    P2pNetwork b = node(idB, TestNet.admitting(List.of(idA, idB)),
        fastConfig("b").staticPeers(List.of(endpoint(addressA))).build(), null);
    start(b);

    await("a refuses b", () -> log.contains("handshake refused node=a", idB.address().toHex(), "is not admitted"));
    assertFalse(a.isConnected(idB.address()));
    assertEquals(List.of(), connectedAtA);
  }

  @Test
  void listenerNeverSignsForNorRevealsItselfToANonAdmittedDialer() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity stranger = identity(ETH, 66);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA)), fastConfig("a").build(), null);
    InetSocketAddress addressA = start(a);
    try (RawPeer raw = RawPeer.open(addressA)) {
      Handshake handshake = new Handshake(stranger, Handshake.Role.INITIATOR, new java.security.SecureRandom(), 1L << 32);
      raw.writeFrame(handshake.hello());
      raw.writeFrame(Handshakes.answer(handshake, raw.readFrame()));

      assertTrue(raw.closedWithoutSending(), "closed without an auth frame: no signature, no identity");
    }
    assertTrue(log.contains("handshake refused node=a", stranger.address().toHex(), "is not admitted"));
    assertFalse(a.isBanned(stranger.address()), "a refusal is not a ban");
  }

  @Test
  void refusesPeerOfAnotherChainId() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2, TestNet.CHAIN_ID + 1, TestNet.GENESIS);
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    P2pNetwork a = node(idA, both, fastConfig("a").build(), null);
    InetSocketAddress addressA = start(a);
    P2pNetwork b = node(idB, both, fastConfig("b").staticPeers(List.of(endpoint(addressA))).build(), null);
    start(b);

    await("a refuses b's chain", () -> log.contains("handshake refused node=a", "chain id " + (TestNet.CHAIN_ID + 1)));
    await("b refuses a's chain", () -> log.contains("handshake refused node=b", "chain id " + TestNet.CHAIN_ID));
    assertTrue(a.connectedPeers().isEmpty());
    assertTrue(b.connectedPeers().isEmpty());
  }

  @Test
  void refusesPeerOfAnotherGenesis() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2, TestNet.CHAIN_ID, Hash.keccak(text("another genesis")));
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    P2pNetwork a = node(idA, both, fastConfig("a").build(), null);
    InetSocketAddress addressA = start(a);
    P2pNetwork b = node(idB, both, fastConfig("b").staticPeers(List.of(endpoint(addressA))).build(), null);
    start(b);

    await("a refuses b's genesis", () -> log.contains("handshake refused node=a", "genesis hash differs"));
    assertTrue(a.connectedPeers().isEmpty());
  }

  @Test
  void refusesEndpointThatAnswersAsAnotherNode() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2);
    NodeIdentity idC = identity(ETH, 3);
    AdmissionPolicy all = TestNet.admitting(List.of(idA, idB, idC));
    P2pNetwork a = node(idA, all, fastConfig("a").build(), null);
    InetSocketAddress addressA = start(a);
    P2pNetwork b = node(idB, all, fastConfig("b").staticPeers(List.of(endpoint(addressA, idC.address()))).build(), null);
    start(b);

    await("b refuses the impostor", () -> log.contains("handshake refused node=b", "answered as " + idA.address().toHex()));
    assertFalse(b.isConnected(idA.address()));
  }

  @Test
  void dropsPeerRemovedFromTheAdmittedSetAndRefusesItsReturn() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2);
    TestNet.MutableAdmission admissionA = new TestNet.MutableAdmission(List.of(idA, idB));
    List<String> disconnects = new CopyOnWriteArrayList<>();
    P2pNetwork a = node(idA, admissionA, fastConfig("a").build(), null);
    a.addListener(new PeerListener() {
      @Override
      public void onDisconnected(Address peer, String reason) {
        disconnects.add(peer.toHex() + " " + reason);
      }
    });
    InetSocketAddress addressA = start(a);
    P2pNetwork b = node(idB, TestNet.admitting(List.of(idA, idB)),
        fastConfig("b").staticPeers(List.of(endpoint(addressA))).build(), null);
    start(b);
    await("connected", () -> a.isConnected(idB.address()) && b.isConnected(idA.address()));

    admissionA.remove(idB.address());
    a.admissionChanged();

    await("b dropped on both ends", () -> !a.isConnected(idB.address()) && !b.isConnected(idA.address()));
    assertTrue(disconnects.contains(idB.address().toHex() + " no longer admitted"), disconnects.toString());
    await("b's redial refused", () -> log.contains("handshake refused node=a", "is not admitted"));
  }

  @Test
  void flippedCiphertextByteClosesTheConnectionAndBansTheSender() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2);
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    TestNet.Recorder atA = new TestNet.Recorder();
    P2pNetwork a = node(idA, both, fastConfig("a").build(), atA);
    InetSocketAddress addressA = start(a);
    TamperProxy proxy = new TamperProxy(addressA.getPort(), (index, body) -> {
      if (index == 2) {
        body[body.length / 2] ^= 0x40;
      }
      return body;
    }, (index, body) -> body);
    open.add(proxy);
    P2pNetwork b = node(idB, both, fastConfig("b").staticPeers(List.of(endpoint(proxy.address()))).build(), null);
    start(b);
    await("connected through the proxy", () -> b.isConnected(idA.address()));

    b.send(idA.address(), TEST_PROTOCOL, text("this frame will be altered on the way"));

    await("a bans b", () -> a.isBanned(idB.address()));
    await("ban logged", () -> log.contains("peer banned address=" + idB.address().toHex(), "reason=undecodable frame"));
    await("b sees the close", () -> !b.isConnected(idA.address()));
    assertEquals(0, atA.size());
  }

  @Test
  void proxySwappingEphemeralKeysNeverGetsASessionUp() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2);
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    P2pNetwork a = node(idA, both, fastConfig("a").build(), null);
    InetSocketAddress addressA = start(a);
    byte[] mallorysKey = io.trestle.crypto.X25519.generateKeyPair(new java.security.SecureRandom()).publicKey();
    TamperProxy.Rewrite swapEphemeral = (index, body) -> {
      if (index == 0 && body.length == Hello.BYTES) {
        System.arraycopy(mallorysKey, 0, body, 4 + 2 + 1 + 8 + 32, 32);
      }
      return body;
    };
    TamperProxy proxy = new TamperProxy(addressA.getPort(), swapEphemeral, swapEphemeral);
    open.add(proxy);
    P2pNetwork b = node(idB, both, fastConfig("b").staticPeers(List.of(endpoint(proxy.address()))).build(), null);
    start(b);

    await("a rejects the auth", () -> log.contains("peer banned", "reason=handshake: auth frame does not decrypt"));
    assertTrue(a.connectedPeers().isEmpty());
    assertTrue(b.connectedPeers().isEmpty());
  }

  @Test
  void oversizeFrameClosesTheConnectionAndBansTheSender() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idR = identity(ETH, 9);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA, idR)), fastConfig("a").build(), new TestNet.Recorder());
    InetSocketAddress addressA = start(a);
    try (RawPeer raw = RawPeer.authenticated(addressA, idR)) {
      await("a admits r", () -> a.isConnected(idR.address()));
      raw.writeRaw(new byte[] {0x01, 0x00, 0x00, 0x13});
      assertTrue(raw.closedByRemote());
    }
    assertTrue(a.isBanned(idR.address()));
    assertTrue(log.contains("peer banned address=" + idR.address().toHex(), "exceeds the limit"));
  }

  @Test
  void payloadOverItsProtocolLimitBansTheSender() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idR = identity(ETH, 9);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA, idR)), fastConfig("a").build(), new TestNet.Recorder());
    InetSocketAddress addressA = start(a);
    try (RawPeer raw = RawPeer.authenticated(addressA, idR)) {
      raw.send(TEST_PROTOCOL, new byte[ProtocolOptions.DEFAULT_PAYLOAD_BYTES_MAX + 1]);
      assertTrue(raw.closedByRemote());
    }
    await("banned", () -> a.isBanned(idR.address()));
    assertTrue(log.contains("peer banned address=" + idR.address().toHex(), "exceeds its limit"));
  }

  @Test
  void unknownProtocolBansTheSender() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idR = identity(ETH, 9);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA, idR)), fastConfig("a").build(), new TestNet.Recorder());
    InetSocketAddress addressA = start(a);
    try (RawPeer raw = RawPeer.authenticated(addressA, idR)) {
      raw.send(4321, text("what is this"));
      assertTrue(raw.closedByRemote());
    }
    await("banned", () -> a.isBanned(idR.address()));
    assertTrue(log.contains("peer banned address=" + idR.address().toHex(), "reason=unknown protocol 4321"));
  }

  @Test
  void garbageOnThePortNeverHurtsTheNodeAndBansTheHost() throws Exception {
    Pair p = connectedPair(ETH, fastConfig("a").handshakeTimeoutMs(300), fastConfig("b"));
    Random random = new Random(42);
    List<byte[]> garbage = new ArrayList<>();
    garbage.add(text("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    garbage.add(new byte[] {0, 0, 0, 0});
    garbage.add(new byte[] {0, 0, 0, (byte) Hello.BYTES});
    for (int i = 0; i < 10; i++) {
      byte[] junk = new byte[1 + random.nextInt(600)];
      random.nextBytes(junk);
      garbage.add(junk);
    }
    for (byte[] junk : garbage) {
      try (RawPeer raw = RawPeer.open(p.addressA())) {
        raw.writeRaw(junk);
        assertTrue(raw.closedByRemote(), "connection stays open after junk");
      } catch (java.net.SocketException refusedWhileBanned) {
        // the host is banned: the node may reset the connection before the junk is written
      }
    }

    assertTrue(log.contains("peer banned address=127.0.0.1", "authenticated=false"), log.lines().toString());
    assertTrue(p.a().send(p.idB().address(), TEST_PROTOCOL, text("still here")));
    assertEquals("still here", p.atB().take().text());
    assertTrue(p.b().send(p.idA().address(), TEST_PROTOCOL, text("me too")));
    assertEquals("me too", p.atA().take().text());
  }

  @Test
  void handshakeThatDoesNotFinishInTimeIsClosedWithoutBan() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA)), fastConfig("a").handshakeTimeoutMs(200).build(), null);
    InetSocketAddress addressA = start(a);
    try (RawPeer silent = RawPeer.open(addressA)) {
      assertTrue(silent.closedByRemote());
    }
    assertTrue(log.contains("handshake refused node=a", "did not finish within 200 ms"));
    try (RawPeer next = RawPeer.open(addressA)) {
      assertEquals(Hello.BYTES, next.readFrame().length, "a slow host is not banned");
    }
  }

  @Test
  void keepAlivesHoldAQuietConnectionOpen() throws Exception {
    // keep-alives 50 times more often than the idle timeout, so a busy machine's pauses cannot fake an idle peer
    P2pConfig.Builder quick = fastConfig("a").keepaliveIntervalMs(20).idleTimeoutMs(1_000);
    Pair p = connectedPair(ETH, quick, fastConfig("b").keepaliveIntervalMs(20).idleTimeoutMs(1_000));
    List<String> reasons = new CopyOnWriteArrayList<>();
    p.a().addListener(new PeerListener() {
      @Override
      public void onDisconnected(Address peer, String reason) {
        reasons.add(reason);
      }
    });

    Thread.sleep(2_100);

    assertEquals(List.of(), reasons, "two idle timeouts passed without traffic but with keep-alives");
    assertTrue(p.a().isConnected(p.idB().address()));
  }

  @Test
  void silentPeerIsClosedAfterTheIdleTimeout() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idR = identity(ETH, 9);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA, idR)),
        fastConfig("a").keepaliveIntervalMs(20).idleTimeoutMs(150).build(), null);
    InetSocketAddress addressA = start(a);
    try (RawPeer silent = RawPeer.authenticated(addressA, idR)) {
      assertEquals(Protocols.KEEPALIVE, Envelope.decode(silent.receiveAny()).protocol(), "the node keeps talking");
      assertTrue(silent.closedByRemote());
    }
    await("disconnect logged", () -> log.contains("peer disconnected node=a", "nothing received for 150 ms"));
    assertFalse(a.isBanned(idR.address()));
  }

  @Test
  void reconnectsAfterTheRemoteRestarts() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2);
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    P2pNetwork a = node(idA, both, fastConfig("a").build(), new TestNet.Recorder());
    InetSocketAddress addressA = start(a);
    TestNet.Recorder atB = new TestNet.Recorder();
    P2pNetwork b = node(idB, both, fastConfig("b").staticPeers(List.of(endpoint(addressA, idA.address()))).build(), atB);
    start(b);
    await("connected", () -> b.isConnected(idA.address()));

    a.close();
    await("b notices", () -> !b.isConnected(idA.address()));
    TestNet.Recorder atRestartedA = new TestNet.Recorder();
    P2pNetwork restarted = node(idA, both, fastConfig("a2").build(), atRestartedA);
    restarted.start("127.0.0.1", addressA.getPort());

    await("b reconnects", () -> b.isConnected(idA.address()) && restarted.isConnected(idB.address()));
    assertTrue(b.send(idA.address(), TEST_PROTOCOL, text("welcome back")));
    assertEquals("welcome back", atRestartedA.take().text());
  }

  @Test
  void broadcastReachesEveryPeer() throws Exception {
    int n = 4;
    List<NodeIdentity> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(identity(ETH, 10 + i));
    }
    AdmissionPolicy all = TestNet.admitting(ids);
    List<P2pNetwork> nodes = new ArrayList<>();
    List<TestNet.Recorder> recorders = new ArrayList<>();
    List<PeerEndpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TestNet.Recorder r = new TestNet.Recorder();
      P2pNetwork node = node(ids.get(i), all, fastConfig("n" + i).staticPeers(List.copyOf(endpoints)).build(), r);
      endpoints.add(endpoint(start(node), ids.get(i).address()));
      nodes.add(node);
      recorders.add(r);
    }
    await("full mesh", () -> nodes.stream().allMatch(x -> x.connectedPeers().size() == n - 1));

    for (int i = 0; i < n; i++) {
      assertEquals(n - 1, nodes.get(i).broadcast(TEST_PROTOCOL, text("from " + i)));
    }
    for (int i = 0; i < n; i++) {
      Set<String> got = new HashSet<>();
      for (int k = 0; k < n - 1; k++) {
        got.add(recorders.get(i).take().text());
      }
      Set<String> expected = new HashSet<>();
      for (int j = 0; j < n; j++) {
        if (j != i) {
          expected.add("from " + j);
        }
      }
      assertEquals(expected, got, "node " + i);
    }
  }

  @Test
  void keepsOneConnectionWhenBothSidesDial() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idB = identity(ETH, 2);
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    TestNet.Recorder atA = new TestNet.Recorder();
    TestNet.Recorder atB = new TestNet.Recorder();
    P2pNetwork a = node(idA, both, fastConfig("a").build(), atA);
    P2pNetwork b = node(idB, both, fastConfig("b").build(), atB);
    InetSocketAddress addressA = start(a);
    InetSocketAddress addressB = start(b);
    a.addStaticPeer(endpoint(addressB, idB.address()));
    b.addStaticPeer(endpoint(addressA, idA.address()));

    boolean aIsLower = idA.address().compareTo(idB.address()) < 0;
    PeerInfo.Direction expectedAtA = aIsLower ? PeerInfo.Direction.OUTBOUND : PeerInfo.Direction.INBOUND;
    PeerInfo.Direction expectedAtB = aIsLower ? PeerInfo.Direction.INBOUND : PeerInfo.Direction.OUTBOUND;
    await("the connection opened by the lower address remains", () ->
        connected(a).equals(List.of(expectedAtA)) && connected(b).equals(List.of(expectedAtB)));

    assertTrue(a.send(idB.address(), TEST_PROTOCOL, text("one")));
    assertEquals("one", atB.take().text());
    assertTrue(b.send(idA.address(), TEST_PROTOCOL, text("two")));
    assertEquals("two", atA.take().text());
  }

  private static List<PeerInfo.Direction> connected(P2pNetwork network) {
    return network.peers().stream().filter(p -> p.state() == PeerState.CONNECTED).map(PeerInfo::direction).toList();
  }

  @Test
  void refusesConnectionToItself() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA)), fastConfig("a").build(), null);
    InetSocketAddress addressA = start(a);
    a.addStaticPeer(endpoint(addressA));

    await("dialer gives up on itself", () -> log.contains("static peer is this node itself", "node=a"));
    assertTrue(a.connectedPeers().isEmpty());
  }

  @Test
  void exhaustedFrameCounterClosesTheSessionWhichIsReestablishedWithFreshKeys() throws Exception {
    Pair p = connectedPair(ETH, fastConfig("a").framesPerDirectionMax(20), fastConfig("b").framesPerDirectionMax(20));
    List<String> reasons = new CopyOnWriteArrayList<>();
    p.b().addListener(new PeerListener() {
      @Override
      public void onDisconnected(Address peer, String reason) {
        reasons.add(reason);
      }
    });
    for (int i = 0; i < 30; i++) {
      p.b().send(p.idA().address(), TEST_PROTOCOL, text("m" + i));
      if (i == 15) {
        await("first 16 delivered", () -> p.atA().size() >= 16);
      }
    }

    await("session closed for re-keying", () -> reasons.stream().anyMatch(r -> r.contains("counter reached its limit")));
    await("re-established", () -> p.a().isConnected(p.idB().address()) && p.b().isConnected(p.idA().address()));
    assertFalse(p.a().isBanned(p.idB().address()));
    assertFalse(p.b().isBanned(p.idA().address()));
  }

  @Test
  void peerThatCannotKeepUpIsDisconnectedInsteadOfLosingMessages() throws Exception {
    NodeIdentity idA = identity(ETH, 1);
    NodeIdentity idR = identity(ETH, 9);
    P2pNetwork a = node(idA, TestNet.admitting(List.of(idA, idR)),
        fastConfig("a").outboundQueueMessagesMax(64).build(), null);
    InetSocketAddress addressA = start(a);
    try (RawPeer neverReads = RawPeer.authenticated(addressA, idR)) {
      await("admitted", () -> a.isConnected(idR.address()));
      byte[] chunk = new byte[64 * 1024];
      int accepted = 0;
      while (accepted < 10_000 && a.send(idR.address(), TEST_PROTOCOL, chunk)) {
        accepted++;
      }
      assertTrue(accepted < 10_000, "the queue never filled");
      await("disconnected", () -> !a.isConnected(idR.address()));
      assertTrue(neverReads.closedByRemote());
    }
    assertTrue(log.contains("peer outbound queue full, disconnecting node=a", idR.address().toHex()));
    assertFalse(a.isBanned(idR.address()), "a slow peer is not a malicious one");
  }

  @Test
  void reportedMisbehaviourBansAndDropsThePeerUntilTheBanEnds() throws Exception {
    Pair p = connectedPair(ETH, fastConfig("a").banMs(400), fastConfig("b"));
    List<String> bans = new CopyOnWriteArrayList<>();
    p.a().addListener(new PeerListener() {
      @Override
      public void onBanned(Address peer, String reason) {
        bans.add(peer.toHex() + " " + reason);
      }
    });

    p.a().reportMisbehaviour(p.idB().address(), "invalid vote signature");

    assertTrue(p.a().isBanned(p.idB().address()));
    assertEquals(List.of(p.idB().address().toHex() + " invalid vote signature"), bans);
    assertTrue(log.contains("peer banned address=" + p.idB().address().toHex(), "reason=invalid vote signature"));
    await("dropped", () -> !p.b().isConnected(p.idA().address()));
    await("redial refused during the ban", () -> log.contains("handshake refused node=a", "is banned for"));
    await("back after the ban", () -> p.a().isConnected(p.idB().address()));
  }

  @Test
  void rateLimitedPeerIsSlowedWithoutLosingMessages() throws Exception {
    Pair p = connectedPair(ETH, fastConfig("a").inboundMessagesPerSecond(400), fastConfig("b"));
    int count = 800;
    for (int i = 0; i < count; i++) {
      assertTrue(p.b().send(p.idA().address(), TEST_PROTOCOL, text("m" + i)));
    }
    for (int i = 0; i < count; i++) {
      assertEquals("m" + i, p.atA().take().text());
    }
    assertFalse(p.a().isBanned(p.idB().address()));
  }

  @Test
  void peersListsConnectedAndUnreachableStaticPeers() throws Exception {
    Pair p = connectedPair(ETH, fastConfig("a"), fastConfig("b"));
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    p.b().addStaticPeer(PeerEndpoint.of("127.0.0.1", closedPort));

    await("unreachable peer reported", () -> p.b().peers().stream().anyMatch(i ->
        i.endpoint().equals("127.0.0.1:" + closedPort) && i.address().isEmpty()
            && (i.state() == PeerState.BACKING_OFF || i.state() == PeerState.CONNECTING)));
    assertTrue(p.b().peers().stream().anyMatch(i ->
        i.address().equals(java.util.Optional.of(p.idA().address())) && i.state() == PeerState.CONNECTED
            && i.direction() == PeerInfo.Direction.OUTBOUND));
  }
}
