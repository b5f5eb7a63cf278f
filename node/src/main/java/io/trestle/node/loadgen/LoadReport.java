package io.trestle.node.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one load run. Rates are per second of the generator's clock; latency is from the moment a
 * transaction's batch was sent to the moment the client first saw the block holding it.
 *
 * @param submittedPerS transactions sent / (first send to last answer)
 * @param committedPerS transactions seen committed / (first send to last one seen committed), ramp and drain included
 * @param batchRoundTripMs send to answer of each JSON-RPC batch: the time the node took to admit its transactions
 * @param sustainedPerS transactions in the blocks after the first one holding ours / time between those blocks:
 *     what the chain kept up once it was loaded
 * @param perSecond per second after the first send: batches' transactions sent and transactions first seen committed
 * @param resentTxs transactions sent a second time after their endpoint became unreachable (not in sent/accepted)
 * @param failovers endpoints found unreachable, with when (seconds after the first send)
 * @param recovery how throughput came back after the kill, or null when no node was killed
 */
public record LoadReport(
    String date,
    String rpc,
    String kind,
    int accounts,
    int txs,
    int warmupTxs,
    int rateTxsPerS,
    int batchTxs,
    int connections,
    String maxFeePerGasWei,
    double signSeconds,
    double signedPerS,
    long sent,
    long accepted,
    long rejected,
    double submitSeconds,
    double submittedPerS,
    double sendLagMsMax,
    double sendLagMsMean,
    long committed,
    long uncommitted,
    double committedPerS,
    double sustainedPerS,
    Latency latencyMs,
    Latency batchRoundTripMs,
    Blocks blocks,
    Map<String, Long> errors,
    Heap heap,
    Cpu cpu,
    String loadAverageBefore,
    String loadAverageAfter,
    String trackingProblem,
    List<Second> perSecond,
    long resentTxs,
    List<String> failovers,
    Recovery recovery) {

  /** One second of the measured phase. */
  public record Second(int second, long submitted, long committed) {}

  /** Commit latency percentiles in milliseconds (nearest rank). */
  public record Latency(double p50, double p95, double p99, double max, double mean) {
    static Latency of(long[] sortedNanos) {
      if (sortedNanos.length == 0) {
        return new Latency(0, 0, 0, 0, 0);
      }
      double sum = 0;
      for (long v : sortedNanos) {
        sum += v;
      }
      return new Latency(rank(sortedNanos, 50), rank(sortedNanos, 95), rank(sortedNanos, 99),
          sortedNanos[sortedNanos.length - 1] / 1e6, sum / sortedNanos.length / 1e6);
    }

    /** The nearest-rank percentile: the smallest value with at least {@code pct} % of the values at or below it. */
    static double rank(long[] sortedNanos, double pct) {
      int index = (int) Math.ceil(pct / 100.0 * sortedNanos.length) - 1;
      return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
  }

  /** The node's heap as sampled during the run; sizes in MiB; {@code problem} says why there are no samples. */
  public record Heap(long pid, int samples, double usedMiBMax, double committedMiBMax, double maxHeapMiB,
      double oldGenMiBAtEnd, String problem) {}

  /**
   * CPU used during the measured phase, in seconds; -1 where unknown. The node's figure per committed transaction
   * is what bounds throughput once the node has the cores to itself.
   */
  public record Cpu(double nodeSeconds, double nodeUsPerCommittedTx, List<Double> nodeSecondsEach,
      double generatorSeconds, double machineBusyPercent, int cores) {}

  /** Blocks holding load transactions. */
  public record Blocks(int count, long first, long last, double txsPerBlockMean, int txsPerBlockMax,
      double intervalMsMean, double gasUsedMean) {}

  /** A few lines for a person. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    line(b, "load       %s x %d over %d accounts, batch %d, %d connections, %s, after %d warm-up txs", kind, txs,
        accounts, batchTxs, connections, rateTxsPerS > 0 ? "open loop at " + rateTxsPerS + " tx/s" : "closed loop",
        warmupTxs);
    line(b, "node       %s   (%s)", rpc, date);
    line(b, "signed     %d txs in %.1f s (%.0f/s), before the measured phase", txs + warmupTxs, signSeconds, signedPerS);
    line(b, "submitted  %d sent, %d accepted, %d rejected in %.1f s: %.0f tx/s (send lag max %.0f ms, mean %.1f ms)",
        sent, accepted, rejected, submitSeconds, submittedPerS, sendLagMsMax, sendLagMsMean);
    line(b, "committed  %d (%d not seen): %.0f tx/s first send to last commit, %.0f tx/s sustained", committed,
        uncommitted, committedPerS, sustainedPerS);
    line(b, "latency    p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms  mean %.0f ms", latencyMs.p50(),
        latencyMs.p95(), latencyMs.p99(), latencyMs.max(), latencyMs.mean());
    line(b, "admission  batch round trip p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms", batchRoundTripMs.p50(),
        batchRoundTripMs.p95(), batchRoundTripMs.p99(), batchRoundTripMs.max());
    line(b, "blocks     %d (#%d..#%d), %.0f txs/block mean, %d max, every %.0f ms, %.1f Mgas mean", blocks.count(),
        blocks.first(), blocks.last(), blocks.txsPerBlockMean(), blocks.txsPerBlockMax(), blocks.intervalMsMean(),
        blocks.gasUsedMean() / 1e6);
    if (heap != null) {
      if (heap.samples() > 0) {
        line(b, "node heap  used max %.0f MiB, committed max %.0f MiB, -Xmx %.0f MiB, old gen at end %.0f MiB (%d samples, pid %d)",
            heap.usedMiBMax(), heap.committedMiBMax(), heap.maxHeapMiB(), heap.oldGenMiBAtEnd(), heap.samples(), heap.pid());
      } else {
        line(b, "node heap  unavailable: %s", heap.problem());
      }
    }
    if (cpu != null) {
      line(b, "cpu        node%s %.1f s (%.0f us per committed tx)%s, generator %.1f s, machine %.0f %% busy of %d cores",
          cpu.nodeSecondsEach().size() > 1 ? "s" : "", cpu.nodeSeconds(), cpu.nodeUsPerCommittedTx(),
          cpu.nodeSecondsEach().size() > 1 ? " " + seconds(cpu.nodeSecondsEach()) : "", cpu.generatorSeconds(),
          cpu.machineBusyPercent(), cpu.cores());
    }
    if (!failovers.isEmpty()) {
      line(b, "failover   %s; %d transactions sent again", String.join("; ", failovers), resentTxs);
    }
    if (recovery != null) {
      line(b, "kill       pid %d at %.1f s; committed median before %.0f tx/s; back at 90 %% after %.1f s, "
          + "every 3 s window at 90 %% from %.1f s after the kill", recovery.pid(), recovery.killedAtS(),
          recovery.preKillMedianPerS(), recovery.recoveredAfterS(), recovery.stableAfterS());
    }
    if (!perSecond.isEmpty()) {
      StringBuilder sent = new StringBuilder();
      StringBuilder done = new StringBuilder();
      for (Second s : perSecond) {
        sent.append(' ').append(s.submitted());
        done.append(' ').append(s.committed());
      }
      line(b, "per second submitted:%s", sent);
      line(b, "per second committed:%s", done);
    }
    line(b, "load avg   before %s, after %s", loadAverageBefore, loadAverageAfter);
    if (errors.isEmpty()) {
      line(b, "errors     none");
    } else {
      line(b, "errors");
      errors.forEach((message, count) -> line(b, "  %8d  %s", count, message));
    }
    if (trackingProblem != null) {
      line(b, "tracking   %s", trackingProblem);
    }
    return b.toString();
  }

  private static String seconds(List<Double> each) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < each.size(); i++) {
      b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", each.get(i)));
    }
    return b.append(']').toString();
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
