package io.trestle.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TxPoolTest {
  private static final long CHAIN = 1337;
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final Address TO = Address.ofLong(0xbeef);

  private final Map<Address, Long> nonces = new HashMap<>();
  private final Map<Address, BigInteger> balances = new HashMap<>();
  private final AccountReader accounts = new AccountReader() {
    @Override
    public long nonce(Address a) {
      return nonces.getOrDefault(a, 0L);
    }

    @Override
    public BigInteger balance(Address a) {
      return balances.getOrDefault(a, BigInteger.ZERO);
    }
  };

  private final KeyPair alice = SUITE.keyPair(key(1));
  private final KeyPair bob = SUITE.keyPair(key(2));

  private static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    return k;
  }

  private Address addr(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey()));
  }

  private TxPool pool(TxPoolConfig config) {
    balances.put(addr(alice), BigInteger.TEN.pow(21));
    balances.put(addr(bob), BigInteger.TEN.pow(21));
    return new TxPool(config, accounts, 30_000_000);
  }

  private TxPool pool() {
    return pool(TxPoolConfig.defaults(CHAIN, BigInteger.ZERO));
  }

  private static Transaction tx(KeyPair k, long nonce, long feeGwei, long tipGwei) {
    return tx(k, nonce, feeGwei, tipGwei, CHAIN);
  }

  private static Transaction tx(KeyPair k, long nonce, long feeGwei, long tipGwei, long chainId) {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(chainId).nonce(nonce).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.valueOf(feeGwei)))
        .maxPriorityFeePerGas(GWEI.multiply(BigInteger.valueOf(tipGwei)))
        .to(TO).value(BigInteger.ONE).data(Bytes.EMPTY).sign(k, SUITE);
  }

  private static TxPoolException.Reason refusal(TxPool pool, Transaction tx) {
    return assertThrows(TxPoolException.class, () -> pool.add(tx)).reason();
  }

  @Test
  void admitsAndFindsByHash() throws Exception {
    TxPool pool = pool();
    Transaction t = tx(alice, 0, 10, 1);
    assertEquals(t.hash(), pool.add(t));
    assertEquals(t, pool.get(t.hash()));
    assertEquals(1, pool.size());
  }

  @Test
  void rejectsDuplicate() throws Exception {
    TxPool pool = pool();
    Transaction t = tx(alice, 0, 10, 1);
    pool.add(t);
    assertEquals(TxPoolException.Reason.ALREADY_KNOWN, refusal(pool, t));
  }

  @Test
  void rejectsNonceTooLow() {
    TxPool pool = pool();
    nonces.put(addr(alice), 5L);
    assertEquals(TxPoolException.Reason.NONCE_TOO_LOW, refusal(pool, tx(alice, 4, 10, 1)));
  }

  @Test
  void rejectsWrongChainId() {
    assertEquals(TxPoolException.Reason.WRONG_CHAIN_ID, refusal(pool(), tx(alice, 0, 10, 1, 99)));
  }

  @Test
  void rejectsInsufficientFunds() {
    TxPool pool = pool();
    balances.put(addr(alice), BigInteger.valueOf(1000));
    assertEquals(TxPoolException.Reason.INSUFFICIENT_FUNDS, refusal(pool, tx(alice, 0, 10, 1)));
  }

  @Test
  void rejectsOversizedTransaction() {
    TxPool pool = pool(new TxPoolConfig(CHAIN, false, BigInteger.ZERO, 200, 16, 16, 100, 10));
    Transaction big = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(CHAIN).nonce(0).gasLimit(100_000)
        .maxFeePerGas(GWEI).maxPriorityFeePerGas(GWEI).to(TO).value(BigInteger.ZERO)
        .data(Bytes.wrap(new byte[500])).sign(alice, SUITE);
    assertEquals(TxPoolException.Reason.OVERSIZED, refusal(pool, big));
  }

  @Test
  void rejectsUnderpricedBelowMinimumGasPrice() {
    TxPool pool = pool(TxPoolConfig.defaults(CHAIN, GWEI.multiply(BigInteger.valueOf(5))));
    assertEquals(TxPoolException.Reason.UNDERPRICED, refusal(pool, tx(alice, 0, 4, 1)));
  }

  @Test
  void rejectsTamperedSignature() throws Exception {
    TxPool pool = pool();
    byte[] raw = tx(alice, 0, 10, 1).encode();
    raw[raw.length - 5] ^= 0x01;
    Transaction tampered;
    try {
      tampered = Transaction.decode(raw, SUITE);
    } catch (io.trestle.core.rlp.RlpException e) {
      return;
    }
    TxPoolException.Reason r = refusal(pool, tampered);
    assertTrue(r == TxPoolException.Reason.INVALID_SIGNATURE || r == TxPoolException.Reason.INSUFFICIENT_FUNDS, r.toString());
  }

  @Test
  void replacesOnlyWithSufficientFeeBump() throws Exception {
    TxPool pool = pool();
    Transaction first = tx(alice, 0, 10, 1);
    pool.add(first);
    Transaction sameFee = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(CHAIN).nonce(0).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.valueOf(10))).maxPriorityFeePerGas(GWEI)
        .to(TO).value(BigInteger.TWO).data(Bytes.EMPTY).sign(alice, SUITE);
    assertEquals(TxPoolException.Reason.REPLACEMENT_UNDERPRICED, refusal(pool, sameFee));
    Transaction better = tx(alice, 0, 11, 2);
    pool.add(better);
    assertNull(pool.get(first.hash()));
    assertNotNull(pool.get(better.hash()));
    assertEquals(1, pool.size());
  }

  @Test
  void selectsConsecutiveNoncesInOrderAcrossSenders() throws Exception {
    TxPool pool = pool();
    pool.add(tx(alice, 1, 10, 1));
    pool.add(tx(alice, 0, 10, 1));
    pool.add(tx(alice, 3, 10, 1));
    pool.add(tx(bob, 0, 10, 5));
    List<Transaction> picked = pool.selectForBlock(30_000_000, GWEI, 100);
    assertEquals(3, picked.size(), "alice's nonce 3 waits for nonce 2");
    assertEquals(0, picked.get(0).nonce(), "bob pays the higher tip and goes first");
    long aliceFirst = picked.stream().filter(t -> t.nonce() <= 1).skip(1).findFirst().orElseThrow().nonce();
    assertEquals(0, aliceFirst);
  }

  @Test
  void leavesOutTransactionsBelowTheBaseFee() throws Exception {
    TxPool pool = pool();
    pool.add(tx(alice, 0, 2, 1));
    assertTrue(pool.selectForBlock(30_000_000, GWEI.multiply(BigInteger.valueOf(3)), 100).isEmpty());
  }

  @Test
  void evictsTheCheapestWhenFull() throws Exception {
    TxPool pool = pool(new TxPoolConfig(CHAIN, false, BigInteger.ZERO, 128 * 1024, 16, 16, 2, 10));
    Transaction cheap = tx(alice, 0, 5, 1);
    pool.add(cheap);
    pool.add(tx(bob, 0, 10, 1));
    assertEquals(TxPoolException.Reason.POOL_FULL, refusal(pool, tx(alice, 1, 4, 1)));
    KeyPair carol = SUITE.keyPair(key(3));
    balances.put(addr(carol), BigInteger.TEN.pow(21));
    pool.add(tx(carol, 0, 20, 1));
    assertNull(pool.get(cheap.hash()));
    assertEquals(2, pool.size());
  }

  @Test
  void boundsTransactionsPerSender() throws Exception {
    TxPool pool = pool(new TxPoolConfig(CHAIN, false, BigInteger.ZERO, 128 * 1024, 2, 16, 100, 10));
    pool.add(tx(alice, 0, 10, 1));
    pool.add(tx(alice, 1, 10, 1));
    assertEquals(TxPoolException.Reason.SENDER_LIMIT, refusal(pool, tx(alice, 2, 10, 1)));
  }

  @Test
  void forgetsIncludedTransactionsAfterABlock() throws Exception {
    TxPool pool = pool();
    pool.add(tx(alice, 0, 10, 1));
    pool.add(tx(alice, 1, 10, 1));
    nonces.put(addr(alice), 1L);
    pool.onBlockExecuted(Set.of(addr(alice)));
    assertEquals(1, pool.size());
    assertEquals(2, pool.pendingNonce(addr(alice)));
  }

  @Test
  void pendingNonceCountsTheConsecutiveRun() throws Exception {
    TxPool pool = pool();
    pool.add(tx(alice, 0, 10, 1));
    pool.add(tx(alice, 1, 10, 1));
    pool.add(tx(alice, 5, 10, 1));
    assertEquals(2, pool.pendingNonce(addr(alice)));
    TxPool.Content c = pool.content();
    assertEquals(2, c.pendingCount());
    assertEquals(1, c.queuedCount());
  }

  @Test
  void holdsAtLeastGasFollowsAdmissionReplacementAndRemoval() throws Exception {
    TxPool pool = pool();
    assertFalse(pool.holdsAtLeastGas(1));
    pool.add(tx(alice, 0, 10, 1));
    pool.add(tx(alice, 1, 10, 1));
    assertTrue(pool.holdsAtLeastGas(42_000));
    assertFalse(pool.holdsAtLeastGas(42_001));
    pool.add(tx(alice, 1, 20, 2));
    assertTrue(pool.holdsAtLeastGas(42_000), "a replacement takes the replaced one's place");
    assertFalse(pool.holdsAtLeastGas(42_001), "a replacement does not count twice");
    nonces.put(addr(alice), 1L);
    pool.onBlockExecuted(Set.of(addr(alice)));
    assertTrue(pool.holdsAtLeastGas(21_000));
    assertFalse(pool.holdsAtLeastGas(21_001), "an included transaction no longer counts");
    pool.removeIncluded(List.of(pool.content().pending().get(addr(alice)).get(0).hash()));
    assertFalse(pool.holdsAtLeastGas(1));
  }

  /** A transfer whose signature recovers no key: r is not the x coordinate of a curve point. */
  private static Transaction unrecoverable() {
    for (int r = 1; ; r++) {
      Transaction probe = unsigned().signed(new io.trestle.crypto.Signature(BigInteger.valueOf(r), BigInteger.ONE, 0), SUITE);
      try {
        probe.sender();
      } catch (io.trestle.core.tx.InvalidTransactionException e) {
        // a fresh instance: the probe has cached its failed recovery
        return unsigned().signed(new io.trestle.crypto.Signature(BigInteger.valueOf(r), BigInteger.ONE, 0), SUITE);
      }
    }
  }

  private static Transaction.Builder unsigned() {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(CHAIN).nonce(0).gasLimit(21_000)
        .maxFeePerGas(GWEI).maxPriorityFeePerGas(GWEI).to(TO).value(BigInteger.ONE).data(Bytes.EMPTY);
  }

  @Test
  void refusesATransactionAlreadyIncludedInABlockBeforeLookingAtItsSignature() {
    TxPool pool = pool();
    Transaction late = unrecoverable();
    assertEquals(TxPoolException.Reason.INVALID_SIGNATURE, refusal(pool, unrecoverable()),
        "unknown, it is checked in full");

    pool.removeIncluded(List.of(late.hash()));

    TxPoolException e = assertThrows(TxPoolException.class, () -> pool.add(late));
    assertEquals(TxPoolException.Reason.NONCE_TOO_LOW, e.reason(),
        "refused for its inclusion, so its signature (the costly check) was never looked at");
    assertTrue(e.getMessage().contains("already included"), e.getMessage());
  }

  @Test
  void removesIncludedTransactionsFromThePoolAndRefusesTheirCopies() throws Exception {
    TxPool pool = pool();
    Transaction t = tx(alice, 0, 10, 1);
    pool.add(t);
    pool.removeIncluded(List.of(t.hash()));
    assertNull(pool.get(t.hash()));
    assertEquals(TxPoolException.Reason.NONCE_TOO_LOW, refusal(pool, tx(alice, 0, 10, 1)));
    pool.add(tx(alice, 1, 10, 1));
  }

  @Test
  void admitsAgainATransactionABlockOrderedButSkipped() throws Exception {
    TxPool pool = pool();
    Transaction skipped = tx(alice, 0, 10, 1);
    pool.add(skipped);
    pool.removeIncluded(List.of(skipped.hash()), List.of());
    assertNull(pool.get(skipped.hash()), "a block ordered it, so it leaves the pool");
    assertEquals(skipped.hash(), pool.add(skipped), "skipped at execution, it changed nothing and may come again");
  }

  @Test
  void remembersOnlyTheLatestIncludedTransactions() {
    TxPool pool = pool();
    Transaction first = unrecoverable();
    pool.removeIncluded(List.of(first.hash()));
    List<io.trestle.core.Hash> later = new java.util.ArrayList<>();
    for (int i = 0; i < TxPool.INCLUDED_REMEMBERED_MAX; i++) {
      byte[] h = new byte[32];
      h[0] = (byte) (i >>> 24);
      h[1] = (byte) (i >>> 16);
      h[2] = (byte) (i >>> 8);
      h[3] = (byte) i;
      h[31] = 1;
      later.add(io.trestle.core.Hash.wrap(h));
    }
    pool.removeIncluded(later);
    assertEquals(TxPoolException.Reason.INVALID_SIGNATURE, refusal(pool, first),
        "forgotten after " + TxPool.INCLUDED_REMEMBERED_MAX + " later inclusions, it is checked in full again");
  }
}
