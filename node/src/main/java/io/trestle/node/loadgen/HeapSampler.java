package io.trestle.node.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples the heap of a JVM on this machine once a second with {@code jstat -gc}: used is survivors + eden + old,
 * committed the same spaces' capacities; the maximum heap comes from {@code jstat -gccapacity}. Optional: when jstat
 * is missing or the process is gone, the report says so and the run goes on.
 */
final class HeapSampler implements AutoCloseable {
  private static final long KIB = 1024;
  private static final int LINE_CHARS_MAX = 4096;

  private final long pid;
  private Process process;
  private Thread reader;
  private volatile long usedBytesMax;
  private volatile long committedBytesMax;
  private volatile long oldUsedBytesLast;
  private volatile int samples;
  private volatile String problem;
  private volatile boolean closing;
  private long heapBytesMax;

  HeapSampler(long pid) {
    this.pid = pid;
  }

  void start() {
    heapBytesMax = maxHeapBytes();
    try {
      process = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "1000").redirectErrorStream(true).start();
    } catch (IOException e) {
      problem = "jstat not available: " + RpcConnection.describe(e);
      return;
    }
    reader = new Thread(this::read, "bench-heap");
    reader.setDaemon(true);
    reader.start();
  }

  private long maxHeapBytes() {
    try {
      Process p = new ProcessBuilder("jstat", "-gccapacity", Long.toString(pid)).redirectErrorStream(true).start();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        List<String> header = columns(in.readLine());
        List<String> values = columns(in.readLine());
        p.waitFor(5, TimeUnit.SECONDS);
        return (long) ((value(header, values, "NGCMX") + value(header, values, "OGCMX")) * KIB);
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> header = columns(in.readLine());
      if (!header.contains("EU")) {
        problem = "jstat -gc " + pid + ": " + String.join(" ", header);
        return;
      }
      String line;
      while ((line = in.readLine()) != null) {
        if (line.length() > LINE_CHARS_MAX) {
          continue;
        }
        List<String> v = columns(line);
        if (v.size() != header.size() || v.get(0).equals(header.get(0))) {
          continue;
        }
        double usedKib = value(header, v, "S0U") + value(header, v, "S1U") + value(header, v, "EU") + value(header, v, "OU");
        double committedKib = value(header, v, "S0C") + value(header, v, "S1C") + value(header, v, "EC") + value(header, v, "OC");
        usedBytesMax = Math.max(usedBytesMax, (long) (usedKib * KIB));
        committedBytesMax = Math.max(committedBytesMax, (long) (committedKib * KIB));
        oldUsedBytesLast = (long) (value(header, v, "OU") * KIB);
        samples++;
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        problem = "reading jstat failed: " + RpcConnection.describe(e);
      }
    }
  }

  private static List<String> columns(String line) {
    return line == null ? List.of() : Arrays.asList(line.trim().split("\\s+"));
  }

  private static double value(List<String> header, List<String> values, String column) {
    int i = header.indexOf(column);
    if (i < 0 || i >= values.size()) {
      throw new IllegalArgumentException("jstat output lacks column " + column);
    }
    return Double.parseDouble(values.get(i));
  }

  LoadReport.Heap heap() {
    String p = problem;
    if (p == null && samples == 0) {
      p = "no samples: is process " + pid + " a JVM on this machine?";
    }
    return new LoadReport.Heap(pid, samples, usedBytesMax / 1048576.0, committedBytesMax / 1048576.0, heapBytesMax / 1048576.0,
        oldUsedBytesLast / 1048576.0, p);
  }

  @Override
  public void close() {
    closing = true;
    if (process != null) {
      process.destroy();
    }
    if (reader != null) {
      try {
        reader.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
