package io.trestle.node;

import io.trestle.consensus.EngineConfig;
import io.trestle.core.Address;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Secp256k1;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.system.SystemContracts;
import io.trestle.execution.Chain;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.node.assets.AssetServices;
import io.trestle.node.consensus.ChainApplication;
import io.trestle.node.consensus.ConsensusDriver;
import io.trestle.node.consensus.ConsensusNetwork;
import io.trestle.evm.system.CallGuard;
import io.trestle.node.admin.AdminApi;
import io.trestle.node.admin.AdminServer;
import io.trestle.node.admin.AdminSettings;
import io.trestle.node.governance.AuditFeed;
import io.trestle.node.governance.HeadGovernance;
import io.trestle.node.identity.IdentityServices;
import io.trestle.node.metrics.HealthRoute;
import io.trestle.services.governance.ChainParameter;
import io.trestle.services.governance.GovernanceContract;
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
      RpcLimits rpcLimits, NetworkSettings network, AdminSettings admin) {
    public Settings(Path dataDir, Genesis genesis, KeyPair nodeKey, String rpcHost, int rpcPort) {
      this(dataDir, genesis, nodeKey, rpcHost, rpcPort, RpcLimits.defaults(), null, null);
    }

    public Settings(Path dataDir, Genesis genesis, KeyPair nodeKey, String rpcHost, int rpcPort, RpcLimits rpcLimits,
        NetworkSettings network) {
      this(dataDir, genesis, nodeKey, rpcHost, rpcPort, rpcLimits, network, null);
    }
  }

  /**
   * The transaction processor of a chain: the EVM with every system contract registered and governance's call guard.
   * The one place system contracts are registered, so every node and tool of a chain agrees on its genesis state.
   */
  public static TransactionProcessor transactionProcessor(Genesis genesis) {
    SystemContracts.Builder systems = SystemContracts.builder();
    IdentityServices.register(systems);
    AssetServices.register(systems);
    CallGuard guard = GovernanceContract.register(systems, genesis.suite());
    return new TransactionProcessor(systems.build(), guard);
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
  private AuditFeed audit;
  private AdminServer admin;
  private InetSocketAddress adminAddress;

  public Node(Settings settings) {
    this.settings = settings;
  }

  public synchronized void start() throws IOException, GenesisException, InterruptedException {
    Files.createDirectories(settings.dataDir());
    Genesis genesis = settings.genesis();
    store = RocksDbKeyValueStore.open(settings.dataDir().resolve("db"));
    try {
      chain = Chain.open(store, genesis, transactionProcessor(genesis));
    } catch (GenesisException | RuntimeException e) {
      store.close();
      throw e;
    }
    HeadAccounts accounts = new HeadAccounts(chain);
    chain.addListener(accounts);
    pool = new TxPool(TxPoolConfig.defaults(genesis.chainId(), genesis.fees().minGasPrice()), accounts, chain.nextGasLimit());
    HeadGovernance governance = new HeadGovernance(chain);
    pool.setAdmissionRule(governance);
    chain.addListener(block -> pool.setBlockGasLimit(chain.nextGasLimit()));
    Address self = Address.wrap(genesis.suite().address(settings.nodeKey().publicKey()));

    ChainApplication app = new ChainApplication(chain, pool, BLOCK_TXS_MAX);
    if (settings.network() != null) {
      network = new PeerNetwork(chain, pool, settings.nodeKey(), settings.network(), () -> consensus);
    }
    EngineConfig engineConfig = EngineConfig.defaults(genesis.chainId())
        .withBlockIntervalMs(governed(ChainParameter.BLOCK_INTERVAL_MS, genesis.blockIntervalMs()));
    consensus = new ConsensusDriver(chain, app, store, settings.nodeKey(),
        network == null ? ConsensusNetwork.NONE : network, engineConfig, System::currentTimeMillis);

    JsonRpcProcessor processor = new JsonRpcProcessor(1000);
    Address coinbase = genesis.validators().stream().anyMatch(v -> v.address().equals(self)) ? self : null;
    RpcLimits limits = settings.rpcLimits().withLogs(
        (int) governed(ChainParameter.LOGS_BLOCK_RANGE_MAX, settings.rpcLimits().logsBlockRangeMax()),
        (int) governed(ChainParameter.LOGS_RESULTS_MAX, settings.rpcLimits().logsResultsMax()));
    eth = new EthRpc(chain, pool, CLIENT_VERSION, () -> network == null ? 0 : network.peerCount(), coinbase, limits);
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
    IdentityServices.install(chain, processor, rpc);
    assets = AssetServices.install(chain, store, processor, rpc);
    audit = new AuditFeed(chain, governance, System::currentTimeMillis);
    audit.install(rpc);
    eth.start();
    rpcAddress = rpc.start();
    if (settings.admin() != null) {
      admin = new AdminServer(settings.admin(), new AdminApi(() -> nodeInfo(self), adminNetwork()), rpcWorkers);
      adminAddress = admin.start();
      LOG.info("admin endpoint listening address=http://{}:{} token={}", adminAddress.getHostString(),
          adminAddress.getPort(), settings.admin().token() != null);
    }
    if (network != null) {
      network.start();
    }
    consensus.start();
    LOG.info("node started chainId={} head={} node={} validator={} dataDir={} suite={} secp256k1={}",
        genesis.chainId(), chain.head().number(), self.toChecksumHex(),
        genesis.validators().stream().anyMatch(v -> v.address().equals(self)), settings.dataDir(), genesis.cryptoSuite(),
        Secp256k1.implementation());
  }

  /**
   * A chain parameter as the committee set it at the head, else {@code fallback}. Node-local parameters (block
   * interval, log-query limits) are read once at start (ADR 0273).
   */
  private long governed(ChainParameter parameter, long fallback) {
    return chain.governance().flatMap(g -> g.parameter(parameter)).map(java.math.BigInteger::longValue).orElse(fallback);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode nodeInfo(Address self) {
    var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("address", self.toChecksumHex());
    o.put("publicKey", io.trestle.crypto.Hex.encodePrefixed(settings.nodeKey().publicKey()));
    o.put("chainId", settings.genesis().chainId());
    o.put("cryptoSuite", chain.suite().name());
    o.put("height", chain.head().number());
    o.put("validator", chain.validatorsAt(chain.head().number() + 1).stream().anyMatch(v -> v.address().equals(self)));
    if (settings.network() != null) {
      o.put("p2p", settings.network().host() + ":" + settings.network().port());
    }
    return o;
  }

  private AdminApi.Network adminNetwork() {
    if (network == null) {
      return null;
    }
    return new AdminApi.Network() {
      @Override
      public List<AdminApi.Peer> peers() {
        return network.peerViews().stream().map(p -> new AdminApi.Peer(p.address(), p.endpoint(), p.outbound())).toList();
      }

      @Override
      public void addPeer(String endpoint) {
        network.addPeer(endpoint);
      }
    };
  }

  public InetSocketAddress rpcAddress() {
    return rpcAddress;
  }

  /** Where the admin endpoint listens, or null when it is off. */
  public InetSocketAddress adminAddress() {
    return adminAddress;
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
    if (admin != null) {
      admin.close();
    }
    if (audit != null) {
      audit.close();
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
