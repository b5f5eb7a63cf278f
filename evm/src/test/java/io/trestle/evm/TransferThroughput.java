package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.List;

/** A rough probe of plain value transfers per second through the processor (applying diffs in memory). */
final class TransferThroughput {
  private TransferThroughput() {}

  public static void main(String[] args) {
    int senders = 1000;
    InMemoryWorld world = new InMemoryWorld();
    for (int i = 0; i < senders; i++) {
      world.setAccount(Address.ofLong(0x100000 + i), 0, BigInteger.TEN.pow(24));
    }
    BlockEnv env = BlockEnv.of(1, 1, Address.ofLong(0xc0b1), 30_000_000L, BigInteger.TEN.pow(9), Hash.ZERO, 1);
    TransactionProcessor p = new TransactionProcessor();
    long[] nonces = new long[senders];
    BigInteger fee = BigInteger.TEN.pow(10);
    for (int round = 0; round < 8; round++) {
      int n = 100_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        int s = i % senders;
        Message m = Message.dynamicFee(Address.ofLong(0x100000 + s), Address.ofLong(0x200000 + i), nonces[s]++,
            21_000, fee, BigInteger.ONE, BigInteger.ONE, Bytes.EMPTY, List.of());
        TxResult r = p.process(m, env, world);
        if (!r.isSuccess()) {
          throw new IllegalStateException(r.error());
        }
        world.apply(r.stateDiff());
      }
      long ns = System.nanoTime() - t0;
      System.out.printf("%.0f transfers/s%n", n * 1e9 / ns);
    }
  }
}
