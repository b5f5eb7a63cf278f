package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the pre-signed batches over a few concurrent keep-alive connections. Open loop when a rate is set: batch
 * {@code b} is released at {@code start + b * batchTxs / rate} whether or not earlier ones were answered, so a slow
 * node shows up as latency and lag rather than as a politely slower client. Closed loop otherwise: each connection
 * sends its next batch as soon as the previous one is answered.
 *
 * <p>With several endpoints (the nodes of one network), batch {@code b} goes to endpoint {@code b mod k}. An endpoint
 * that cannot be reached is marked down for the rest of the run and the batch goes to the next live one, as a
 * client with a list of nodes would do. Its recent batches are sent again to a live node too: transactions a node
 * admitted but had not yet gossiped when it died exist nowhere else, and since every sender's nonces follow one
 * another, one lost transaction would stall its sender for the rest of the run. Answers to those repeats ("already
 * known" for the ones that did spread) count apart from the run's accepted and rejected transactions.
 */
final class Submitter {
  /** How far back an unreachable endpoint's batches are sent again elsewhere; gossip takes milliseconds. */
  static final long RESEND_WINDOW_NS = 5_000_000_000L;

  private static final byte[] ERROR_KEY = "error\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESULT_KEY = "result\"".getBytes(StandardCharsets.US_ASCII);

  private final List<RpcConnection> endpoints;
  private final AtomicLongArray downSinceNs;
  private final AtomicIntegerArray endpointOf;
  private final LongAdder resent = new LongAdder();
  private final Presigned presigned;
  private final int connections;
  private final int rateTxsPerS;
  private final ErrorTally errors;
  private final AtomicLongArray sentNs;
  private final AtomicLongArray answeredNs;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final AtomicLong lastAnsweredNs = new AtomicLong();
  private final AtomicLong lagNsMax = new AtomicLong();
  private final LongAdder lagNsSum = new LongAdder();

  /** What submission did, on the generator's monotonic clock. */
  record Outcome(long firstSendNs, long lastAnsweredNs, long sent, long accepted, long rejected, double lagMsMax,
      double lagMsMean, long resent, List<Failover> failovers) {}

  /** An endpoint found unreachable at {@code atNs}; {@code resentBatches} of its recent batches were sent again. */
  record Failover(String endpoint, long atNs, int resentBatches) {}

  private final List<Failover> failovers = new CopyOnWriteArrayList<>();

  Submitter(RpcConnection rpc, Presigned presigned, int connections, int rateTxsPerS, ErrorTally errors) {
    this(List.of(rpc), presigned, connections, rateTxsPerS, errors);
  }

  Submitter(List<RpcConnection> endpoints, Presigned presigned, int connections, int rateTxsPerS, ErrorTally errors) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no endpoints");
    }
    this.endpoints = List.copyOf(endpoints);
    this.downSinceNs = new AtomicLongArray(endpoints.size());
    this.endpointOf = new AtomicIntegerArray(presigned.batches());
    this.presigned = presigned;
    this.connections = connections;
    this.rateTxsPerS = rateTxsPerS;
    this.errors = errors;
    this.sentNs = new AtomicLongArray(presigned.batches());
    this.answeredNs = new AtomicLongArray(presigned.batches());
  }

  /** When batch {@code b} left, or 0 if it has not. */
  long sentNs(int batch) {
    return sentNs.get(batch);
  }

  /** How long each answered batch took from send to answer (admission of all its transactions), sorted. */
  long[] roundTripsNs() {
    long[] out = new long[presigned.batches()];
    int n = 0;
    for (int b = 0; b < out.length; b++) {
      if (answeredNs.get(b) != 0) {
        out[n++] = answeredNs.get(b) - sentNs.get(b);
      }
    }
    long[] sorted = java.util.Arrays.copyOf(out, n);
    java.util.Arrays.sort(sorted);
    return sorted;
  }

  Outcome run() throws InterruptedException {
    return run(System.nanoTime());
  }

  /** Runs with the schedule starting at {@code startNs} (now or soon). */
  Outcome run(long startNs) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(connections, r -> {
      Thread t = new Thread(r, "bench-submit");
      t.setDaemon(true);
      return t;
    });
    try {
      if (rateTxsPerS > 0) {
        schedule(pool, startNs);
      } else {
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < connections; c++) {
          pool.execute(() -> {
            for (int b = next.getAndIncrement(); b < presigned.batches(); b = next.getAndIncrement()) {
              send(b, System.nanoTime());
            }
          });
        }
      }
      pool.shutdown();
      // every request has its own timeout, so the pool always finishes
      pool.awaitTermination(1, TimeUnit.DAYS);
    } finally {
      pool.shutdownNow();
    }
    int batches = presigned.batches();
    return new Outcome(startNs, lastAnsweredNs.get(), presigned.txs(), accepted.sum(), rejected.sum(),
        lagNsMax.get() / 1e6, batches == 0 ? 0 : lagNsSum.sum() / 1e6 / batches, resent.sum(), List.copyOf(failovers));
  }

  private void schedule(ExecutorService pool, long startNs) {
    double nsPerTx = 1e9 / rateTxsPerS;
    for (int b = 0; b < presigned.batches(); b++) {
      long dueNs = startNs + Math.round((double) b * presigned.batchSize(0) * nsPerTx);
      long waitNs;
      while ((waitNs = dueNs - System.nanoTime()) > 0) {
        LockSupport.parkNanos(waitNs);
      }
      int batch = b;
      pool.execute(() -> send(batch, dueNs));
    }
  }

  private void send(int batch, long dueNs) {
    long now = System.nanoTime();
    sentNs.set(batch, now);
    long lag = Math.max(0, now - dueNs);
    lagNsSum.add(lag);
    lagNsMax.accumulateAndGet(lag, Math::max);
    int size = presigned.batchSize(batch);
    try {
      byte[] bytes = post(batch);
      answeredNs.set(batch, System.nanoTime());
      if (acceptedAll(bytes, size)) {
        accepted.add(size);
        lastAnsweredNs.accumulateAndGet(System.nanoTime(), Math::max);
        return;
      }
      JsonNode answer = RpcConnection.parse(bytes);
      if (!answer.isArray()) {
        errors.add("whole batch refused: " + answer.path("error").path("message").asText(), size);
        rejected.add(size);
      } else {
        tally(answer, size);
      }
    } catch (LoadException e) {
      errors.add("transport: " + e.getMessage(), size);
      rejected.add(size);
    }
    lastAnsweredNs.accumulateAndGet(System.nanoTime(), Math::max);
  }

  /**
   * Posts a batch to its endpoint ({@code batch mod k}, or the next live one); when that endpoint cannot be reached,
   * marks it down, sends its recent batches again elsewhere and tries the next live endpoint, until none is left.
   */
  private byte[] post(int batch) throws LoadException {
    int k = endpoints.size();
    LoadException last = null;
    for (int attempt = 0; attempt < k; attempt++) {
      int e = liveEndpoint(batch % k + attempt);
      if (e < 0) {
        break;
      }
      endpointOf.set(batch, e);
      try {
        return endpoints.get(e).post(presigned.body(batch));
      } catch (LoadException failure) {
        if (k == 1 || !failure.unreachable()) {
          throw failure;
        }
        last = failure;
        markDown(e, batch);
      }
    }
    throw last != null ? last : new LoadException("every endpoint is down");
  }

  /** The first endpoint from {@code from} (mod k) on that is not down, or -1. */
  private int liveEndpoint(int from) {
    int k = endpoints.size();
    for (int i = 0; i < k; i++) {
      int e = (from + i) % k;
      if (downSinceNs.get(e) == 0) {
        return e;
      }
    }
    return -1;
  }

  private void markDown(int endpoint, int failedBatch) {
    long now = System.nanoTime();
    if (!downSinceNs.compareAndSet(endpoint, 0, now)) {
      return;
    }
    int again = 0;
    for (int b = 0; b < presigned.batches(); b++) {
      long sent = sentNs.get(b);
      if (b != failedBatch && sent != 0 && now - sent <= RESEND_WINDOW_NS && endpointOf.get(b) == endpoint) {
        resend(b);
        again++;
      }
    }
    failovers.add(new Failover(endpoints.get(endpoint).uri().toString(), now, again));
  }

  /** Sends a batch again to a live endpoint; its answers are tallied apart, the batch's own counts stay. */
  private void resend(int batch) {
    int e = liveEndpoint(batch + 1);
    if (e < 0) {
      return;
    }
    resent.add(presigned.batchSize(batch));
    try {
      byte[] bytes = endpoints.get(e).post(presigned.body(batch));
      if (!acceptedAll(bytes, presigned.batchSize(batch))) {
        JsonNode answer = RpcConnection.parse(bytes);
        for (JsonNode a : answer.isArray() ? answer : List.of(answer)) {
          if (a.has("error")) {
            errors.add("sent again after failover: " + a.path("error").path("message").asText());
          }
        }
      }
    } catch (LoadException failure) {
      errors.add("sent again after failover: " + failure.getMessage(), presigned.batchSize(batch));
    }
  }

  /**
   * Whether a batch answer is {@code size} results and no error, decided without building a JSON tree: the
   * generator shares the machine with the node, so its own CPU per transaction is kept small. An answer that
   * mentions "error" anywhere, or is not an array, is parsed in full.
   */
  static boolean acceptedAll(byte[] answer, int size) {
    int results = 0;
    int i = 0;
    while (i < answer.length && answer[i] != '[') {
      if (answer[i] > ' ') {
        return false;
      }
      i++;
    }
    for (; i < answer.length; i++) {
      if (answer[i] == '"') {
        if (matches(answer, i + 1, ERROR_KEY)) {
          return false;
        }
        if (matches(answer, i + 1, RESULT_KEY)) {
          results++;
        }
      }
    }
    return results == size;
  }

  private static boolean matches(byte[] bytes, int from, byte[] word) {
    if (from + word.length > bytes.length) {
      return false;
    }
    for (int k = 0; k < word.length; k++) {
      if (bytes[from + k] != word[k]) {
        return false;
      }
    }
    return true;
  }

  private void tally(JsonNode answers, int size) {
    int ok = 0;
    for (JsonNode a : answers) {
      if (a.has("error")) {
        errors.add(a.path("error").path("message").asText());
      } else {
        ok++;
      }
    }
    if (answers.size() < size) {
      errors.add("batch answer lacks answers", size - answers.size());
    }
    accepted.add(ok);
    rejected.add(size - ok);
  }
}
