package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Hash;
import io.trestle.core.block.Header;
import io.trestle.execution.BlockResults;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eth_subscribe for newHeads, logs and newPendingTransactions, independent of the transport (ADR 0231).
 *
 * <p>Block-driven subscriptions (newHeads, logs) are cursors: each remembers the last block it has delivered, and
 * one dispatcher thread advances every cursor towards the head, reading blocks from the store. A live subscription
 * is simply one whose cursor is at the head; a subscription that resumes from an older block ({@code fromBlock})
 * starts with its cursor there and catches up through the same code, in pages, so history and live delivery
 * cannot overlap or leave a gap. A block's logs are always delivered together before the cursor moves past it.
 * While a connection's outbound queue is congested its cursors wait (nothing is buffered for them); a connection
 * that stays congested too long is closed as too slow. The commit thread only signals; it never waits here.
 */
public final class SubscriptionHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);
  private static final int CACHED_BLOCKS_MAX = 64;

  /** One connection's outbound side, as the hub sees it. Implementations must be thread-safe. */
  public interface Sink {
    /** Queues a message; false when the connection is gone or was closed for exceeding its outbound limit. */
    boolean send(JsonNode message);

    /** True while the outbound queue is so full that catching-up deliveries should wait. */
    boolean congested();

    /** Closes the connection because it does not read fast enough. */
    void closeAsSlow(String reason);
  }

  /** Pacing of the dispatcher. */
  public record Settings(int blocksPerRound, int logsPerRound, long stalledMsMax) {
    public static Settings defaults() {
      return new Settings(256, 2_000, 30_000);
    }
  }

  enum Kind {
    NEW_HEADS("newHeads"), LOGS("logs"), PENDING_TRANSACTIONS("newPendingTransactions");

    final String wire;

    Kind(String wire) {
      this.wire = wire;
    }
  }

  /** A subscription; its cursor is only touched by the dispatcher. */
  public static final class Subscription {
    final String id;
    final Kind kind;
    final Sink sink;
    final LogFilter filter;
    final LogFilter.BloomMask mask;
    long cursor;
    long congestedSinceMs = -1;
    volatile boolean active;
    volatile boolean cancelled;

    Subscription(String id, Kind kind, Sink sink, LogFilter filter, long cursor) {
      this.id = id;
      this.kind = kind;
      this.sink = sink;
      this.filter = filter;
      this.mask = filter == null ? null : filter.bloomMask();
      this.cursor = cursor;
    }

    public String id() {
      return id;
    }
  }

  private final Chain chain;
  private final LogQuery query;
  private final Settings settings;
  private final LongSupplier clockMs;
  private final Supplier<String> ids;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Object wake = new Object();
  private boolean signalled;
  private volatile boolean running;
  private Thread dispatcher;

  SubscriptionHub(Chain chain, LogQuery query, Settings settings, LongSupplier clockMs, Supplier<String> ids) {
    this.chain = chain;
    this.query = query;
    this.settings = settings;
    this.clockMs = clockMs;
    this.ids = ids;
  }

  /**
   * Creates a subscription that delivers nothing until {@link #activate}d, so the caller can first send the
   * eth_subscribe answer carrying its id (clients drop notifications for ids they do not know yet).
   */
  public Subscription subscribe(Sink sink, JsonNode kindNode, JsonNode options) throws RpcException {
    if (kindNode == null || !kindNode.isTextual()) {
      throw RpcException.invalidParams("eth_subscribe: the first parameter must be a subscription name "
          + "(newHeads, logs, newPendingTransactions)");
    }
    String name = kindNode.asText();
    long head = chain.head().number();
    Subscription s;
    switch (name) {
      case "newHeads" -> {
        noOptions(name, options);
        s = new Subscription(ids.get(), Kind.NEW_HEADS, sink, null, head);
      }
      case "newPendingTransactions" -> {
        if (options != null && !(options.isBoolean() && !options.asBoolean())) {
          throw RpcException.invalidParams("eth_subscribe: newPendingTransactions delivers transaction hashes only");
        }
        s = new Subscription(ids.get(), Kind.PENDING_TRANSACTIONS, sink, null, head);
      }
      case "logs" -> {
        LogFilter filter = LogFilter.parse(options, query.limits());
        if (filter.blockHash() != null || filter.toBlock() != LogFilter.LATEST || hasField(options, "toBlock")) {
          throw RpcException.invalidParams("eth_subscribe: a logs subscription is open-ended; "
              + "toBlock and blockHash are not allowed (fromBlock resumes from an earlier block)");
        }
        s = new Subscription(ids.get(), Kind.LOGS, sink, filter, startCursor(filter, head));
      }
      default -> throw RpcException.invalidParams("eth_subscribe: unknown subscription '" + abbreviate(name)
          + "'; supported: newHeads, logs, newPendingTransactions");
    }
    subscriptions.put(s.id, s);
    return s;
  }

  private long startCursor(LogFilter filter, long head) throws RpcException {
    if (filter.fromBlock() == LogFilter.LATEST) {
      return head;
    }
    long behind = head - filter.fromBlock() + 1;
    if (behind > query.limits().resumeBlocksMax()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "fromBlock " + filter.fromBlock() + " is " + behind
          + " blocks behind the head; a subscription may resume at most " + query.limits().resumeBlocksMax()
          + " blocks back (use eth_getLogs in pages for older history)");
    }
    return filter.fromBlock() - 1;
  }

  private static void noOptions(String name, JsonNode options) throws RpcException {
    if (options != null && !(options.isObject() && options.isEmpty())) {
      throw RpcException.invalidParams("eth_subscribe: " + name + " takes no options");
    }
  }

  private static boolean hasField(JsonNode options, String field) {
    return options != null && options.isObject() && options.hasNonNull(field);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  public void activate(Subscription s) {
    if (!s.cancelled) {
      s.active = true;
      signal();
    }
  }

  /** Ends a subscription of this sink; false when it has no such subscription. */
  public boolean unsubscribe(Sink sink, String id) {
    Subscription s = id == null ? null : subscriptions.get(id);
    if (s == null || s.sink != sink) {
      return false;
    }
    s.cancelled = true;
    return subscriptions.remove(id) != null;
  }

  /** Ends every subscription of a sink (its connection closed). */
  public void removeAll(Sink sink) {
    subscriptions.values().removeIf(s -> {
      if (s.sink == sink) {
        s.cancelled = true;
        return true;
      }
      return false;
    });
  }

  public int size() {
    return subscriptions.size();
  }

  /** Called for every transaction admitted to the pool; delivered at once, on the caller's thread. */
  public void onPendingTransaction(Hash hash) {
    for (Subscription s : subscriptions.values()) {
      if (s.kind == Kind.PENDING_TRANSACTIONS && s.active && !s.cancelled) {
        deliver(s, Json.hash(hash));
      }
    }
  }

  /** Wakes the dispatcher: a block was committed, a subscription started or a connection drained. */
  public void signal() {
    synchronized (wake) {
      signalled = true;
      wake.notifyAll();
    }
  }

  /**
   * One round of the dispatcher: every block-driven subscription advances by at most a round's budget.
   * Returns how many still lag behind the head and could advance now.
   */
  int pump() {
    long head = chain.head().number();
    long now = clockMs.getAsLong();
    BlockCache cache = new BlockCache();
    int behind = 0;
    for (Subscription s : subscriptions.values()) {
      if (!s.active || s.cancelled || s.kind == Kind.PENDING_TRANSACTIONS || s.cursor >= head) {
        continue;
      }
      if (s.sink.congested()) {
        if (s.congestedSinceMs < 0) {
          s.congestedSinceMs = now;
        } else if (now - s.congestedSinceMs > settings.stalledMsMax()) {
          closeAsSlow(s, "consumer too slow: outbound queue full for more than " + settings.stalledMsMax() + " ms");
        }
        continue;
      }
      s.congestedSinceMs = -1;
      advance(s, head, cache);
      if (!s.cancelled && s.cursor < head && !s.sink.congested()) {
        behind++;
      }
    }
    return behind;
  }

  /** Whether some subscription waits on a congested connection (the dispatcher then re-checks it periodically). */
  private boolean anyCongested() {
    for (Subscription s : subscriptions.values()) {
      if (s.congestedSinceMs >= 0 && !s.cancelled) {
        return true;
      }
    }
    return false;
  }

  private void advance(Subscription s, long head, BlockCache cache) {
    long last = Math.min(head, s.cursor + settings.blocksPerRound());
    int logs = 0;
    while (s.cursor < last && logs < settings.logsPerRound() && !s.cancelled) {
      long n = s.cursor + 1;
      BlockData block = cache.get(n);
      if (block == null) {
        return;
      }
      if (s.kind == Kind.NEW_HEADS) {
        if (!deliver(s, block.headerView())) {
          return;
        }
      } else {
        for (ObjectNode log : block.logs(s)) {
          if (!deliver(s, log)) {
            return;
          }
          logs++;
        }
      }
      s.cursor = n;
      if (s.sink.congested()) {
        return;
      }
    }
  }

  private boolean deliver(Subscription s, JsonNode result) {
    ObjectNode message = Json.NODES.objectNode();
    message.put("jsonrpc", "2.0");
    message.put("method", "eth_subscription");
    ObjectNode params = message.putObject("params");
    params.put("subscription", s.id);
    params.set("result", result);
    if (!s.sink.send(message)) {
      removeAll(s.sink);
      return false;
    }
    return true;
  }

  private void closeAsSlow(Subscription s, String reason) {
    LOG.info("closing slow subscriber subscription={} reason={}", s.id, reason);
    removeAll(s.sink);
    s.sink.closeAsSlow(reason);
  }

  /** Blocks read in one round, shared by the subscriptions that need them. */
  private final class BlockCache {
    private final Map<Long, BlockData> blocks = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, BlockData> eldest) {
        return size() > CACHED_BLOCKS_MAX;
      }
    };

    BlockData get(long n) {
      BlockData b = blocks.get(n);
      if (b == null) {
        Header header = chain.store().header(n);
        BlockResults results = chain.store().results(n);
        if (header == null || results == null) {
          return null;
        }
        b = new BlockData(n, header, header.hash(chain.suite()), results);
        blocks.put(n, b);
      }
      return b;
    }
  }

  private final class BlockData {
    final long number;
    final Header header;
    final Hash hash;
    final BlockResults results;
    private ObjectNode headerView;
    private List<ExecutedTransaction> executed;

    BlockData(long number, Header header, Hash hash, BlockResults results) {
      this.number = number;
      this.header = header;
      this.hash = hash;
      this.results = results;
    }

    ObjectNode headerView() {
      if (headerView == null) {
        headerView = Views.header(header, hash, results);
      }
      return headerView;
    }

    List<ObjectNode> logs(Subscription s) {
      if (!s.mask.mightMatch(results.logsBloom())) {
        return List.of();
      }
      if (executed == null) {
        List<ExecutedTransaction> stored = chain.store().executed(number, hash);
        executed = stored == null ? List.of() : stored;
      }
      return LogQuery.matching(executed, s.filter);
    }
  }

  // ---- the dispatcher thread ----

  public synchronized void start() {
    if (dispatcher != null) {
      return;
    }
    running = true;
    dispatcher = new Thread(this::run, "rpc-subscriptions");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  private void run() {
    while (running) {
      try {
        synchronized (wake) {
          if (!signalled) {
            wake.wait(anyCongested() ? 500 : 5_000);
          }
          signalled = false;
        }
        while (running && pump() > 0) {
          Thread.onSpinWait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("subscription dispatch failed error={}", e.toString(), e);
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (dispatcher != null) {
      dispatcher.interrupt();
      try {
        dispatcher.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      dispatcher = null;
    }
  }
}
