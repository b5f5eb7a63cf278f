package io.trestle.node;

import io.trestle.crypto.KeyPair;
import io.trestle.core.Address;
import io.trestle.evm.TransactionProcessor;
import io.trestle.execution.Chain;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running node: storage, chain, pool, block production and the RPC endpoint, wired together. */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  public static final String CLIENT_VERSION = "Trestle/v0.1.0/java17";

  /** What a node needs to start. */
  public record Settings(Path dataDir, Genesis genesis, KeyPair validatorKey, String rpcHost, int rpcPort,
      RpcLimits rpcLimits) {
    public Settings(Path dataDir, Genesis genesis, KeyPair validatorKey, String rpcHost, int rpcPort) {
      this(dataDir, genesis, validatorKey, rpcHost, rpcPort, RpcLimits.defaults());
    }
  }

  private final Settings settings;
  private RocksDbKeyValueStore store;
  private Chain chain;
  private TxPool pool;
  private HttpRpcServer rpc;
  private EthRpc eth;
  private SoloProducer producer;
  private ThreadPoolExecutor rpcWorkers;
  private InetSocketAddress rpcAddress;

  public Node(Settings settings) {
    this.settings = settings;
  }

  public synchronized void start() throws IOException, GenesisException, InterruptedException {
    Files.createDirectories(settings.dataDir());
    Genesis genesis = settings.genesis();
    store = RocksDbKeyValueStore.open(settings.dataDir().resolve("db"));
    try {
      chain = Chain.open(store, genesis, new TransactionProcessor());
    } catch (GenesisException | RuntimeException e) {
      store.close();
      throw e;
    }
    HeadAccounts accounts = new HeadAccounts(chain);
    chain.addListener(accounts);
    pool = new TxPool(TxPoolConfig.defaults(genesis.chainId(), genesis.fees().minGasPrice()), accounts, genesis.gasLimit());
    Address proposer = Address.wrap(genesis.suite().address(settings.validatorKey().publicKey()));
    JsonRpcProcessor processor = new JsonRpcProcessor(1000);
    eth = new EthRpc(chain, pool, CLIENT_VERSION, () -> 0, proposer, settings.rpcLimits());
    eth.register(processor);
    rpcWorkers = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
        r -> {
          Thread t = new Thread(r, "rpc-worker");
          t.setDaemon(true);
          return t;
        });
    rpc = new HttpRpcServer(HttpRpcServer.Settings.defaults(settings.rpcHost(), settings.rpcPort()), processor, rpcWorkers);
    new WebSocketRpc(WebSocketRpc.Settings.defaults(), processor, rpcWorkers, eth.subscriptions()).install(rpc);
    eth.start();
    rpcAddress = rpc.start();
    producer = new SoloProducer(chain, pool, proposer, genesis.blockIntervalMs());
    producer.start();
    LOG.info("node started chainId={} head={} validator={} dataDir={}", genesis.chainId(), chain.head().number(),
        proposer.toChecksumHex(), settings.dataDir());
  }

  public InetSocketAddress rpcAddress() {
    return rpcAddress;
  }

  public Chain chain() {
    return chain;
  }

  public TxPool pool() {
    return pool;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close();
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
    if (store != null) {
      store.close();
    }
    LOG.info("node stopped");
  }
}
