package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Hash;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Polling filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter, eth_getFilterChanges).
 * Block and log filters keep a cursor: the last block they have answered for, so a poll reads what was committed
 * since, straight from the store, and nothing is buffered for them. Pending-transaction filters buffer hashes
 * (bounded; the oldest are dropped). A filter not polled for {@link RpcLimits#filterIdleMs()} is removed.
 */
public final class Filters {
  static final String NOT_FOUND = "filter not found";
  private static final long SWEEP_INTERVAL_MS = 1_000;

  private final Chain chain;
  private final LogQuery query;
  private final RpcLimits limits;
  private final LongSupplier clockMs;
  private final Supplier<String> ids;
  private final Map<String, Filter> filters = new ConcurrentHashMap<>();
  private volatile long lastSweepMs;

  Filters(Chain chain, LogQuery query, LongSupplier clockMs, Supplier<String> ids) {
    this.chain = chain;
    this.query = query;
    this.limits = query.limits();
    this.clockMs = clockMs;
    this.ids = ids;
  }

  private abstract static class Filter {
    long lastPolledMs;

    Filter(long nowMs) {
      this.lastPolledMs = nowMs;
    }
  }

  private static final class BlockFilter extends Filter {
    long cursor;

    BlockFilter(long nowMs, long cursor) {
      super(nowMs);
      this.cursor = cursor;
    }
  }

  private static final class LogsFilter extends Filter {
    final LogFilter filter;
    final LogFilter.BloomMask mask;
    long cursor;

    LogsFilter(long nowMs, LogFilter filter, long cursor) {
      super(nowMs);
      this.filter = filter;
      this.mask = filter.bloomMask();
      this.cursor = cursor;
    }
  }

  private static final class PendingFilter extends Filter {
    final ArrayDeque<Hash> hashes = new ArrayDeque<>();

    PendingFilter(long nowMs) {
      super(nowMs);
    }
  }

  /** A log filter: its changes are the matching logs of blocks committed after it was installed. */
  public String newLogFilter(LogFilter filter) throws RpcException {
    if (filter.blockHash() != null) {
      throw RpcException.invalidParams("eth_newFilter: blockHash is only for eth_getLogs; use fromBlock/toBlock");
    }
    long head = chain.head().number();
    long cursor = filter.fromBlock() == LogFilter.LATEST ? head : Math.max(head, filter.fromBlock() - 1);
    return install(new LogsFilter(clockMs.getAsLong(), filter, cursor));
  }

  public String newBlockFilter() throws RpcException {
    return install(new BlockFilter(clockMs.getAsLong(), chain.head().number()));
  }

  public String newPendingTransactionFilter() throws RpcException {
    return install(new PendingFilter(clockMs.getAsLong()));
  }

  private String install(Filter filter) throws RpcException {
    sweep(true);
    if (filters.size() >= limits.filtersMax()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "too many filters installed (the limit is "
          + limits.filtersMax() + "); uninstall unused ones or let them expire");
    }
    String id = ids.get();
    filters.put(id, filter);
    return id;
  }

  public boolean uninstall(String id) {
    return filters.remove(id) != null;
  }

  public int size() {
    return filters.size();
  }

  /** What happened since the last poll: block hashes, transaction hashes or log objects. */
  public JsonNode changes(String id) throws RpcException {
    Filter filter = find(id);
    synchronized (filter) {
      filter.lastPolledMs = clockMs.getAsLong();
      if (filter instanceof BlockFilter b) {
        return blockChanges(b);
      }
      if (filter instanceof LogsFilter l) {
        return logChanges(l);
      }
      PendingFilter p = (PendingFilter) filter;
      ArrayNode out = Json.NODES.arrayNode();
      while (!p.hashes.isEmpty()) {
        out.add(Json.hash(p.hashes.poll()));
      }
      return out;
    }
  }

  /** eth_getFilterLogs: every log the filter's range holds now, under eth_getLogs' limits. */
  public JsonNode logs(String id) throws RpcException {
    Filter filter = find(id);
    if (!(filter instanceof LogsFilter l)) {
      throw RpcException.invalidParams("filter " + id + " is not a log filter");
    }
    synchronized (filter) {
      filter.lastPolledMs = clockMs.getAsLong();
    }
    return query.logs(l.filter);
  }

  void onPendingTransaction(Hash hash) {
    sweep(false);
    for (Filter f : filters.values()) {
      if (f instanceof PendingFilter p) {
        synchronized (p) {
          if (p.hashes.size() >= limits.pendingHashesMax()) {
            p.hashes.poll();
          }
          p.hashes.add(hash);
        }
      }
    }
  }

  private Filter find(String id) throws RpcException {
    sweep(false);
    Filter filter = id == null ? null : filters.get(id);
    if (filter == null) {
      throw RpcException.server(NOT_FOUND);
    }
    return filter;
  }

  private JsonNode blockChanges(BlockFilter b) {
    long head = chain.head().number();
    long to = Math.min(head, b.cursor + limits.logsBlockRangeMax());
    ArrayNode out = Json.NODES.arrayNode();
    for (long n = b.cursor + 1; n <= to; n++) {
      Hash hash = chain.blockHash(n);
      if (hash == null) {
        break;
      }
      out.add(Json.hash(hash));
      b.cursor = n;
    }
    return out;
  }

  /**
   * Logs of whole blocks after the cursor, at most a block range's worth per poll and stopping after the block
   * that reaches the results limit, so a long-unpolled filter pages through its backlog instead of failing.
   */
  private JsonNode logChanges(LogsFilter l) {
    long head = chain.head().number();
    long end = l.filter.toBlock() == LogFilter.LATEST ? head : Math.min(head, l.filter.toBlock());
    long to = Math.min(end, l.cursor + limits.logsBlockRangeMax());
    ArrayNode out = Json.NODES.arrayNode();
    for (long n = l.cursor + 1; n <= to && out.size() < limits.logsResultsMax(); n++) {
      List<ObjectNode> logs = query.blockLogs(n, l.filter, l.mask);
      out.addAll(logs);
      l.cursor = n;
    }
    return out;
  }

  private void sweep(boolean force) {
    long now = clockMs.getAsLong();
    if (!force && now - lastSweepMs < SWEEP_INTERVAL_MS) {
      return;
    }
    lastSweepMs = now;
    filters.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return now - e.getValue().lastPolledMs > limits.filterIdleMs();
      }
    });
  }
}
