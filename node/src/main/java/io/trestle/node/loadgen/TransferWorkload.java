package io.trestle.node.loadgen;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.math.BigInteger;
import java.util.List;

/**
 * Plain value transfers of 1 wei, each sender paying the next one in the ring: every transaction touches two
 * existing accounts, so the state neither grows nor stays cold during a run.
 */
final class TransferWorkload implements Workload {
  static final String NAME = "transfer";
  private static final long TRANSFER_GAS = 21_000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long gasLimitPerTx() {
    return TRANSFER_GAS;
  }

  @Override
  public BigInteger valuePerTx() {
    return BigInteger.ONE;
  }

  @Override
  public Call call(int senderIndex, long nonce, List<Address> senders) {
    return new Call(senders.get((senderIndex + 1) % senders.size()), BigInteger.ONE, Bytes.EMPTY);
  }
}
