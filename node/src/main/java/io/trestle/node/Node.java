package io.trestle.node;

import io.trestle.consensus.EngineConfig;
import io.trestle.core.Address;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.system.SystemContracts;
import io.trestle.execution.Chain;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.node.assets.AssetServices;
import io.trestle.node.consensus.ChainApplication;
import io.trestle.node.consensus.ConsensusDriver;
import io.trestle.node.consensus.ConsensusNetwork;
import io.trestle.node.metrics.HealthRoute;
import io.trestle.node.metrics.NodeMetrics;
import io.trestle.rpc.eth.EthRpc;
import io.trestle.rpc.eth.RpcLimits;
import io.trestle.rpc.http.HttpRpcServer;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.ws.WebSocketRpc;
import io.trestle.state.kv.RocksDbKeyValueStore;
import io.trestle.txpool.TxPool;
import io.trestle.txpool.TxPoolConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running node: storage, chain, pool, consensus, the peer network and the RPC endpoint, wired together. */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  public static final String CLIENT_VERSION = "Trestle/v0.1.0/java17";
  /** Most transactions one block takes from the pool. */
  public static final int BLOCK_TXS_MAX = 10_000;

  /**
   * What a node needs to start. {@code network} is null for a chain of one validator that talks to nobody.
   */
  public record Settings(Path dataDir, Genesis genesis, KeyPair nodeKey, String rpcHost, int rpcPort,
      RpcLimits rpcLimits, NetworkSettings network) {
    public Settings(Path dataDir, Genesis genesis, KeyPair nodeKey, String rpcHost, int rpcPort) {
      this(dataDir, genesis, nodeKey, rpcHost, rpcPort, RpcLimits.defaults(), null);
    }
  }

  /** The peer-to-peer endpoint and the peers to dial ({@code 0x<address>@host:port} or {@code host:port}). */
  public record NetworkSettings(String host, int port, List<String> peers) {}

  private final Settings settings;
  private RocksDbKeyValueStore store;
  private Chain chain;
  private TxPool pool;
  private HttpRpcServer rpc;
  private EthRpc eth;
  private volatile ConsensusDriver consensus;
  private PeerNetwork network;
  private ThreadPoolExecutor rpcWorkers;
  private InetSocketAddress rpcAddress;
  private NodeMetrics metrics;
  private AssetServices assets;

  public Node(Settings settings) {
    this.settings = settings;
  }

  public synchronized void start() throws IOException, GenesisException, InterruptedException {
    Files.createDirectories(settings.dataDir());
    Genesis genesis = settings.genesis();
    store = RocksDbKeyValueStore.open(settings.dataDir().resolve("db"));
    try {
      chain = Chain.open(store, genesis, new TransactionProcessor(systemContracts(genesis)));
    } catch (GenesisException | RuntimeException e) {
      store.close();
      throw e;
    }
    HeadAccounts accounts = new HeadAccounts(chain);
    chain.addListener(accounts);
    pool = new TxPool(TxPoolConfig.defaults(genesis.chainId(), genesis.fees().minGasPrice()), accounts, genesis.gasLimit());
    Address self = Address.wrap(genesis.suite().address(settings.nodeKey().publicKey()));

    ChainApplication app = new ChainApplication(chain, pool, BLOCK_TXS_MAX);
    if (settings.network() != null) {
      network = new PeerNetwork(chain, pool, settings.nodeKey(), settings.network(), () -> consensus);
    }
    EngineConfig engineConfig = EngineConfig.defaults(genesis.chainId()).withBlockIntervalMs(genesis.blockIntervalMs());
    consensus = new ConsensusDriver(chain, app, store, settings.nodeKey(),
        network == null ? ConsensusNetwork.NONE : network, engineConfig, System::currentTimeMillis);

    JsonRpcProcessor processor = new JsonRpcProcessor(1000);
    Address coinbase = genesis.validators().stream().anyMatch(v -> v.address().equals(self)) ? self : null;
    eth = new EthRpc(chain, pool, CLIENT_VERSION, () -> network == null ? 0 : network.peerCount(), coinbase,
        settings.rpcLimits());
    eth.register(processor);
    new NodeApi(chain, () -> consensus, () -> network == null ? List.of() : network.peerViews(),
        () -> network != null && network.syncing()).register(processor);
    rpcWorkers = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
        r -> {
          Thread t = new Thread(r, "rpc-worker");
          t.setDaemon(true);
          return t;
        });
    metrics = new NodeMetrics(chain, pool, store, () -> network == null ? 0 : network.peerCount(),
        () -> consensus.status().map(st -> (long) st.round()).orElse(0L),
        () -> consensus.roundChanges());
    chain.addListener(metrics);
    rpc = new HttpRpcServer(HttpRpcServer.Settings.defaults(settings.rpcHost(), settings.rpcPort()), processor, rpcWorkers);
    rpc.addRoute(metrics.route());
    rpc.addRoute(new HealthRoute(chain, System::currentTimeMillis, Math.max(10_000, 10 * genesis.blockIntervalMs()),
        () -> network != null && network.syncing()));
    new WebSocketRpc(WebSocketRpc.Settings.defaults(), processor, rpcWorkers, eth.subscriptions()).install(rpc);
    assets = AssetServices.install(chain, store, processor, rpc);
    eth.start();
    rpcAddress = rpc.start();
    if (network != null) {
      network.start();
    }
    consensus.start();
    LOG.info("node started chainId={} head={} node={} validator={} dataDir={}", genesis.chainId(), chain.head().number(),
        self.toChecksumHex(), genesis.validators().stream().anyMatch(v -> v.address().equals(self)), settings.dataDir());
  }

  /** The system contracts every node of a chain runs: all nodes (and {@code trestle init}) must agree on them. */
  public static SystemContracts systemContracts(Genesis genesis) {
    SystemContracts.Builder systems = SystemContracts.builder();
    AssetServices.register(systems, genesis);
    return systems.build();
  }

  public InetSocketAddress rpcAddress() {
    return rpcAddress;
  }

  public Chain chain() {
    return chain;
  }

  public ConsensusDriver consensus() {
    return consensus;
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  public TxPool pool() {
    return pool;
  }

  public AssetServices assets() {
    return assets;
  }

  @Override
  public synchronized void close() {
    if (consensus != null) {
      consensus.close();
    }
    if (network != null) {
      network.close();
    }
    if (rpc != null) {
      rpc.close();
    }
    if (eth != null) {
      eth.close();
    }
    if (rpcWorkers != null) {
      rpcWorkers.shutdownNow();
    }
    if (assets != null) {
      assets.close();
    }
    if (store != null) {
      store.close();
    }
    LOG.info("node stopped");
  }
}
