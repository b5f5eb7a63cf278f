package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTest {
  private static final long MS = 1_000_000;

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = (i + 1) * MS;
    }
    LoadReport.Latency l = LoadReport.Latency.of(sorted);
    assertEquals(50, l.p50());
    assertEquals(95, l.p95());
    assertEquals(99, l.p99());
    assertEquals(100, l.max());
    assertEquals(50.5, l.mean(), 1e-9);
  }

  @Test
  void percentilesOfOneValueAreThatValue() {
    LoadReport.Latency l = LoadReport.Latency.of(new long[] {7 * MS});
    assertEquals(7, l.p50());
    assertEquals(7, l.p99());
  }

  @Test
  void sustainedRateLeavesOutTheFirstLoadedBlockAndEmptyBlocks() {
    List<CommitTracker.BlockSeen> seen = List.of(
        new CommitTracker.BlockSeen(1, 0, 0, 0, 0),
        new CommitTracker.BlockSeen(2, 500, 500, 0, 1_000 * MS),
        new CommitTracker.BlockSeen(3, 3000, 3000, 0, 2_000 * MS),
        new CommitTracker.BlockSeen(4, 3000, 3000, 0, 3_000 * MS));
    assertEquals(3000.0, LoadGenerator.sustained(seen), 1e-9);
    LoadReport.Blocks b = LoadGenerator.blocks(seen);
    assertEquals(3, b.count());
    assertEquals(2, b.first());
    assertEquals(4, b.last());
    assertEquals(3000, b.txsPerBlockMax());
    assertEquals(1000.0, b.intervalMsMean(), 1e-9);
  }
}
