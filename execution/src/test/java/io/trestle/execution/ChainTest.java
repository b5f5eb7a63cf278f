package io.trestle.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.TransactionProcessor;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.state.kv.MemoryKeyValueStore;
import io.trestle.state.kv.RocksDbKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final KeyPair VALIDATOR = SUITE.keyPair(key(7));
  private static final KeyPair ALICE = SUITE.keyPair(key(1));
  private static final Address BOB = Address.ofLong(0xb0b);

  private static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    return k;
  }

  static Address address(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey()));
  }

  static Genesis genesis(long chainId) {
    return new Genesis(chainId, "ethereum", 1_000_000L, 30_000_000L,
        new Genesis.FeeRules("eip1559", GWEI, BigInteger.ZERO, true), 1000,
        List.of(new Genesis.Validator(address(VALIDATOR), Bytes.wrap(VALIDATOR.publicKey()))),
        Map.of(address(ALICE), new Genesis.AllocAccount(BigInteger.TEN.pow(20), 0, Bytes.EMPTY, Map.of())),
        Bytes.EMPTY, Map.of());
  }

  private static Transaction transfer(long nonce, long value) {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(BOB)
        .value(BigInteger.valueOf(value)).data(Bytes.EMPTY).sign(ALICE, SUITE);
  }

  private static Chain.CommittedBlock next(Chain chain, List<Transaction> txs) throws Exception {
    Block b = chain.buildBlock(txs, chain.head().header().timestampMs() + 1000, address(VALIDATOR), 0);
    chain.validateProposal(b, b.header().timestampMs(), 0);
    return chain.commit(b, new byte[] {1, 2, 3});
  }

  @Test
  void genesisStateIsTheAllocation() throws Exception {
    Chain chain = Chain.open(new MemoryKeyValueStore(), genesis(1337), new TransactionProcessor());
    assertEquals(0, chain.head().number());
    assertEquals(chain.head().results().stateRoot(), chain.head().header().lastStateRoot());
    assertEquals(BigInteger.TEN.pow(20), chain.stateAt(0).account(address(ALICE)).balance());
    assertNotEquals(Hash.EMPTY_TRIE_ROOT, chain.head().results().stateRoot());
  }

  @Test
  void executesTransfersAndCarriesResultsIntoTheNextHeader() throws Exception {
    Chain chain = Chain.open(new MemoryKeyValueStore(), genesis(1337), new TransactionProcessor());
    Chain.CommittedBlock b1 = next(chain, List.of(transfer(0, 5), transfer(1, 7)));
    assertEquals(2, b1.executed().size());
    assertEquals(42_000, b1.results().gasUsed());
    assertEquals(BigInteger.valueOf(12), chain.stateAt(1).account(BOB).balance());
    assertEquals(2, chain.stateAt(1).account(address(ALICE)).nonce());
    Chain.CommittedBlock b2 = next(chain, List.of());
    assertEquals(b1.results().stateRoot(), b2.block().header().lastStateRoot());
    assertEquals(b1.results().receiptsRoot(), b2.block().header().lastReceiptsRoot());
    assertEquals(42_000, b2.block().header().lastGasUsed());
    ChainStore.Location loc = chain.store().location(transfer(1, 7).hash());
    assertEquals(1, loc.number());
    assertEquals(1, loc.index());
    assertEquals(2, chain.store().executed(1, b1.hash()).size());
    assertNotNull(chain.store().certificate(1));
  }

  @Test
  void skipsTransactionsInvalidAtExecutionWithoutReceipt() throws Exception {
    Chain chain = Chain.open(new MemoryKeyValueStore(), genesis(1337), new TransactionProcessor());
    Transaction gap = transfer(5, 1);
    Chain.CommittedBlock b = next(chain, List.of(transfer(0, 1), gap));
    assertEquals(1, b.executed().size());
    assertEquals(1, b.skipped().size());
    assertTrue(b.skipped().get(0).reason().contains("nonce"), b.skipped().get(0).reason());
    assertNull(chain.store().location(gap.hash()));
  }

  @Test
  void rejectsProposalsThatDoNotExtendTheHeadOrMisstateResults() throws Exception {
    Chain chain = Chain.open(new MemoryKeyValueStore(), genesis(1337), new TransactionProcessor());
    next(chain, List.of(transfer(0, 1)));
    Block good = chain.buildBlock(List.of(), chain.head().header().timestampMs() + 1000, address(VALIDATOR), 0);
    long now = good.header().timestampMs();
    Block wrongRoot = new Block(good.header().toBuilder().lastStateRoot(Hash.ZERO).build(), List.of());
    assertThrows(BlockRejectedException.class, () -> chain.validateProposal(wrongRoot, now, 0));
    Block wrongFee = new Block(good.header().toBuilder().baseFeePerGas(BigInteger.ONE).build(), List.of());
    assertThrows(BlockRejectedException.class, () -> chain.validateProposal(wrongFee, now, 0));
    Block future = new Block(good.header().toBuilder().timestampMs(now + 60_000).build(), List.of());
    assertThrows(BlockRejectedException.class, () -> chain.validateProposal(future, now, 1000));
    Block skipped = new Block(good.header().toBuilder().number(5).build(), List.of());
    assertThrows(BlockRejectedException.class, () -> chain.commit(skipped, null));
    Block wrongTxRoot = new Block(good.header(), List.of(transfer(1, 1)));
    assertThrows(BlockRejectedException.class, () -> chain.validateProposal(wrongTxRoot, now, 0));
    chain.validateProposal(good, now, 0);
  }

  @Test
  void reopensAtTheSameHeadAndStateAfterRestart(@TempDir Path dir) throws Exception {
    Hash root;
    Hash hash;
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(dir)) {
      Chain chain = Chain.open(store, genesis(1337), new TransactionProcessor());
      next(chain, List.of(transfer(0, 3)));
      next(chain, List.of(transfer(1, 4)));
      root = chain.head().results().stateRoot();
      hash = chain.head().hash();
    }
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(dir)) {
      Chain chain = Chain.open(store, genesis(1337), new TransactionProcessor());
      assertEquals(2, chain.head().number());
      assertEquals(hash, chain.head().hash());
      assertEquals(root, chain.head().results().stateRoot());
      assertEquals(BigInteger.valueOf(7), chain.stateAt(2).account(BOB).balance());
      next(chain, List.of(transfer(2, 1)));
      assertEquals(BigInteger.valueOf(8), chain.stateAt(3).account(BOB).balance());
    }
  }

  @Test
  void refusesADataFolderOfAnotherGenesis(@TempDir Path dir) throws Exception {
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(dir)) {
      Chain.open(store, genesis(1337), new TransactionProcessor());
    }
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(dir)) {
      assertThrows(GenesisException.class, () -> Chain.open(store, genesis(7), new TransactionProcessor()));
    }
  }

  @Test
  void baseFeeFollowsEip1559() {
    Genesis.FeeRules rules = new Genesis.FeeRules("eip1559", GWEI, BigInteger.ZERO, true);
    assertEquals(GWEI, FeeSchedule.nextBaseFee(rules, GWEI, 15_000_000, 30_000_000));
    assertEquals(GWEI.add(GWEI.divide(BigInteger.valueOf(8))), FeeSchedule.nextBaseFee(rules, GWEI, 30_000_000, 30_000_000));
    assertEquals(GWEI.subtract(GWEI.divide(BigInteger.valueOf(8))), FeeSchedule.nextBaseFee(rules, GWEI, 0, 30_000_000));
    Genesis.FeeRules fixed = new Genesis.FeeRules("fixed", BigInteger.ZERO, BigInteger.ZERO, false);
    assertEquals(BigInteger.ZERO, FeeSchedule.nextBaseFee(fixed, BigInteger.ZERO, 30_000_000, 30_000_000));
  }

  @Test
  void genesisRoundTripsThroughJsonAndRejectsNonsense() throws Exception {
    Genesis g = genesis(1337);
    Genesis back = Genesis.parse(g.toJson());
    assertEquals(g.fingerprint(), back.fingerprint());
    assertThrows(GenesisException.class, () -> Genesis.parse("{".getBytes()));
    assertThrows(GenesisException.class, () -> Genesis.parse("{\"chainId\":0,\"validators\":[]}".getBytes()));
    String badValidator = new String(g.toJson()).replace(address(VALIDATOR).toChecksumHex(), Address.ofLong(1).toChecksumHex());
    assertThrows(GenesisException.class, () -> Genesis.parse(badValidator.getBytes()));
  }
}
