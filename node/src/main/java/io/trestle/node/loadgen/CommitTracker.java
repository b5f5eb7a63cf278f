package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows the chain block by block with {@code eth_getBlockByNumber(n, false)} and stamps each load transaction
 * with the moment the client first saw the block holding it. Runs on its own thread until every accepted
 * transaction is seen, or the drain timeout after submission ends.
 */
final class CommitTracker implements Runnable {
  static final long POLL_MS = 20;

  private final RpcConnection rpc;
  private final Presigned presigned;
  private final ErrorTally errors;
  private final long[] committedNs;
  private final List<BlockSeen> blocks = new ArrayList<>();
  private long nextBlock;
  private long committed;
  private volatile long expected = Long.MAX_VALUE;
  private volatile long stopAtNs = Long.MAX_VALUE;
  private volatile String failure;

  /** A block the tracker saw: its size and how many of our transactions it held. */
  record BlockSeen(long number, int txs, int ours, long gasUsed, long observedNs) {}

  CommitTracker(RpcConnection rpc, Presigned presigned, ErrorTally errors, long fromBlock) {
    this.rpc = rpc;
    this.presigned = presigned;
    this.errors = errors;
    this.committedNs = new long[presigned.txs()];
    this.nextBlock = fromBlock;
  }

  /** Submission is over: stop once {@code accepted} transactions are seen, or at {@code deadlineNs}. */
  void submissionEnded(long accepted, long deadlineNs) {
    expected = accepted;
    stopAtNs = deadlineNs;
  }

  @Override
  public void run() {
    int consecutiveFailures = 0;
    while (committed < expected && System.nanoTime() < stopAtNs) {
      try {
        JsonNode block = rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(nextBlock), false);
        consecutiveFailures = 0;
        if (block == null || block.isNull()) {
          TimeUnit.MILLISECONDS.sleep(POLL_MS);
          continue;
        }
        record(block, System.nanoTime());
        nextBlock++;
      } catch (LoadException e) {
        errors.add("block polling: " + e.getMessage());
        if (++consecutiveFailures >= 50) {
          failure = "block polling failed 50 times in a row: " + e.getMessage();
          return;
        }
        sleepQuietly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void record(JsonNode block, long nowNs) {
    JsonNode txs = block.path("transactions");
    int ours = 0;
    for (JsonNode hash : txs) {
      int i = presigned.indexOf(hash.asText().toLowerCase(java.util.Locale.ROOT));
      if (i >= 0 && committedNs[i] == 0) {
        committedNs[i] = nowNs;
        ours++;
      }
    }
    committed += ours;
    long gasUsed = parseQuantity(block.path("gasUsed").asText("0x0"));
    blocks.add(new BlockSeen(nextBlock, txs.size(), ours, gasUsed, nowNs));
  }

  private static long parseQuantity(String hex) {
    try {
      return Long.parseLong(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void sleepQuietly() {
    try {
      TimeUnit.MILLISECONDS.sleep(POLL_MS * 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** When transaction {@code i} was seen committed, or 0. Read only after the tracker's thread has ended. */
  long committedNs(int i) {
    return committedNs[i];
  }

  long committed() {
    return committed;
  }

  List<BlockSeen> blocks() {
    return blocks;
  }

  /** Why tracking gave up early, or null. */
  String failure() {
    return failure;
  }
}
