package io.trestle.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.abi.AbiType;
import io.trestle.evm.trace.CallTracer;
import io.trestle.evm.trace.StructLogger;
import io.trestle.execution.genesis.Genesis;
import io.trestle.state.kv.MemoryKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replaying committed transactions for tracing: exact, isolated from the chain, and blind to skipped ones. */
class ReplayTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final KeyPair VALIDATOR = SUITE.keyPair(key(7));
  private static final KeyPair ALICE = SUITE.keyPair(key(1));
  private static final Address BOB = Address.ofLong(0xb0b);
  private static final Address CAROL = Address.ofLong(0xca201);
  /** TestToken keeps balanceOf in slot 3. */
  private static final int BALANCES_SLOT = 3;

  private Chain chain;
  private long nonce;
  private Address token;

  private static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    return k;
  }

  private static Address address(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey()));
  }

  private static Bytes artifactBytecode(String name) throws Exception {
    Path file = Path.of("..", "contracts", "test", "artifacts", name + ".json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("contract artifact missing: " + file.toAbsolutePath());
    }
    return Bytes.fromHex(new ObjectMapper().readTree(file.toFile()).get("bytecode").asText());
  }

  static UInt256 balanceSlot(Address holder) {
    byte[] preimage = new byte[64];
    System.arraycopy(holder.unsafeArray(), 0, preimage, 12, 20);
    preimage[63] = BALANCES_SLOT;
    return UInt256.fromHash(Hash.keccak(preimage));
  }

  private Transaction tx(long txNonce, Address to, Bytes data, long gas) {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(txNonce).gasLimit(gas)
        .maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(to).value(BigInteger.ZERO)
        .data(data).sign(ALICE, SUITE);
  }

  private Transaction call(Address to, Bytes data) {
    return tx(nonce++, to, data, 200_000);
  }

  private static Bytes transferCall(Address to, long amount) throws Exception {
    return AbiFunction.parse("transfer(address,uint256)").encodeCall(to, BigInteger.valueOf(amount));
  }

  private Chain.CommittedBlock commit(Transaction... txs) throws Exception {
    Block b = chain.buildBlock(List.of(txs), chain.head().header().timestampMs() + 1000, address(VALIDATOR), 0);
    return chain.commit(b, null);
  }

  @BeforeEach
  void deployToken() throws Exception {
    Genesis genesis = new Genesis(1337, "ethereum", 1_000_000L, 30_000_000L,
        new Genesis.FeeRules("eip1559", GWEI, BigInteger.ZERO, true), 1000,
        List.of(new Genesis.Validator(address(VALIDATOR), Bytes.wrap(VALIDATOR.publicKey()))),
        Map.of(address(ALICE), new Genesis.AllocAccount(BigInteger.TEN.pow(20), 0, Bytes.EMPTY, Map.of())),
        Bytes.EMPTY, Map.of());
    chain = Chain.open(new MemoryKeyValueStore(), genesis, new TransactionProcessor());
    Bytes args = AbiCodec.encode(List.of(AbiType.STRING, AbiType.STRING, AbiType.UINT256),
        List.of("Test", "TST", BigInteger.valueOf(1000)));
    Chain.CommittedBlock deployed = commit(tx(nonce++, null, artifactBytecode("TestToken").concat(args), 3_000_000));
    token = deployed.executed().get(0).contractAddress();
    assertNotNull(token, "TestToken deployed");
  }

  @Test
  void replayReproducesEveryExecutedTransactionOfABlock() throws Exception {
    Transaction toBob = call(token, transferCall(BOB, 10));
    Transaction gapped = tx(nonce + 5, BOB, Bytes.EMPTY, 21_000);
    Transaction tooMuch = call(token, transferCall(BOB, 5_000));
    Transaction toCarol = call(token, transferCall(CAROL, 3));
    Chain.CommittedBlock block = commit(toBob, gapped, tooMuch, toCarol);
    assertEquals(3, block.executed().size(), "the gapped transaction is skipped");
    assertEquals(1, block.skipped().size());

    for (ExecutedTransaction stored : block.executed()) {
      StructLogger logger = new StructLogger(true, false, true, 100_000);
      Chain.Replayed replayed = chain.replay(stored.hash(), logger);
      assertEquals(stored, replayed.transaction());
      assertEquals(stored.gasUsed(), replayed.result().gasUsed(), "gas of " + stored.hash());
      assertEquals(stored.receipt().success(), replayed.result().isSuccess(), "status of " + stored.hash());
      assertEquals("PUSH1", logger.logs().get(0).op());
    }
    assertEquals(TxResult.Status.REVERTED, chain.replay(tooMuch.hash(), null).result().status());
    assertNull(chain.replay(gapped.hash(), null), "a skipped transaction has nothing to replay");
  }

  @Test
  void replayRunsOnTheStateLeftByTheEarlierTransactionsOfItsBlock() throws Exception {
    Transaction first = call(token, transferCall(BOB, 10));
    Transaction second = call(token, transferCall(CAROL, 3));
    commit(first, second);
    StructLogger logger = new StructLogger(true, false, true, 100_000);
    chain.replay(second.hash(), logger);
    UInt256 aliceSlot = balanceSlot(address(ALICE));
    UInt256 seen = logger.logs().stream()
        .filter(l -> l.op().equals("SLOAD") && l.storage() != null && l.storage().containsKey(aliceSlot))
        .findFirst().orElseThrow().storage().get(aliceSlot);
    assertEquals(UInt256.valueOf(990), seen, "the first transfer already moved 10 tokens");
  }

  @Test
  void replayCommitsNothing() throws Exception {
    Transaction t = call(token, transferCall(BOB, 10));
    commit(t);
    Chain.Head before = chain.head();
    UInt256 bobSlot = balanceSlot(BOB);
    Bytes bobBefore = chain.stateAt(before.number()).storage(token, Bytes.wrap(bobSlot.toArray()));
    StructLogger once = new StructLogger(true, true, true, 100_000);
    StructLogger twice = new StructLogger(true, true, true, 100_000);
    chain.replay(t.hash(), once);
    chain.replay(t.hash(), twice);
    assertEquals(once.logs(), twice.logs(), "a replay starts from the stored state every time");
    assertEquals(before, chain.head());
    assertEquals(bobBefore, chain.stateAt(before.number()).storage(token, Bytes.wrap(bobSlot.toArray())));
    assertEquals(UInt256.valueOf(10), UInt256.fromBytes(bobBefore.unsafeArray()));
  }

  @Test
  void replayOfWhatWasNeverExecutedIsNull() throws Exception {
    assertNull(chain.replay(Hash.keccak(new byte[] {1}), null));
    assertNull(chain.replay(1, 1, null), "block 1 has one executed transaction");
    assertNull(chain.replay(0, 0, null), "genesis has no transactions");
    assertNull(chain.replay(99, 0, null), "no block 99");
    assertNull(chain.replay(1, -1, null));
  }

  @Test
  void simulateReportsCallsToItsTracer() throws Exception {
    Message m = Message.dynamicFee(address(ALICE), token, nonce, 100_000, BigInteger.ZERO, BigInteger.ZERO,
        BigInteger.ZERO, transferCall(BOB, 1), List.of());
    CallTracer tracer = new CallTracer(100);
    TxResult r = chain.simulate(m, chain.head().number(), tracer);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(token, tracer.root().to);
    assertEquals(r.output(), tracer.root().output());
  }
}
