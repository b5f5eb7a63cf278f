package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows the chain with {@code eth_blockNumber} and {@code eth_getBlockByNumber(n, false)} (every new block, up to
 * {@link #BLOCKS_PER_POLL_MAX} in one batch) and stamps each load transaction
 * with the moment the client first saw the block holding it. Runs on its own thread until every accepted
 * transaction is seen, or the drain timeout after submission ends.
 */
final class CommitTracker implements Runnable {
  static final long POLL_MS = 20;
  static final int BLOCKS_PER_POLL_MAX = 100;

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
        long head = LoadGenerator.quantity(rpc.call("eth_blockNumber"), "eth_blockNumber").longValueExact();
        consecutiveFailures = 0;
        if (head < nextBlock) {
          TimeUnit.MILLISECONDS.sleep(POLL_MS);
          continue;
        }
        fetchUpTo(Math.min(head, nextBlock + BLOCKS_PER_POLL_MAX - 1));
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

  /**
   * Fetches blocks {@code nextBlock..last} in one JSON-RPC batch. A node that mines a block per transaction
   * (Hardhat's automine) makes hundreds of blocks a second; one call per block would leave the tracker behind
   * the chain and understate that node's rate.
   */
  private void fetchUpTo(long last) throws LoadException {
    List<ObjectNode> calls = new ArrayList<>((int) (last - nextBlock + 1));
    for (long n = nextBlock; n <= last; n++) {
      calls.add(rpc.request(rpc.nextId(), "eth_getBlockByNumber", "0x" + Long.toHexString(n), false));
    }
    List<JsonNode> answers = rpc.batch(calls);
    long nowNs = System.nanoTime();
    for (JsonNode answer : answers) {
      JsonNode block = answer.get("result");
      if (block == null || block.isNull()) {
        if (answer.has("error")) {
          throw new LoadException("eth_getBlockByNumber failed: " + answer.path("error").path("message").asText());
        }
        return; // not there yet after all; ask again from here
      }
      record(block, nowNs);
      nextBlock++;
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
