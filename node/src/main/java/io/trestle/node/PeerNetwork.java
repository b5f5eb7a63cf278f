package io.trestle.node;

import io.trestle.consensus.cert.CertificateCheck;
import io.trestle.consensus.cert.CertificateVerifier;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.MessageCodec;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Header;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.Chain;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.consensus.ChainApplication;
import io.trestle.node.consensus.ConsensusDriver;
import io.trestle.node.consensus.ConsensusNetwork;
import io.trestle.p2p.NodeIdentity;
import io.trestle.p2p.P2pConfig;
import io.trestle.p2p.P2pNetwork;
import io.trestle.p2p.PeerEndpoint;
import io.trestle.p2p.PeerEndpointException;
import io.trestle.p2p.PeerInfo;
import io.trestle.p2p.PeerState;
import io.trestle.p2p.ProtocolOptions;
import io.trestle.p2p.Protocols;
import io.trestle.p2p.gossip.Gossip;
import io.trestle.p2p.sync.BlockSync;
import io.trestle.p2p.sync.SyncConfig;
import io.trestle.p2p.sync.SyncRejectedException;
import io.trestle.p2p.sync.SyncSink;
import io.trestle.p2p.sync.SyncSource;
import io.trestle.txpool.TxPool;
import io.trestle.txpool.TxPoolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node on the peer network: consensus messages to and from validators, transaction gossip, and block sync for
 * nodes that are behind. Synced blocks enter consensus as committed blocks with their certificates, which the
 * engine verifies against the validator set of their height before they are executed.
 */
final class PeerNetwork implements ConsensusNetwork, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerNetwork.class);
  private static final long SYNC_APPLY_WAIT_MS = 30_000;

  private final Chain chain;
  private final TxPool pool;
  private final CryptoSuite suite;
  private final Node.NetworkSettings settings;
  private final Supplier<ConsensusDriver> consensus;
  private final P2pNetwork p2p;
  private final Gossip gossip;
  private final BlockSync sync;
  private final ExecutorService gossipWorkers;
  private final java.util.Map<List<Genesis.Validator>, ValidatorSet> validatorSets = new java.util.IdentityHashMap<>();
  /** Who may connect now: validators of the coming heights and admitted nodes (ADR 0274). */
  private volatile Set<Address> admitted;

  PeerNetwork(Chain chain, TxPool pool, KeyPair nodeKey, Node.NetworkSettings settings, Supplier<ConsensusDriver> consensus)
      throws IOException {
    this.chain = chain;
    this.pool = pool;
    this.suite = chain.suite();
    this.settings = settings;
    this.consensus = consensus;
    this.admitted = admitted(chain);
    List<PeerEndpoint> peers = new ArrayList<>();
    for (String p : settings.peers()) {
      try {
        peers.add(PeerEndpoint.parse(p));
      } catch (PeerEndpointException e) {
        throw new IOException("peer '" + p + "': " + e.getMessage());
      }
    }
    NodeIdentity identity = new NodeIdentity(suite, nodeKey, chain.genesis().chainId(), chain.blockHash(0));
    P2pConfig config = P2pConfig.builder().name("p2p" + settings.port()).staticPeers(peers)
        .inboundMessagesPerSecond(50_000).unauthenticatedBanMs(isLoopback(settings.host()) ? 0 : 60_000).build();
    this.p2p = new P2pNetwork(identity, node -> admitted.contains(node), config);
    chain.addListener(block -> {
      Set<Address> now = admitted(chain);
      if (!now.equals(admitted)) {
        Set<Address> removed = new HashSet<>(admitted);
        removed.removeAll(now);
        admitted = now;
        LOG.info("peer admission changed admitted={} removed={}", now.size(), removed);
        p2p.admissionChanged();
      }
    });
    p2p.register(Protocols.CONSENSUS, ProtocolOptions.onIoThread(MessageCodec.MAX_MESSAGE_BYTES), (peer, payload) -> {
      ConsensusDriver driver = consensus.get();
      if (driver != null && !driver.onMessage(peer, payload)) {
        p2p.reportMisbehaviour(peer, "undecodable consensus message");
      }
    });
    this.gossipWorkers = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(20_000), r -> {
      Thread t = new Thread(r, "tx-gossip");
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.DiscardPolicy());
    this.gossip = new Gossip(p2p, Protocols.TX_GOSSIP, ProtocolOptions.on(gossipWorkers, Transaction.DEFAULT_SIZE_MAX_BYTES + 1024),
        Gossip.DEFAULT_SEEN_MAX, payload -> Hash.wrap(suite.hash(payload)), this::onGossipedTransaction);
    pool.onAdmitted(tx -> gossip.publish(tx.encode()));
    this.sync = new BlockSync(p2p, new Source(), new Sink(), SyncConfig.defaults());
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }

  /**
   * Who may connect: with governance, the validators of the next height and of every scheduled set, and the admitted
   * nodes; without it, the genesis validators and the genesis nodes (role "node").
   */
  static Set<Address> admitted(Chain chain) {
    Set<Address> nodes = new HashSet<>();
    var governance = chain.governance();
    if (governance.isPresent()) {
      nodes.addAll(governance.get().validatorsFrom(chain.head().number() + 1));
      nodes.addAll(governance.get().nodes());
    } else {
      Genesis genesis = chain.genesis();
      genesis.validators().forEach(v -> nodes.add(v.address()));
      nodes.addAll(genesis.roles().getOrDefault(Genesis.NODE_ROLE, List.of()));
    }
    return Set.copyOf(nodes);
  }

  void start() throws IOException {
    p2p.start(settings.host(), settings.port());
    sync.start();
  }

  private boolean onGossipedTransaction(Address from, byte[] payload) {
    try {
      pool.add(Transaction.decode(payload, suite, Transaction.DEFAULT_SIZE_MAX_BYTES));
      return true;
    } catch (RlpException e) {
      p2p.reportMisbehaviour(from, "undecodable transaction: " + e.getMessage());
      return false;
    } catch (TxPoolException e) {
      if (e.reason() == TxPoolException.Reason.INVALID_SIGNATURE) {
        p2p.reportMisbehaviour(from, "transaction with an invalid signature");
      }
      return false;
    }
  }

  // ---- ConsensusNetwork ----

  @Override
  public void send(Address peer, byte[] message) {
    p2p.send(peer, Protocols.CONSENSUS, message);
  }

  @Override
  public void broadcast(byte[] message) {
    p2p.broadcast(Protocols.CONSENSUS, message);
  }

  @Override
  public void reportMisbehaviour(Address peer, String reason) {
    p2p.reportMisbehaviour(peer, reason);
  }

  @Override
  public void requestSync(Address peer, long fromHeight, long toHeight) {
    sync.peerReached(peer, toHeight);
  }

  /** Dials {@code endpoint} ({@code 0x<address>@host:port}) from now on; IllegalArgumentException when malformed. */
  void addPeer(String endpoint) {
    try {
      p2p.addStaticPeer(PeerEndpoint.parse(endpoint));
    } catch (PeerEndpointException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  int peerCount() {
    return p2p.connectedPeers().size();
  }

  boolean syncing() {
    return !sync.status().caughtUp();
  }

  List<NodeApi.PeerView> peerViews() {
    List<NodeApi.PeerView> out = new ArrayList<>();
    for (PeerInfo p : p2p.peers()) {
      if (p.state() == PeerState.CONNECTED) {
        out.add(new NodeApi.PeerView(p.address().map(Address::toChecksumHex).orElse(""), p.endpoint(),
            p.direction() == PeerInfo.Direction.OUTBOUND));
      }
    }
    return out;
  }

  /** The consensus block of a committed chain block: the envelope its header hash is computed from (ADR 0008). */
  static Block consensusBlock(io.trestle.core.block.Block block, CryptoSuite suite) {
    Header h = block.header();
    return new Block(new io.trestle.consensus.cert.BlockHeader(h.number(), h.parentHash(), h.proposer(), h.timestampMs(),
        h.payloadCommitment(suite)), Bytes.wrap(block.encode()));
  }

  /** Serves committed blocks with their certificates: rlp([consensus block, certificate]). */
  private final class Source implements SyncSource {
    @Override
    public long height() {
      return chain.head().number();
    }

    @Override
    public Hash headHash() {
      return chain.head().hash();
    }

    @Override
    public List<byte[]> blocksWithCertificates(long fromHeight, long toHeight, int bytesMax) {
      List<byte[]> out = new ArrayList<>();
      long total = 0;
      for (long n = Math.max(1, fromHeight); n <= Math.min(toHeight, chain.head().number()); n++) {
        io.trestle.core.block.Block block = chain.store().block(n);
        byte[] cert = chain.store().certificate(n);
        if (block == null || cert == null) {
          break;
        }
        byte[] item = Rlp.encodeList(consensusBlock(block, suite).encode(), Rlp.encodeBytes(cert));
        if (!out.isEmpty() && total + item.length > bytesMax) {
          break;
        }
        out.add(item);
        total += item.length;
      }
      return out;
    }
  }

  /**
   * Checks each synced block's certificate against the validator set of its height, hands it to consensus as a
   * committed block, and waits until it is executed.
   */
  private final class Sink implements SyncSink {
    @Override
    public long height() {
      return chain.head().number();
    }

    @Override
    public void apply(long fromHeight, List<byte[]> items) throws SyncRejectedException {
      ConsensusDriver driver = consensus.get();
      if (driver == null) {
        return;
      }
      long expected = fromHeight;
      int accepted = 0;
      for (byte[] item : items) {
        Block block;
        CommitCertificate cert;
        try {
          List<RlpItem> f = Rlp.decode(item).items(2, "synced block");
          block = Block.decode(f.get(0).encoded());
          cert = CommitCertificate.decode(f.get(1).bytes());
        } catch (RlpException | DecodeException e) {
          throw new SyncRejectedException(accepted, "undecodable block at height " + expected + ": " + e.getMessage());
        }
        if (block.height() != expected) {
          throw new SyncRejectedException(accepted, "expected height " + expected + ", got " + block.height());
        }
        ValidatorSet validators = validatorsOnceKnown(driver, expected);
        if (validators == null) {
          // not the peer's fault: execution is slow; the sync retries the range without penalising anyone
          throw new IllegalStateException("validators of height " + expected + " not known yet; head "
              + chain.head().number());
        }
        CertificateCheck check = CertificateVerifier.verify(block.id(suite), expected, cert, validators, suite,
            chain.genesis().chainId());
        if (!check.isOk()) {
          throw new SyncRejectedException(accepted, "certificate of height " + expected + " is invalid: " + check);
        }
        if (expected > chain.head().number()) {
          driver.onCommittedBlock(Address.ZERO, block, cert);
        }
        expected++;
        accepted++;
      }
      long target = expected - 1;
      if (!awaitHead(driver, target)) {
        LOG.warn("synced blocks not applied in time target={} head={}", target, chain.head().number());
      }
    }

    /**
     * The validators of {@code height}, waiting for the blocks before it to execute when governance has not decided
     * them yet (a set is known only up to head + offset); null when execution does not get there in time.
     */
    private ValidatorSet validatorsOnceKnown(ConsensusDriver driver, long height) {
      var set = ChainApplication.validatorsOf(chain, height, validatorSets);
      if (set.isEmpty() && awaitHead(driver, height - 2)) {
        set = ChainApplication.validatorsOf(chain, height, validatorSets);
      }
      return set.orElse(null);
    }

    private boolean awaitHead(ConsensusDriver driver, long target) {
      long deadline = System.currentTimeMillis() + SYNC_APPLY_WAIT_MS;
      while (chain.head().number() < target && System.currentTimeMillis() < deadline && !driver.failed()) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return chain.head().number() >= target;
    }
  }

  @Override
  public void close() {
    sync.close();
    p2p.close();
    gossipWorkers.shutdownNow();
  }
}
