package io.trestle.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trestle.execution.Chain;
import io.trestle.rpc.http.HttpRoute;
import io.trestle.state.kv.RocksDbKeyValueStore;
import io.trestle.txpool.TxPool;
import io.trestle.txpool.TxPoolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Prometheus metrics of a node (Micrometer): chain height, committed and skipped transactions, block interval and
 * execution time, pool size and rejections by reason, peers, consensus rounds and timeouts, RocksDB size and
 * compactions, JVM memory, GC and threads. Served at {@code GET /metrics} in the Prometheus text format.
 */
public final class NodeMetrics implements Chain.Listener {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter committedTxs;
  private final Counter skippedTxs;
  private final DistributionSummary blockTxs;
  private final Timer blockInterval;
  private final Timer blockExecution;
  private final Map<TxPoolException.Reason, Counter> rejections = new EnumMap<>(TxPoolException.Reason.class);
  private volatile long lastBlockTimestampMs = -1;

  public NodeMetrics(Chain chain, TxPool pool, RocksDbKeyValueStore store, IntSupplier peers, LongSupplier consensusRound,
      LongSupplier consensusTimeouts) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("trestle_chain_height", () -> chain.head().number()).description("last committed block").register(registry);
    Gauge.builder("trestle_txpool_transactions", pool::size).description("transactions in the pool").register(registry);
    Gauge.builder("trestle_p2p_peers", peers::getAsInt).description("connected peers").register(registry);
    Gauge.builder("trestle_consensus_round", consensusRound::getAsLong).description("current consensus round").register(registry);
    Gauge.builder("trestle_consensus_timeouts", consensusTimeouts::getAsLong)
        .description("round timeouts since start").register(registry);
    Gauge.builder("trestle_db_sst_bytes", () -> store.aggregatedProperty("rocksdb.total-sst-files-size"))
        .description("RocksDB SST file size").baseUnit("bytes").register(registry);
    Gauge.builder("trestle_db_live_bytes", () -> store.aggregatedProperty("rocksdb.estimate-live-data-size"))
        .description("RocksDB estimated live data").baseUnit("bytes").register(registry);
    Gauge.builder("trestle_db_running_compactions", () -> store.aggregatedProperty("rocksdb.num-running-compactions"))
        .description("RocksDB compactions running").register(registry);
    Gauge.builder("trestle_db_pending_compaction_bytes", () -> store.aggregatedProperty("rocksdb.estimate-pending-compaction-bytes"))
        .description("RocksDB bytes waiting for compaction").baseUnit("bytes").register(registry);
    Gauge.builder("trestle_validators", () -> validatorCount(chain))
        .description("validators of the next height").register(registry);
    Gauge.builder("trestle_governance_admitted_nodes", () -> chain.governance().map(g -> g.nodes().size()).orElse(0))
        .description("nodes admitted besides the validators").register(registry);
    Gauge.builder("trestle_governance_frozen_accounts", () -> chain.governance().map(g -> g.frozenAccounts()).orElse(0L))
        .description("accounts frozen by the regulator").register(registry);
    Gauge.builder("trestle_governance_frozen_contracts", () -> chain.governance().map(g -> g.frozenContracts()).orElse(0L))
        .description("contracts frozen by the regulator").register(registry);
    committedTxs = Counter.builder("trestle_transactions_committed").description("executed transactions").register(registry);
    skippedTxs = Counter.builder("trestle_transactions_skipped").description("ordered but invalid at execution").register(registry);
    blockTxs = DistributionSummary.builder("trestle_block_transactions").description("transactions per block").register(registry);
    blockInterval = Timer.builder("trestle_block_interval").description("time between consecutive block timestamps").register(registry);
    blockExecution = Timer.builder("trestle_block_execution").description("execution and commit time per block").register(registry);
    for (TxPoolException.Reason r : TxPoolException.Reason.values()) {
      rejections.put(r, Counter.builder("trestle_txpool_rejections").tag("reason", r.name().toLowerCase())
          .description("transactions refused by the pool").register(registry));
    }
    pool.onRejected(r -> rejections.get(r).increment());
  }

  private static int validatorCount(Chain chain) {
    var validators = chain.validatorsAt(chain.head().number() + 1);
    return validators == null ? 0 : validators.size();
  }

  @Override
  public void onCommitted(Chain.CommittedBlock block) {
    committedTxs.increment(block.executed().size());
    skippedTxs.increment(block.skipped().size());
    blockTxs.record(block.executed().size());
    blockExecution.record(Duration.ofNanos(block.executionNanos()));
    long ts = block.block().header().timestampMs();
    if (lastBlockTimestampMs >= 0 && ts >= lastBlockTimestampMs) {
      blockInterval.record(Duration.ofMillis(ts - lastBlockTimestampMs));
    }
    lastBlockTimestampMs = ts;
  }

  public String scrape() {
    return registry.scrape();
  }

  /** {@code GET /metrics}. */
  public HttpRoute route() {
    return new HttpRoute() {
      @Override
      public boolean matches(String method, String path) {
        return method.equals("GET") && path.equals("/metrics");
      }

      @Override
      public HttpAnswer handle(String method, String path, String query, byte[] body) {
        return new HttpAnswer(200, "text/plain; version=0.0.4; charset=utf-8", scrape().getBytes(StandardCharsets.UTF_8));
      }
    };
  }
}
