package io.trestle.p2p;

import static org.junit.jupiter.api.Assertions.fail;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Sha256;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Shared fixtures for network tests: identities, fast configurations, waiting and recording. */
public final class TestNet {
  public static final long CHAIN_ID = 7777;
  public static final Hash GENESIS = Hash.wrap(Sha256.hash("trestle test genesis".getBytes(StandardCharsets.UTF_8)));
  /** Upper bound on waiting for something that happens in milliseconds when the code is right. */
  private static final long WAIT_MS = 15_000;

  private TestNet() {}

  public static NodeIdentity identity(CryptoSuite suite, int seed) {
    return identity(suite, seed, CHAIN_ID, GENESIS);
  }

  public static NodeIdentity identity(CryptoSuite suite, int seed, long chainId, Hash genesis) {
    byte[] privateKey = Sha256.hash(("trestle test node " + seed).getBytes(StandardCharsets.UTF_8));
    return new NodeIdentity(suite, suite.keyPair(privateKey), chainId, genesis);
  }

  /** Short back-offs and timers so tests finish fast; limits at their defaults unless a test overrides them. */
  public static P2pConfig.Builder fastConfig(String name) {
    return P2pConfig.builder()
        .name(name)
        .ioThreads(1)
        .redialBaseMs(20)
        .redialMaxMs(200)
        .handshakeTimeoutMs(3_000)
        .maintenanceIntervalMs(100)
        .keepaliveIntervalMs(1_000)
        .idleTimeoutMs(20_000);
  }

  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("gave up waiting for: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for: " + what);
      }
    }
  }

  public static PeerEndpoint endpoint(InetSocketAddress bound) {
    return PeerEndpoint.of("127.0.0.1", bound.getPort());
  }

  public static PeerEndpoint endpoint(InetSocketAddress bound, Address expected) {
    return PeerEndpoint.of("127.0.0.1", bound.getPort(), expected);
  }

  public static AdmissionPolicy admitting(Collection<NodeIdentity> nodes) {
    List<Address> addresses = new ArrayList<>();
    nodes.forEach(n -> addresses.add(n.address()));
    return AdmissionPolicy.allowing(addresses);
  }

  /** A mutable admitted set, as governance would keep it. */
  public static final class MutableAdmission implements AdmissionPolicy {
    private final Set<Address> admitted = ConcurrentHashMap.newKeySet();

    public MutableAdmission(Collection<NodeIdentity> nodes) {
      nodes.forEach(n -> admitted.add(n.address()));
    }

    public void remove(Address a) {
      admitted.remove(a);
    }

    @Override
    public boolean admits(Address node) {
      return admitted.contains(node);
    }
  }

  /** A handler that keeps what it receives, in arrival order. */
  public static final class Recorder implements MessageHandler {
    public record Received(Address peer, byte[] payload) {
      public String text() {
        return new String(payload, StandardCharsets.UTF_8);
      }
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(Address peer, byte[] payload) {
      received.add(new Received(peer, payload));
    }

    public Received take() {
      try {
        Received r = received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (r == null) {
          fail("no message arrived");
        }
        return r;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    public int size() {
      return received.size();
    }

    public List<Received> drain() {
      List<Received> out = new ArrayList<>();
      received.drainTo(out);
      return out;
    }
  }
}
