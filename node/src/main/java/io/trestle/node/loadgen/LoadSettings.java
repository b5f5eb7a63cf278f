package io.trestle.node.loadgen;

import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What one load run does. Either a fixed number of transactions sent as fast as the connections allow
 * ({@code rateTxsPerS == 0}), or an open-loop run that releases batches on a fixed schedule of {@code rateTxsPerS}
 * for {@code durationS} seconds (then {@code txs == rateTxsPerS * durationS}).
 *
 * @param warmupTxs transactions sent the same way before the measured ones, unmeasured, so the node's JIT has
 *     compiled the hot paths and its pool and caches are in a steady state when measuring starts
 * @param maxFeePerGas the fee cap of every transaction, or null for 1,000 times the base fee at start (EIP-1559
 *     raises the base fee by up to 12.5 % a block while blocks are more than half full)
 * @param rpcs JSON-RPC endpoints: the first one funds, prepares and follows the chain; batches are spread over all
 *     of them round robin, and an endpoint that stops answering is left out from then on (see {@link Submitter})
 * @param nodePids process ids of nodes on this machine, for CPU time (all) and heap samples (the first); may be empty
 * @param kill a node to kill during the measured phase, or null
 */
public record LoadSettings(
    List<URI> rpcs,
    CryptoSuite suite,
    KeyPair funder,
    String kind,
    int accounts,
    int txs,
    int warmupTxs,
    int rateTxsPerS,
    int durationS,
    int batchTxs,
    int connections,
    BigInteger maxFeePerGas,
    int drainTimeoutS,
    List<Long> nodePids,
    Kill kill) {

  public static final int ACCOUNTS_MAX = 100_000;
  public static final int TXS_MAX = 2_000_000;
  /** The node's JSON-RPC batch limit. */
  public static final int BATCH_TXS_MAX = 1_000;
  public static final int CONNECTIONS_MAX = 64;
  public static final int DRAIN_TIMEOUT_S_MAX = 3_600;
  public static final int RPCS_MAX = 16;
  public static final int NODE_PIDS_MAX = 16;

  /**
   * SIGKILL process {@code pid} {@code atS} seconds after the first measured send, to measure how throughput
   * recovers when a validator dies.
   */
  public record Kill(long pid, int atS) {
    public Kill {
      if (pid <= 0) {
        throw new IllegalArgumentException("--kill-pid " + pid + " is not a process id");
      }
      if (atS < 1 || atS > DRAIN_TIMEOUT_S_MAX) {
        throw new IllegalArgumentException("--kill-at-s " + atS + " is outside [1, " + DRAIN_TIMEOUT_S_MAX + "]");
      }
    }
  }

  /** One endpoint, at most one node pid, no kill: the single-node run. */
  public LoadSettings(URI rpc, CryptoSuite suite, KeyPair funder, String kind, int accounts, int txs, int warmupTxs,
      int rateTxsPerS, int durationS, int batchTxs, int connections, BigInteger maxFeePerGas, int drainTimeoutS,
      long nodePid) {
    this(List.of(rpc), suite, funder, kind, accounts, txs, warmupTxs, rateTxsPerS, durationS, batchTxs, connections,
        maxFeePerGas, drainTimeoutS, nodePid > 0 ? List.of(nodePid) : List.of(), null);
  }

  public LoadSettings {
    Objects.requireNonNull(rpcs, "rpcs");
    rpcs = List.copyOf(rpcs);
    nodePids = List.copyOf(Objects.requireNonNull(nodePids, "nodePids"));
    if (rpcs.isEmpty() || rpcs.size() > RPCS_MAX) {
      throw new IllegalArgumentException(rpcs.size() + " --rpc endpoints; give 1 to " + RPCS_MAX);
    }
    if (nodePids.size() > NODE_PIDS_MAX) {
      throw new IllegalArgumentException(nodePids.size() + " --node-pid values; give at most " + NODE_PIDS_MAX);
    }
    for (long pid : nodePids) {
      if (pid <= 0) {
        throw new IllegalArgumentException("--node-pid " + pid + " is not a process id");
      }
    }
    if (kill != null && rateTxsPerS > 0 && kill.atS() >= durationS) {
      throw new IllegalArgumentException("--kill-at-s " + kill.atS() + " is not inside the " + durationS
          + " s measured phase");
    }
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(funder, "funder");
    Objects.requireNonNull(kind, "kind");
    if (accounts < 1 || accounts > ACCOUNTS_MAX) {
      throw new IllegalArgumentException("--accounts " + accounts + " is outside [1, " + ACCOUNTS_MAX + "]");
    }
    if (txs < 1 || txs > TXS_MAX) {
      throw new IllegalArgumentException("--txs " + txs + " is outside [1, " + TXS_MAX + "]");
    }
    if (warmupTxs < 0 || warmupTxs > TXS_MAX) {
      throw new IllegalArgumentException("warm-up of " + warmupTxs + " transactions is outside [0, " + TXS_MAX + "]");
    }
    if (rateTxsPerS < 0) {
      throw new IllegalArgumentException("--rate " + rateTxsPerS + " is negative");
    }
    if (batchTxs < 1 || batchTxs > BATCH_TXS_MAX) {
      throw new IllegalArgumentException("--batch " + batchTxs + " is outside [1, " + BATCH_TXS_MAX + "]");
    }
    if (connections < 1 || connections > CONNECTIONS_MAX) {
      throw new IllegalArgumentException("--connections " + connections + " is outside [1, " + CONNECTIONS_MAX + "]");
    }
    if (maxFeePerGas != null && maxFeePerGas.signum() < 0) {
      throw new IllegalArgumentException("--max-fee-gwei is negative");
    }
    if (drainTimeoutS < 1 || drainTimeoutS > DRAIN_TIMEOUT_S_MAX) {
      throw new IllegalArgumentException("--drain-timeout-s " + drainTimeoutS + " is outside [1, " + DRAIN_TIMEOUT_S_MAX + "]");
    }
  }

  /** The endpoint that funds, prepares and follows the chain. */
  public URI rpc() {
    return rpcs.get(0);
  }

  /** The node whose heap is sampled, or 0. */
  public long nodePid() {
    return nodePids.isEmpty() ? 0 : nodePids.get(0);
  }

  /** Measured transactions of one sender: the first {@code txs % accounts} senders sign one more. */
  public int txsOfSender(int senderIndex) {
    return share(txs, senderIndex);
  }

  /** Warm-up transactions of one sender, split like {@link #txsOfSender}. */
  public int warmupTxsOfSender(int senderIndex) {
    return share(warmupTxs, senderIndex);
  }

  private int share(int total, int senderIndex) {
    return total / accounts + (senderIndex < total % accounts ? 1 : 0);
  }

  public boolean openLoop() {
    return rateTxsPerS > 0;
  }
}
