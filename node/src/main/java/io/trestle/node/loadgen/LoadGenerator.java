package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.KeyPair;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One load run against a node over JSON-RPC: create and fund fresh sender accounts, let the workload prepare,
 * pre-sign every transaction, then submit them while following the chain, and report (see {@link LoadReport}).
 */
public final class LoadGenerator {
  /** Funding transfers per round: under the pool's per-sender limit and the node's batch limit. */
  static final int FUNDING_CHUNK_TXS = 500;
  static final long FUNDING_GAS = 21_000;
  /** Extra transactions' worth of funds per sender for what a workload's prepare step sends. */
  static final int PREPARE_TXS_RESERVE = 16;
  static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(120);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /**
   * Committed load transactions whose receipt status is checked after the run. The chain holds a transaction that
   * reverted or ran out of gas just like one that succeeded, so without this a workload that fails on chain would
   * be reported as committed load.
   */
  static final int STATUS_SAMPLE_MAX = 200;
  static final String FAILED_ON_CHAIN = "committed with receipt status 0 (reverted or out of gas), in a sample of "
      + "committed transactions";
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger FEE_CAP_MIN = GWEI.multiply(BigInteger.valueOf(100));
  private static final BigInteger FEE_CAP_BASE_FEE_MULTIPLE = BigInteger.valueOf(1000);

  private final LoadSettings settings;
  private final PrintStream progress;
  private final RpcConnection rpc;
  /** Where batches go: {@link #rpc} first. */
  private final List<RpcConnection> endpoints;

  public LoadGenerator(LoadSettings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
    List<RpcConnection> all = new ArrayList<>();
    for (java.net.URI uri : settings.rpcs()) {
      all.add(new RpcConnection(uri, REQUEST_TIMEOUT));
    }
    this.endpoints = List.copyOf(all);
    this.rpc = endpoints.get(0);
  }

  public LoadReport run() throws LoadException, InterruptedException {
    Workload workload = Workload.named(settings.kind());
    long chainId = quantity(rpc.call("eth_chainId"), "eth_chainId").longValueExact();
    LoadContext.Fees fees = fees();
    List<KeyPair> keys = new ArrayList<>(settings.accounts());
    List<Address> senders = new ArrayList<>(settings.accounts());
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < settings.accounts(); i++) {
      KeyPair key = settings.suite().generateKeyPair(random);
      keys.add(key);
      senders.add(Address.wrap(settings.suite().address(key.publicKey())));
    }
    fund(workload, senders, chainId, fees);
    LoadContext context = new LoadContext(rpc, settings.suite(), chainId, settings.funder(), keys, senders, fees);
    workload.prepare(context);
    long[] nonces = pendingNonces(senders);

    progress.printf("signing %d %s transactions%s ...%n", settings.txs() + settings.warmupTxs(), workload.name(),
        settings.warmupTxs() > 0 ? " (" + settings.warmupTxs() + " of them to warm up)" : "");
    long signStart = System.nanoTime();
    Presigned warmup = settings.warmupTxs() == 0 ? null : Presigned.sign(settings.warmupTxs(), settings.batchTxs(),
        workload, keys, senders, nonces, chainId, fees, settings.suite());
    long[] measuredNonces = nonces.clone();
    for (int i = 0; i < measuredNonces.length; i++) {
      measuredNonces[i] += settings.warmupTxsOfSender(i);
    }
    Presigned presigned = Presigned.sign(settings.txs(), settings.batchTxs(), workload, keys, senders, measuredNonces,
        chainId, fees, settings.suite());
    double signSeconds = (System.nanoTime() - signStart) / 1e9;
    progress.printf("signed in %.1f s%n", signSeconds);
    if (warmup != null) {
      warmUp(warmup);
      awaitCommitted(senders, measuredNonces);
    }
    progress.printf("submitting %d%s ...%n", settings.txs(),
        settings.openLoop() ? " at " + settings.rateTxsPerS() + " tx/s" : "");
    return measure(workload, presigned, fees, signSeconds);
  }

  /** Sends the warm-up transactions like the measured ones; only their errors are kept, as a hint. */
  private void warmUp(Presigned warmup) throws InterruptedException {
    progress.printf("warming up with %d transactions ...%n", warmup.txs());
    ErrorTally errors = new ErrorTally();
    Submitter.Outcome outcome = new Submitter(endpoints, warmup, settings.connections(), settings.rateTxsPerS(), errors).run();
    double seconds = Math.max(1e-9, (outcome.lastAnsweredNs() - outcome.firstSendNs()) / 1e9);
    progress.printf("warm-up sent %d in %.1f s (%.0f tx/s), %d refused%s%n", outcome.sent(), seconds,
        outcome.sent() / seconds, outcome.rejected(), errors.total() == 0 ? "" : ": " + errors.snapshot());
  }

  /**
   * Waits until the chain has committed every warm-up transaction, so the measured phase starts on a drained pool:
   * otherwise its latencies would include the backlog of cold JVMs rather than the steady state.
   */
  private void awaitCommitted(List<Address> senders, long[] nonces) throws LoadException, InterruptedException {
    long startNs = System.nanoTime();
    long deadlineNs = startNs + TimeUnit.SECONDS.toNanos(settings.drainTimeoutS());
    while (true) {
      long[] latest = nonces(senders, "latest");
      int behind = 0;
      for (int i = 0; i < latest.length; i++) {
        if (latest[i] < nonces[i]) {
          behind++;
        }
      }
      if (behind == 0) {
        progress.printf("warm-up committed %.1f s after it was sent%n", (System.nanoTime() - startNs) / 1e9);
        return;
      }
      if (System.nanoTime() > deadlineNs) {
        throw new LoadException("the warm-up was not committed within " + settings.drainTimeoutS() + " s ("
            + behind + " senders behind)");
      }
      Thread.sleep(200);
    }
  }

  private LoadReport measure(Workload workload, Presigned presigned, LoadContext.Fees fees, double signSeconds)
      throws LoadException, InterruptedException {
    ErrorTally errors = new ErrorTally();
    long fromBlock = quantity(rpc.call("eth_blockNumber"), "eth_blockNumber").longValueExact() + 1;
    String loadBefore = loadAverage();
    HeapSampler heap = settings.nodePid() > 0 ? new HeapSampler(settings.nodePid()) : null;
    if (heap != null) {
      heap.start();
    }
    CpuMeter cpu = CpuMeter.start(settings.nodePids());
    CommitTracker tracker = new CommitTracker(rpc, presigned, errors, fromBlock);
    Thread trackerThread = new Thread(tracker, "bench-track");
    trackerThread.setDaemon(true);
    trackerThread.start();
    Submitter submitter = new Submitter(endpoints, presigned, settings.connections(), settings.rateTxsPerS(), errors);
    Submitter.Outcome sent;
    CpuMeter.Usage used;
    long startNs = System.nanoTime();
    Killer killer = settings.kill() == null ? null : new Killer(settings.kill(), startNs, cpu);
    try {
      if (killer != null) {
        killer.start();
      }
      sent = submitter.run(startNs);
      progress.printf("submitted %d (%d accepted); waiting for commits ...%n", sent.sent(), sent.accepted());
      tracker.submissionEnded(sent.accepted(), System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainTimeoutS()));
      trackerThread.join();
      used = cpu.stop();
      checkStatuses(presigned, tracker, errors);
    } finally {
      trackerThread.interrupt();
      if (killer != null) {
        killer.interrupt();
      }
      if (heap != null) {
        heap.close();
      }
    }
    return report(workload, presigned, fees, signSeconds, sent, tracker, submitter, errors, heap, used, loadBefore,
        killer);
  }

  /** Sends SIGKILL to a node at its second of the run; reads the node's CPU time just before. */
  private final class Killer extends Thread {
    private final LoadSettings.Kill kill;
    private final long startNs;
    private final CpuMeter cpu;
    private volatile long killedNs;

    Killer(LoadSettings.Kill kill, long startNs, CpuMeter cpu) {
      super("bench-kill");
      setDaemon(true);
      this.kill = kill;
      this.startNs = startNs;
      this.cpu = cpu;
    }

    @Override
    public void run() {
      long dueNs = startNs + TimeUnit.SECONDS.toNanos(kill.atS());
      long waitNs;
      while ((waitNs = dueNs - System.nanoTime()) > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(waitNs);
        if (isInterrupted()) {
          return;
        }
      }
      cpu.sample(kill.pid());
      java.util.Optional<ProcessHandle> target = ProcessHandle.of(kill.pid());
      if (target.isEmpty()) {
        progress.printf("kill: process %d is not running%n", kill.pid());
        return;
      }
      // ProcessHandle.destroyForcibly is SIGKILL on Linux: the node gets no chance to close anything
      target.get().destroyForcibly();
      killedNs = System.nanoTime();
      progress.printf("killed process %d at %.1f s%n", kill.pid(), (killedNs - startNs) / 1e9);
    }
  }

  /** Transactions sent per second (by their batch's send) and first seen committed per second, from {@code startNs}. */
  static List<LoadReport.Second> perSecond(long startNs, long[] sentNs, long[] committedNs) {
    int seconds = 0;
    for (long t : sentNs) {
      seconds = Math.max(seconds, t == 0 ? 0 : (int) ((t - startNs) / 1_000_000_000L) + 1);
    }
    for (long t : committedNs) {
      seconds = Math.max(seconds, t == 0 ? 0 : (int) ((t - startNs) / 1_000_000_000L) + 1);
    }
    long[] sent = new long[seconds];
    long[] committed = new long[seconds];
    for (long t : sentNs) {
      if (t != 0) {
        sent[(int) (Math.max(0, t - startNs) / 1_000_000_000L)]++;
      }
    }
    for (long t : committedNs) {
      if (t != 0) {
        committed[(int) (Math.max(0, t - startNs) / 1_000_000_000L)]++;
      }
    }
    List<LoadReport.Second> out = new ArrayList<>(seconds);
    for (int s = 0; s < seconds; s++) {
      out.add(new LoadReport.Second(s, sent[s], committed[s]));
    }
    return out;
  }

  private LoadReport report(Workload workload, Presigned presigned, LoadContext.Fees fees, double signSeconds,
      Submitter.Outcome sent, CommitTracker tracker, Submitter submitter, ErrorTally errors, HeapSampler heap,
      CpuMeter.Usage used, String loadBefore, Killer killer) {
    long[] latencies = new long[presigned.txs()];
    int n = 0;
    long lastCommitNs = sent.firstSendNs();
    for (int i = 0; i < presigned.txs(); i++) {
      long committedAt = tracker.committedNs(i);
      long sentAt = submitter.sentNs(presigned.batchOf(i));
      if (committedAt != 0 && sentAt != 0) {
        latencies[n++] = Math.max(0, committedAt - sentAt);
        lastCommitNs = Math.max(lastCommitNs, committedAt);
      }
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    double submitSeconds = Math.max(1e-9, (sent.lastAnsweredNs() - sent.firstSendNs()) / 1e9);
    double commitSeconds = (lastCommitNs - sent.firstSendNs()) / 1e9;
    long committed = tracker.committed();
    long[] txSentNs = new long[presigned.txs()];
    long[] txCommittedNs = new long[presigned.txs()];
    for (int i = 0; i < presigned.txs(); i++) {
      txSentNs[i] = submitter.sentNs(presigned.batchOf(i));
      txCommittedNs[i] = tracker.committedNs(i);
    }
    List<LoadReport.Second> seconds = perSecond(sent.firstSendNs(), txSentNs, txCommittedNs);
    Recovery recovery = null;
    if (killer != null && killer.killedNs != 0) {
      long[] perS = seconds.stream().mapToLong(LoadReport.Second::committed).toArray();
      int loadedSeconds = settings.openLoop() ? settings.durationS() : perS.length;
      recovery = Recovery.of(settings.kill().pid(), perS, (killer.killedNs - sent.firstSendNs()) / 1e9, loadedSeconds);
    }
    List<String> failovers = new ArrayList<>();
    for (Submitter.Failover f : sent.failovers()) {
      failovers.add(String.format(java.util.Locale.ROOT, "%s unreachable at %.1f s (%d batches sent again)",
          f.endpoint(), (f.atNs() - sent.firstSendNs()) / 1e9, f.resentBatches()));
    }
    return new LoadReport(
        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
        String.join(",", settings.rpcs().stream().map(java.net.URI::toString).toList()),
        workload.name(),
        settings.accounts(),
        settings.txs(),
        settings.warmupTxs(),
        settings.rateTxsPerS(),
        settings.batchTxs(),
        settings.connections(),
        fees.maxFeePerGas().toString(),
        signSeconds,
        (presigned.txs() + settings.warmupTxs()) / Math.max(1e-9, signSeconds),
        sent.sent(),
        sent.accepted(),
        sent.rejected(),
        submitSeconds,
        sent.sent() / submitSeconds,
        sent.lagMsMax(),
        sent.lagMsMean(),
        committed,
        sent.sent() - committed,
        commitSeconds > 0 ? committed / commitSeconds : 0,
        sustained(tracker.blocks()),
        LoadReport.Latency.of(sorted),
        LoadReport.Latency.of(submitter.roundTripsNs()),
        blocks(tracker.blocks()),
        errors.snapshot(),
        heap == null ? null : heap.heap(),
        new LoadReport.Cpu(used.nodeSeconds(),
            used.nodeSeconds() >= 0 && committed > 0 ? used.nodeSeconds() * 1e6 / committed : -1,
            used.nodeSecondsEach(), used.generatorSeconds(), used.machineBusyPercent(), used.cores()),
        loadBefore,
        loadAverage(),
        tracker.failure(),
        seconds,
        sent.resent(),
        failovers,
        recovery);
  }

  /** Our transactions in the blocks after the first loaded one, over the time between the first and the last. */
  static double sustained(List<CommitTracker.BlockSeen> seen) {
    List<CommitTracker.BlockSeen> loaded = seen.stream().filter(b -> b.ours() > 0).toList();
    if (loaded.size() < 2) {
      return 0;
    }
    long txs = 0;
    for (int i = 1; i < loaded.size(); i++) {
      txs += loaded.get(i).ours();
    }
    double seconds = (loaded.get(loaded.size() - 1).observedNs() - loaded.get(0).observedNs()) / 1e9;
    return seconds > 0 ? txs / seconds : 0;
  }

  static LoadReport.Blocks blocks(List<CommitTracker.BlockSeen> seen) {
    List<CommitTracker.BlockSeen> loaded = seen.stream().filter(b -> b.ours() > 0).toList();
    if (loaded.isEmpty()) {
      return new LoadReport.Blocks(0, 0, 0, 0, 0, 0, 0);
    }
    long txs = 0;
    long gas = 0;
    int max = 0;
    for (CommitTracker.BlockSeen b : loaded) {
      txs += b.txs();
      gas += b.gasUsed();
      max = Math.max(max, b.txs());
    }
    CommitTracker.BlockSeen first = loaded.get(0);
    CommitTracker.BlockSeen last = loaded.get(loaded.size() - 1);
    double interval = loaded.size() < 2 ? 0 : (last.observedNs() - first.observedNs()) / 1e6 / (loaded.size() - 1);
    return new LoadReport.Blocks(loaded.size(), first.number(), last.number(), (double) txs / loaded.size(), max,
        interval, (double) gas / loaded.size());
  }

  // ---- preparation ----

  private LoadContext.Fees fees() throws LoadException {
    BigInteger tip = quantity(rpc.call("eth_maxPriorityFeePerGas"), "eth_maxPriorityFeePerGas");
    if (settings.maxFeePerGas() != null) {
      if (settings.maxFeePerGas().compareTo(tip) < 0) {
        throw new LoadException("--max-fee-gwei is below the node's suggested tip of " + tip + " wei");
      }
      return new LoadContext.Fees(settings.maxFeePerGas(), tip);
    }
    JsonNode latest = rpc.call("eth_getBlockByNumber", "latest", false);
    BigInteger baseFee = latest.hasNonNull("baseFeePerGas") ? quantity(latest.get("baseFeePerGas"), "baseFeePerGas") : BigInteger.ZERO;
    BigInteger cap = baseFee.multiply(FEE_CAP_BASE_FEE_MULTIPLE).max(FEE_CAP_MIN).add(tip);
    return new LoadContext.Fees(cap, tip);
  }

  private void fund(Workload workload, List<Address> senders, long chainId, LoadContext.Fees fees) throws LoadException {
    BigInteger perTx = BigInteger.valueOf(workload.gasLimitPerTx()).multiply(fees.maxFeePerGas()).add(workload.valuePerTx());
    BigInteger fundingFee = BigInteger.valueOf(FUNDING_GAS).multiply(fees.maxFeePerGas());
    BigInteger[] amounts = new BigInteger[senders.size()];
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < senders.size(); i++) {
      int txs = settings.txsOfSender(i) + settings.warmupTxsOfSender(i) + PREPARE_TXS_RESERVE;
      amounts[i] = perTx.multiply(BigInteger.valueOf(txs));
      total = total.add(amounts[i]).add(fundingFee);
    }
    Address funder = Address.wrap(settings.suite().address(settings.funder().publicKey()));
    BigInteger balance = quantity(rpc.call("eth_getBalance", funder.toHex(), "latest"), "eth_getBalance");
    if (balance.compareTo(total) < 0) {
      throw new LoadException("funder " + funder.toChecksumHex() + " holds " + balance + " wei; funding " + senders.size()
          + " senders for this run needs " + total + " wei: use fewer --txs or a richer --key");
    }
    long nonce = quantity(rpc.call("eth_getTransactionCount", funder.toHex(), "pending"), "eth_getTransactionCount")
        .longValueExact();
    progress.printf("funding %d senders from %s ...%n", senders.size(), funder.toChecksumHex());
    long startNs = System.nanoTime();
    for (int from = 0; from < senders.size(); from += FUNDING_CHUNK_TXS) {
      int to = Math.min(senders.size(), from + FUNDING_CHUNK_TXS);
      List<Transaction> txs = new ArrayList<>(to - from);
      List<String> hashes = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        Transaction tx = Transaction.builder()
            .type(TransactionType.DYNAMIC_FEE)
            .chainId(chainId)
            .nonce(nonce++)
            .gasLimit(FUNDING_GAS)
            .maxFeePerGas(fees.maxFeePerGas())
            .maxPriorityFeePerGas(fees.maxPriorityFeePerGas())
            .to(senders.get(i))
            .value(amounts[i])
            .sign(settings.funder(), settings.suite());
        txs.add(tx);
        hashes.add(tx.hash().toHex());
      }
      int first = from;
      sendInOrder(rpc, txs, i -> "funding transfer to " + senders.get(first + i).toChecksumHex());
      awaitReceipts(rpc, hashes);
    }
    progress.printf("funded in %.1f s%n", (System.nanoTime() - startNs) / 1e9);
  }

  /**
   * Sends one account's consecutive transactions one request at a time, each after the previous one was answered:
   * a node that mines every transaction on arrival (Hardhat's automine) refuses a nonce that overtakes its
   * predecessor, and some nodes serve the calls of one JSON-RPC batch concurrently, so a batch would not keep the
   * order. {@code what} names transaction i in the error.
   */
  static void sendInOrder(RpcConnection rpc, List<Transaction> txs, IntFunction<String> what) throws LoadException {
    for (int i = 0; i < txs.size(); i++) {
      try {
        rpc.call("eth_sendRawTransaction", txs.get(i).encoding().toHex());
      } catch (LoadException e) {
        throw new LoadException(what.apply(i) + " refused: " + e.getMessage());
      }
    }
  }

  /** Waits until every transaction has a successful receipt; the receipts in the order of the hashes. */
  static List<JsonNode> awaitReceipts(RpcConnection rpc, List<String> hashes) throws LoadException {
    long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
    JsonNode[] receipts = new JsonNode[hashes.size()];
    List<Integer> waiting = new ArrayList<>(hashes.size());
    for (int i = 0; i < hashes.size(); i++) {
      waiting.add(i);
    }
    while (true) {
      List<ObjectNode> calls = new ArrayList<>(waiting.size());
      for (int i : waiting) {
        calls.add(rpc.request(rpc.nextId(), "eth_getTransactionReceipt", hashes.get(i)));
      }
      List<JsonNode> answers = rpc.batch(calls);
      List<Integer> still = new ArrayList<>();
      for (int k = 0; k < answers.size(); k++) {
        int i = waiting.get(k);
        JsonNode receipt = answers.get(k).get("result");
        if (receipt == null || receipt.isNull()) {
          still.add(i);
        } else if (!"0x1".equals(receipt.path("status").asText())) {
          throw new LoadException("preparation transaction " + hashes.get(i) + " failed: status "
              + receipt.path("status").asText());
        } else {
          receipts[i] = receipt;
        }
      }
      waiting = still;
      if (waiting.isEmpty()) {
        return Arrays.asList(receipts);
      }
      if (System.nanoTime() > deadline) {
        throw new LoadException(waiting.size() + " preparation transactions have no receipt after "
            + RECEIPT_TIMEOUT.toSeconds() + " s, e.g. " + hashes.get(waiting.get(0)));
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoadException("interrupted while waiting for receipts", e);
      }
    }
  }

  /** Fetches the receipts of an even sample of the committed load transactions and tallies the failed ones. */
  private void checkStatuses(Presigned presigned, CommitTracker tracker, ErrorTally errors) throws LoadException {
    int[] sample = statusSample(presigned.txs(), tracker::committedNs, STATUS_SAMPLE_MAX);
    List<ObjectNode> calls = new ArrayList<>(sample.length);
    for (int i : sample) {
      calls.add(rpc.request(rpc.nextId(), "eth_getTransactionReceipt", presigned.hash(i)));
    }
    List<JsonNode> answers = sample.length == 0 ? List.of() : rpc.batch(calls);
    long failed = failedStatuses(answers);
    long missing = answers.stream().filter(a -> !a.path("result").has("status")).count();
    progress.printf("receipt status: %d of %d sampled committed transactions failed on chain%n", failed, sample.length);
    if (failed > 0) {
      errors.add(FAILED_ON_CHAIN, failed);
    }
    if (missing > 0) {
      errors.add("no receipt with a status for a committed transaction, in the status sample", missing);
    }
  }

  /** Up to {@code max} indexes of committed transactions, spread evenly over the run, in order. */
  static int[] statusSample(int txs, java.util.function.IntToLongFunction committedNs, int max) {
    int[] committed = new int[txs];
    int n = 0;
    for (int i = 0; i < txs; i++) {
      if (committedNs.applyAsLong(i) != 0) {
        committed[n++] = i;
      }
    }
    int take = Math.min(n, max);
    int[] sample = new int[take];
    for (int k = 0; k < take; k++) {
      sample[k] = committed[(int) ((long) k * n / take)];
    }
    return sample;
  }

  /** JSON-RPC answers carrying a receipt whose status is not 0x1 (answers without a receipt are not counted). */
  static long failedStatuses(List<JsonNode> answers) {
    return answers.stream().filter(a -> a.path("result").has("status"))
        .filter(a -> !"0x1".equals(a.path("result").path("status").asText())).count();
  }

  private long[] pendingNonces(List<Address> senders) throws LoadException {
    return nonces(senders, "pending");
  }

  private long[] nonces(List<Address> senders, String blockTag) throws LoadException {
    long[] nonces = new long[senders.size()];
    for (int from = 0; from < senders.size(); from += FUNDING_CHUNK_TXS) {
      int to = Math.min(senders.size(), from + FUNDING_CHUNK_TXS);
      List<ObjectNode> calls = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        calls.add(rpc.request(rpc.nextId(), "eth_getTransactionCount", senders.get(i).toHex(), blockTag));
      }
      List<JsonNode> answers = rpc.batch(calls);
      for (int i = from; i < to; i++) {
        JsonNode answer = answers.get(i - from);
        if (answer.has("error")) {
          throw new LoadException("eth_getTransactionCount failed: " + answer.path("error").path("message").asText());
        }
        nonces[i] = quantity(answer.get("result"), "eth_getTransactionCount").longValueExact();
      }
    }
    return nonces;
  }

  static BigInteger quantity(JsonNode node, String what) throws LoadException {
    String text = node == null ? "" : node.asText();
    if (!text.startsWith("0x") || text.length() < 3 || text.length() > 66) {
      throw new LoadException(what + ": the node answered " + node + ", not a hex quantity");
    }
    try {
      return new BigInteger(text.substring(2), 16);
    } catch (NumberFormatException e) {
      throw new LoadException(what + ": the node answered " + text + ", not a hex quantity");
    }
  }

  /** The 1, 5 and 15 minute load averages of this machine, to judge how much CPU the node had. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unavailable";
    } catch (IOException | RuntimeException e) {
      return "unavailable";
    }
  }
}
