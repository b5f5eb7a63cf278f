package io.trestle.execution;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.block.Receipt;
import io.trestle.core.tx.Transaction;
import java.math.BigInteger;

/**
 * A transaction that executed in a committed block, with everything JSON-RPC answers about it.
 *
 * @param index position among the block's executed transactions (skipped ones have none)
 * @param logIndexStart index of its first log within the block
 */
public record ExecutedTransaction(
    Transaction transaction,
    Address sender,
    Receipt receipt,
    long gasUsed,
    Address contractAddress,
    BigInteger effectiveGasPrice,
    long blockNumber,
    Hash blockHash,
    int index,
    int logIndexStart) {

  public Hash hash() {
    return transaction.hash();
  }
}
