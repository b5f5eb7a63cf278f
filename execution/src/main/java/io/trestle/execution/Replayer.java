package io.trestle.execution;

import io.trestle.core.Hash;
import io.trestle.core.block.Header;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.Tracer;
import io.trestle.evm.TxResult;
import io.trestle.evm.WorldView;
import io.trestle.state.kv.KeyValueReader;
import io.trestle.state.world.UnknownStateRootException;
import io.trestle.state.world.WorldState;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Runs one committed transaction again exactly as it executed: block N's executed transactions before it are
 * applied, in memory only, to the state after block N-1, then the transaction runs with a tracer. Transactions
 * the block skipped changed nothing, so leaving them out reproduces the same state. Nothing is ever committed:
 * the world state is a private copy read from the store and dropped afterwards.
 */
final class Replayer {
  private final KeyValueReader kv;
  private final ChainStore store;
  private final BlockExecutor executor;
  private final TransactionProcessor processor;
  private final LongFunction<Hash> blockHashes;

  Replayer(KeyValueReader kv, ChainStore store, BlockExecutor executor, TransactionProcessor processor,
      LongFunction<Hash> blockHashes) {
    this.kv = kv;
    this.store = store;
    this.executor = executor;
    this.processor = processor;
    this.blockHashes = blockHashes;
  }

  /** Null when block {@code number} (of hash {@code blockHash}) has no executed transaction {@code index}. */
  Chain.Replayed replay(long number, Hash blockHash, int index, Tracer tracer) {
    if (number < 1 || index < 0) {
      return null;
    }
    List<ExecutedTransaction> executed = store.executed(number, blockHash);
    Header header = store.header(number);
    BlockResults parent = store.results(number - 1);
    if (executed == null || header == null || parent == null || index >= executed.size()) {
      return null;
    }
    WorldState state;
    try {
      state = WorldState.at(kv, parent.stateRoot());
    } catch (UnknownStateRootException e) {
      // state is never pruned (ADR 0141): a missing root means the store lost data
      throw new IllegalStateException("database corrupt: state after block " + (number - 1) + " is missing", e);
    }
    BlockEnv env = executor.environment(header);
    WorldView view = new WorldStateView(state, blockHashes);
    for (int i = 0; i < index; i++) {
      ExecutedTransaction before = executed.get(i);
      TxResult r = processor.process(BlockExecutor.toMessage(before.transaction(), before.sender()), env, view);
      requireSameOutcome(before, r);
      StateDiffs.apply(r.stateDiff(), state);
    }
    ExecutedTransaction target = executed.get(index);
    TxResult result = processor.process(BlockExecutor.toMessage(target.transaction(), target.sender()), env, view,
        tracer);
    requireSameOutcome(target, result);
    return new Chain.Replayed(target, result);
  }

  /**
   * Execution is deterministic, so a replay that ends differently from the stored receipt means a defect or a
   * damaged store; a trace of something that did not happen must never reach a user.
   */
  private static void requireSameOutcome(ExecutedTransaction stored, TxResult replayed) {
    if (!replayed.isValid() || replayed.gasUsed() != stored.gasUsed()
        || replayed.isSuccess() != stored.receipt().success()
        || replayed.logs().size() != stored.receipt().logs().size()) {
      throw new IllegalStateException("replay of transaction " + stored.hash() + " in block " + stored.blockNumber()
          + " diverged: stored gasUsed=" + stored.gasUsed() + " success=" + stored.receipt().success()
          + ", replayed status=" + replayed.status() + " gasUsed=" + replayed.gasUsed()
          + (replayed.error() == null ? "" : " error=" + replayed.error()));
    }
  }
}
