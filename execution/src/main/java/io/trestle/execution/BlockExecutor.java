package io.trestle.execution;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.block.Bloom;
import io.trestle.core.block.Header;
import io.trestle.core.block.Log;
import io.trestle.core.block.Receipt;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.evm.AccessListEntry;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.EvmLog;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.WorldView;
import io.trestle.execution.genesis.Genesis;
import io.trestle.services.governance.TransactionRules;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a committed block's transactions in order against the world state (DESIGN §4: order, then execute).
 * A transaction that is invalid against the state it meets (nonce, funds, gas left in the block, signature) is
 * skipped deterministically and leaves no receipt. Deterministic: everything comes from the block and the state.
 */
public final class BlockExecutor {
  private final Genesis genesis;
  private final TransactionProcessor processor;
  private final boolean governed;

  public BlockExecutor(Genesis genesis, TransactionProcessor processor) {
    this(genesis, processor, false);
  }

  /**
   * With {@code governed}, a transaction whose sender governance refuses (frozen, no role on a permissioned chain,
   * a creation without contract-deployer) is skipped like any invalid one (ADR 0272).
   */
  public BlockExecutor(Genesis genesis, TransactionProcessor processor, boolean governed) {
    this.genesis = genesis;
    this.processor = processor;
    this.governed = governed;
  }

  /** A transaction left out of the block's results, and why. */
  public record Skipped(Transaction transaction, int bodyIndex, String reason) {}

  /** The outcome of executing a block, before the state is committed. */
  public record Outcome(
      List<ExecutedTransaction> executed,
      int[] bodyIndexes,
      List<Skipped> skipped,
      Hash receiptsRoot,
      long gasUsed,
      Bloom logsBloom) {}

  public BlockEnv environment(Header header) {
    return new BlockEnv(header.number(), header.timestampSeconds(), header.proposer(), header.gasLimit(),
        header.baseFeePerGas(), header.parentHash(), genesis.chainId(), BigInteger.ONE, genesis.fees().burnBaseFee());
  }

  /** Executes {@code block} on {@code state} (mutated in place; the caller commits it). */
  public Outcome execute(Block block, Hash blockHash, WorldState state, java.util.function.LongFunction<Hash> blockHashes) {
    Header header = block.header();
    BlockEnv env = environment(header);
    WorldView view = new WorldStateView(state, blockHashes);
    List<ExecutedTransaction> executed = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    int[] bodyIndexes = new int[block.transactions().size()];
    List<Receipt> receipts = new ArrayList<>();
    long cumulativeGas = 0;
    int logIndex = 0;
    Bloom bloom = Bloom.EMPTY;
    List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      Address sender;
      try {
        sender = tx.sender();
      } catch (InvalidTransactionException e) {
        skipped.add(new Skipped(tx, i, "invalid signature: " + e.getMessage()));
        continue;
      }
      if (tx.chainId() != null && tx.chainId() != genesis.chainId()) {
        skipped.add(new Skipped(tx, i, "wrong chain id " + tx.chainId()));
        continue;
      }
      String refused = governed ? governanceRefusal(state, sender, tx) : null;
      if (refused != null) {
        skipped.add(new Skipped(tx, i, refused));
        continue;
      }
      if (tx.gasLimit() > header.gasLimit() - cumulativeGas) {
        skipped.add(new Skipped(tx, i, "gas limit " + tx.gasLimit() + " exceeds the gas left in the block"));
        continue;
      }
      TxResult result = processor.process(toMessage(tx, sender), env, view);
      if (!result.isValid()) {
        skipped.add(new Skipped(tx, i, result.error()));
        continue;
      }
      StateDiffs.apply(result.stateDiff(), state);
      cumulativeGas += result.gasUsed();
      List<Log> logs = new ArrayList<>(result.logs().size());
      for (EvmLog l : result.logs()) {
        logs.add(new Log(l.address(), l.topics(), l.data()));
      }
      Receipt receipt = new Receipt(tx.type(), result.isSuccess(), cumulativeGas, logs);
      receipts.add(receipt);
      bloom = bloom.or(receipt.logsBloom());
      bodyIndexes[executed.size()] = i;
      executed.add(new ExecutedTransaction(tx, sender, receipt, result.gasUsed(), result.contractAddress(),
          tx.effectiveGasPrice(header.baseFeePerGas()), header.number(), blockHash, executed.size(), logIndex));
      logIndex += logs.size();
    }
    int[] indexes = java.util.Arrays.copyOf(bodyIndexes, executed.size());
    return new Outcome(executed, indexes, skipped, Receipt.root(receipts), cumulativeGas, bloom);
  }

  /** Asked against the state the transaction meets, so a freeze earlier in the block already applies. */
  private static String governanceRefusal(WorldState state, Address sender, Transaction tx) {
    try {
      return TransactionRules.senderRefusal(Chain.reader(state), sender, tx.to() == null);
    } catch (io.trestle.evm.system.SystemCall.Halt impossible) {
      throw new IllegalStateException("reading world state charges no gas", impossible);
    }
  }

  /** The EVM's view of a signed transaction. */
  public static Message toMessage(Transaction tx, Address sender) {
    List<AccessListEntry> accessList = new ArrayList<>(tx.accessList().size());
    for (io.trestle.core.tx.AccessListEntry e : tx.accessList()) {
      accessList.add(new AccessListEntry(e.address(), e.storageKeys()));
    }
    return new Message(tx.type().code(), sender, tx.to(), tx.nonce(), tx.gasLimit(), tx.value(), tx.data(),
        accessList, tx.maxFeePerGas(), tx.maxPriorityFeePerGas(), BigInteger.ZERO, List.of());
  }
}
