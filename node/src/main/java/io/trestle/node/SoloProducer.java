package io.trestle.node;

import io.trestle.core.Address;
import io.trestle.core.block.Block;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.execution.BlockRejectedException;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.txpool.TxPool;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block production for a chain of one validator: a block per interval, or at once when the pool holds a full
 * block's worth of gas. Runs on its own thread, the only one that commits.
 */
final class SoloProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SoloProducer.class);
  static final int BLOCK_TXS_MAX = 10_000;

  private final Chain chain;
  private final TxPool pool;
  private final Address proposer;
  private final long intervalMs;
  private final Thread thread;
  private volatile boolean running = true;

  SoloProducer(Chain chain, TxPool pool, Address proposer, long intervalMs) {
    this.chain = chain;
    this.pool = pool;
    this.proposer = proposer;
    this.intervalMs = intervalMs;
    this.thread = new Thread(this::run, "block-producer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        long now = System.currentTimeMillis();
        long due = chain.head().header().timestampMs() + intervalMs;
        long gasLimit = chain.genesis().gasLimit();
        if (now < due && !pool.holdsAtLeastGas(gasLimit)) {
          TimeUnit.MILLISECONDS.sleep(Math.min(due - now, 5));
          continue;
        }
        produce(now);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("block production failed; stopping the producer error={}", e.toString(), e);
        running = false;
      }
    }
  }

  private void produce(long now) {
    long startNs = System.nanoTime();
    List<Transaction> txs = pool.selectForBlock(chain.genesis().gasLimit(), chain.nextBaseFee(), BLOCK_TXS_MAX);
    Block block = chain.buildBlock(txs, now, proposer, 0);
    Chain.CommittedBlock committed;
    try {
      committed = chain.commit(block, null);
    } catch (BlockRejectedException e) {
      throw new IllegalStateException("own block rejected: " + e.getMessage(), e);
    }
    Set<Address> senders = new HashSet<>();
    for (ExecutedTransaction e : committed.executed()) {
      senders.add(e.sender());
    }
    for (Transaction tx : txs) {
      try {
        senders.add(tx.sender());
      } catch (InvalidTransactionException ignored) {
        // the pool never holds one without a sender
      }
    }
    pool.onBlockExecuted(senders);
    if (!txs.isEmpty()) {
      LOG.info("block number={} txs={} skipped={} gasUsed={} tookMs={}", block.header().number(),
          committed.executed().size(), committed.skipped().size(), committed.results().gasUsed(),
          (System.nanoTime() - startNs) / 1_000_000);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
