package io.trestle.node.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time used during the measured phase: by the nodes (those whose pids are known), by this generator, and by
 * the whole machine (from /proc/stat on Linux). On a machine shared with other work these say how much CPU the
 * nodes actually had, which the throughput alone does not. A node about to be killed is read just before, since
 * a dead process's CPU time can no longer be asked for.
 */
final class CpuMeter {
  private final List<Long> nodePids;
  private final long[] nodeStartNs;
  private final long[] nodeLastNs;
  private final long selfStartNs;
  private final long[] machineStart;

  /**
   * CPU seconds spent while measuring; -1 where unknown. {@code nodeSeconds} is the sum over {@code nodeSecondsEach}
   * (-1 when any is unknown). {@code machineBusyPercent} is of all cores.
   */
  record Usage(double nodeSeconds, List<Double> nodeSecondsEach, double generatorSeconds, double machineBusyPercent,
      int cores) {}

  private CpuMeter(List<Long> nodePids) {
    this.nodePids = List.copyOf(nodePids);
    this.nodeStartNs = new long[nodePids.size()];
    this.nodeLastNs = new long[nodePids.size()];
    for (int i = 0; i < nodeStartNs.length; i++) {
      nodeStartNs[i] = cpuNs(nodePids.get(i));
      nodeLastNs[i] = nodeStartNs[i];
    }
    this.selfStartNs = cpuNs(ProcessHandle.current().pid());
    this.machineStart = machineTicks();
  }

  static CpuMeter start(List<Long> nodePids) {
    return new CpuMeter(nodePids);
  }

  /** Reads a node's CPU time now, to be used at {@link #stop} if the process is gone by then. */
  synchronized void sample(long pid) {
    for (int i = 0; i < nodeLastNs.length; i++) {
      if (nodePids.get(i) == pid) {
        long now = cpuNs(pid);
        if (now >= 0) {
          nodeLastNs[i] = now;
        }
      }
    }
  }

  synchronized Usage stop() {
    List<Double> each = new ArrayList<>(nodePids.size());
    double sum = nodePids.isEmpty() ? -1 : 0;
    for (int i = 0; i < nodePids.size(); i++) {
      long end = cpuNs(nodePids.get(i));
      double seconds = seconds(nodeStartNs[i], end >= 0 ? end : nodeLastNs[i]);
      each.add(seconds);
      sum = seconds < 0 || sum < 0 ? -1 : sum + seconds;
    }
    long selfEnd = cpuNs(ProcessHandle.current().pid());
    long[] machineEnd = machineTicks();
    double busy = -1;
    if (machineStart != null && machineEnd != null) {
      long total = machineEnd[0] - machineStart[0];
      long idle = machineEnd[1] - machineStart[1];
      busy = total > 0 ? 100.0 * (total - idle) / total : -1;
    }
    return new Usage(sum, each, seconds(selfStartNs, selfEnd), busy, Runtime.getRuntime().availableProcessors());
  }

  private static double seconds(long startNs, long endNs) {
    return startNs < 0 || endNs < 0 ? -1 : (endNs - startNs) / 1e9;
  }

  private static long cpuNs(long pid) {
    if (pid <= 0) {
      return -1;
    }
    Optional<Duration> cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
    return cpu.map(Duration::toNanos).orElse(-1L);
  }

  /** Total and idle (idle + iowait) jiffies of all cores, or null off Linux. */
  private static long[] machineTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      if (!f[0].equals("cpu") || f.length < 6) {
        return null;
      }
      long total = 0;
      // user nice system idle iowait irq softirq steal; the guest fields after them are already in user
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
