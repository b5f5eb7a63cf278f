package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trestle.core.Address;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.RpcException;
import io.trestle.txpool.TxPool;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The whole Ethereum JSON-RPC surface over one chain and pool: the eth_/net_/web3_ methods, storage and proofs,
 * logs and polling filters, txpool_, debug_traceTransaction and eth_createAccessList, and the subscription hub
 * that WebSocket connections use. {@link #start()} hooks it to the chain and the pool; {@link #close()} stops the
 * subscription dispatcher.
 */
public final class EthRpc implements AutoCloseable {
  private final Chain chain;
  private final TxPool pool;
  private final EthApi eth;
  private final StateApi state;
  private final TxPoolApi txpool;
  private final LogQuery logs;
  private final Filters filters;
  private final SubscriptionHub subscriptions;
  private final TraceApi traces;
  private final AccessListApi accessLists;

  public EthRpc(Chain chain, TxPool pool, String clientVersion, IntSupplier peerCount, Address coinbase, RpcLimits limits) {
    this(chain, pool, clientVersion, peerCount, coinbase, limits, TraceLimits.defaults());
  }

  public EthRpc(Chain chain, TxPool pool, String clientVersion, IntSupplier peerCount, Address coinbase, RpcLimits limits,
      TraceLimits traceLimits) {
    this(chain, pool, clientVersion, peerCount, coinbase, limits, traceLimits, SubscriptionHub.Settings.defaults(),
        System::currentTimeMillis, new Ids());
  }

  /** With an injected clock and id source, for tests. */
  EthRpc(Chain chain, TxPool pool, String clientVersion, IntSupplier peerCount, Address coinbase, RpcLimits limits,
      SubscriptionHub.Settings hubSettings, LongSupplier clockMs, Supplier<String> ids) {
    this(chain, pool, clientVersion, peerCount, coinbase, limits, TraceLimits.defaults(), hubSettings, clockMs, ids);
  }

  EthRpc(Chain chain, TxPool pool, String clientVersion, IntSupplier peerCount, Address coinbase, RpcLimits limits,
      TraceLimits traceLimits, SubscriptionHub.Settings hubSettings, LongSupplier clockMs, Supplier<String> ids) {
    this.chain = chain;
    this.pool = pool;
    this.eth = new EthApi(chain, pool, clientVersion, peerCount, coinbase);
    this.state = new StateApi(chain);
    this.txpool = new TxPoolApi(pool);
    this.logs = new LogQuery(chain, limits);
    this.filters = new Filters(chain, logs, clockMs, ids);
    this.subscriptions = new SubscriptionHub(chain, logs, hubSettings, clockMs, ids);
    this.traces = new TraceApi(chain, traceLimits);
    this.accessLists = new AccessListApi(chain, traceLimits);
  }

  public void register(JsonRpcProcessor rpc) {
    eth.register(rpc);
    state.register(rpc);
    txpool.register(rpc);
    traces.register(rpc);
    accessLists.register(rpc);
    RpcLimits limits = logs.limits();
    rpc.register("eth_getLogs", p -> logs.logs(LogFilter.parse(p.atMost(1).required(0, "filter"), limits)));
    rpc.register("eth_newFilter", p ->
        TextNode.valueOf(filters.newLogFilter(LogFilter.parse(p.atMost(1).required(0, "filter"), limits))));
    rpc.register("eth_newBlockFilter", p -> TextNode.valueOf(filters.newBlockFilter()));
    rpc.register("eth_newPendingTransactionFilter", p -> TextNode.valueOf(filters.newPendingTransactionFilter()));
    rpc.register("eth_getFilterChanges", p -> filters.changes(p.atMost(1).requiredString(0, "filter id")));
    rpc.register("eth_getFilterLogs", p -> filters.logs(p.atMost(1).requiredString(0, "filter id")));
    rpc.register("eth_uninstallFilter", p ->
        BooleanNode.valueOf(filters.uninstall(p.atMost(1).requiredString(0, "filter id"))));
    // over HTTP there is no connection to push to; the WebSocket endpoint answers these per connection
    rpc.register("eth_subscribe", p -> {
      throw new RpcException(RpcException.METHOD_NOT_FOUND,
          "eth_subscribe needs a WebSocket connection (ws://host:port/); over HTTP use eth_newFilter and polling");
    });
    rpc.register("eth_unsubscribe", p -> {
      throw new RpcException(RpcException.METHOD_NOT_FOUND, "eth_unsubscribe needs a WebSocket connection");
    });
  }

  /** Hooks the filters and subscriptions to the chain's commits and the pool's admissions, and starts dispatching. */
  public void start() {
    chain.addListener(block -> subscriptions.signal());
    pool.onAdmitted(tx -> {
      filters.onPendingTransaction(tx.hash());
      subscriptions.onPendingTransaction(tx.hash());
    });
    subscriptions.start();
  }

  public SubscriptionHub subscriptions() {
    return subscriptions;
  }

  public Filters filters() {
    return filters;
  }

  @Override
  public void close() {
    subscriptions.close();
  }
}
