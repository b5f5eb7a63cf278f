package io.trestle.p2p.sync;

import static io.trestle.p2p.TestNet.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Hash;
import io.trestle.crypto.EthereumSuite;
import io.trestle.p2p.AdmissionPolicy;
import io.trestle.p2p.NodeIdentity;
import io.trestle.p2p.P2pNetwork;
import io.trestle.p2p.TestNet;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Block sync over real sockets: one node behind, three peers ahead, one of which serves garbage. */
class BlockSyncTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** A chain of {@code height} blocks that serves them honestly, or serves junk when {@code garbage}. */
  static final class Chain implements SyncSource {
    final long height;
    final boolean garbage;
    final AtomicInteger served = new AtomicInteger();

    Chain(long height, boolean garbage) {
      this.height = height;
      this.garbage = garbage;
    }

    @Override
    public long height() {
      return height;
    }

    @Override
    public Hash headHash() {
      return Hash.keccak(BlockSyncerTest.block(height));
    }

    @Override
    public List<byte[]> blocksWithCertificates(long fromHeight, long toHeight, int bytesMax) {
      served.incrementAndGet();
      List<byte[]> out = new ArrayList<>();
      for (long h = fromHeight; h <= Math.min(toHeight, height); h++) {
        out.add(garbage ? new byte[] {(byte) h, 0x66} : BlockSyncerTest.block(h));
      }
      return out;
    }
  }

  /** The syncing node's sink, shared with its own (empty) source. */
  static final class Follower implements SyncSink, SyncSource {
    final BlockSyncerTest.CheckingSink checking = new BlockSyncerTest.CheckingSink();
    final List<Long> batchStarts = new CopyOnWriteArrayList<>();

    @Override
    public synchronized long height() {
      return checking.height;
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
    public synchronized void apply(long fromHeight, List<byte[]> blocks) throws SyncRejectedException {
      batchStarts.add(fromHeight);
      checking.apply(fromHeight, blocks);
    }
  }

  @Test
  void fetchesARangeFromThreePeersPenalisingTheOneThatServesGarbage() throws Exception {
    long target = 120;
    List<NodeIdentity> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(TestNet.identity(EthereumSuite.INSTANCE, 70 + i));
    }
    AdmissionPolicy all = TestNet.admitting(ids);
    SyncConfig config = SyncConfig.defaults().withBlocksPerRequest(8).withRequestTimeoutMs(2_000);

    List<Chain> chains = List.of(new Chain(target, false), new Chain(target, false), new Chain(target, true));
    List<P2pNetwork> servers = new ArrayList<>();
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      P2pNetwork network = new P2pNetwork(ids.get(i + 1), all, TestNet.fastConfig("s" + i).build());
      open.add(network);
      Chain chain = chains.get(i);
      BlockSync sync = new BlockSync(network, chain, new Follower(), config);
      open.add(sync);
      addresses.add(network.start("127.0.0.1", 0));
      servers.add(network);
    }
    Follower follower = new Follower();
    P2pNetwork network = new P2pNetwork(ids.get(0), all, TestNet.fastConfig("follower").build());
    open.add(network);
    BlockSync sync = new BlockSync(network, follower, follower, config);
    open.add(sync);
    network.start("127.0.0.1", 0);
    for (int i = 0; i < 3; i++) {
      network.addStaticPeer(TestNet.endpoint(addresses.get(i), ids.get(i + 1).address()));
    }
    await("statuses from all three peers", () -> sync.status().peersWithStatus() == 3);

    sync.start();

    await("caught up", () -> follower.height() == target);
    for (int i = 0; i < follower.checking.applied.size(); i++) {
      assertEquals(i + 1L, follower.checking.applied.get(i), "applied in height order");
    }
    assertTrue(chains.get(2).served.get() > 0, "the garbage peer was asked");
    assertTrue(network.isBanned(ids.get(3).address()), "the garbage peer is banned");
    assertFalse(network.isBanned(ids.get(1).address()));
    assertFalse(network.isBanned(ids.get(2).address()));
    assertTrue(chains.get(0).served.get() > 0 && chains.get(1).served.get() > 0, "both honest peers served");
    await("status reports caught up", () -> sync.status().caughtUp());
  }
}
