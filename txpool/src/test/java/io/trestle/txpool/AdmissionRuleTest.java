package io.trestle.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionRuleTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final KeyPair ALICE = SUITE.keyPair(key(1));
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  private static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    return k;
  }

  private final TxPool pool = new TxPool(TxPoolConfig.defaults(1337, BigInteger.ZERO), new AccountReader() {
    @Override
    public long nonce(Address account) {
      return 0;
    }

    @Override
    public BigInteger balance(Address account) {
      return BigInteger.TEN.pow(21);
    }
  }, 30_000_000);

  private static Transaction tx(long nonce) {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(Address.ofLong(9))
        .value(BigInteger.ONE).data(Bytes.EMPTY).sign(ALICE, SUITE);
  }

  @Test
  void theRuleSeesTheRecoveredSenderAndItsRefusalKeepsTheTransactionOut() throws Exception {
    List<Address> seen = new ArrayList<>();
    List<TxPoolException.Reason> rejected = new ArrayList<>();
    pool.onRejected(rejected::add);
    pool.setAdmissionRule((tx, sender) -> {
      seen.add(sender);
      throw new TxPoolException(TxPoolException.Reason.FROZEN, "account " + sender + " is frozen");
    });
    TxPoolException e = assertThrows(TxPoolException.class, () -> pool.add(tx(0)));
    assertEquals(TxPoolException.Reason.FROZEN, e.reason());
    assertEquals(List.of(Address.wrap(SUITE.address(ALICE.publicKey()))), seen);
    assertEquals(List.of(TxPoolException.Reason.FROZEN), rejected, "refusals reach the metrics");
    assertEquals(0, pool.size());

    pool.setAdmissionRule(AdmissionRule.NONE);
    pool.add(tx(0));
    assertEquals(1, pool.size());
  }
}
