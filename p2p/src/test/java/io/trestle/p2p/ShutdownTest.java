package io.trestle.p2p;

import static io.trestle.p2p.TestNet.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Hash;
import io.trestle.crypto.EthereumSuite;
import io.trestle.p2p.sync.BlockSync;
import io.trestle.p2p.sync.SyncConfig;
import io.trestle.p2p.sync.SyncSink;
import io.trestle.p2p.sync.SyncSource;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix) && t.isAlive())
        .count();
  }

  private static final class EmptyChain implements SyncSource, SyncSink {
    @Override
    public long height() {
      return 0;
    }

    @Override
    public Hash headHash() {
      return Hash.ZERO;
    }

    @Override
    public List<byte[]> blocksWithCertificates(long fromHeight, long toHeight, int bytesMax) {
      return List.of();
    }

    @Override
    public void apply(long fromHeight, List<byte[]> blocks) {
      throw new AssertionError("nothing to apply");
    }
  }

  @Test
  void closeStopsEveryThreadTheNetworkAndSyncStarted() throws Exception {
    NodeIdentity idA = TestNet.identity(EthereumSuite.INSTANCE, 1);
    NodeIdentity idB = TestNet.identity(EthereumSuite.INSTANCE, 2);
    AdmissionPolicy both = TestNet.admitting(List.of(idA, idB));
    P2pNetwork a = new P2pNetwork(idA, both, TestNet.fastConfig("closer").ioThreads(2).build());
    BlockSync syncA = new BlockSync(a, new EmptyChain(), new EmptyChain(), SyncConfig.defaults());
    P2pNetwork b = new P2pNetwork(idB, both, TestNet.fastConfig("other").build());
    // b speaks the sync protocol too: a's sync greets every new peer, and a peer without it would ban a for sending
    // an unknown protocol, racing the "connected" check below
    BlockSync syncB = new BlockSync(b, new EmptyChain(), new EmptyChain(), SyncConfig.defaults());
    try {
      InetSocketAddress addressA = a.start("127.0.0.1", 0);
      syncA.start();
      b.start("127.0.0.1", 0);
      syncB.start();
      b.addStaticPeer(TestNet.endpoint(addressA));
      await("connected", () -> a.isConnected(idB.address()));
      assertTrue(threadsNamed("p2p-closer-") >= 2 && threadsNamed("p2p-sync-closer") >= 1);

      syncA.close();
      a.close();

      await("threads gone", () -> threadsNamed("p2p-closer-") == 0 && threadsNamed("p2p-sync-closer") == 0
          && threadsNamed("p2p-sync-serve-closer") == 0);
      await("the peer sees the close", () -> !b.isConnected(idA.address()));
    } finally {
      syncB.close();
      b.close();
    }
  }
}
