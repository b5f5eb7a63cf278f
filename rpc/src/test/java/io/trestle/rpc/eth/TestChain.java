package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.TransactionProcessor;
import io.trestle.execution.Chain;
import io.trestle.execution.genesis.Genesis;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.KeyValueSnapshot;
import io.trestle.state.kv.KeyValueStore;
import io.trestle.state.kv.KeyValueVisitor;
import io.trestle.state.kv.MemoryKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import io.trestle.state.world.Account;
import io.trestle.txpool.AccountReader;
import io.trestle.txpool.TxPool;
import io.trestle.txpool.TxPoolConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real chain in memory for RPC tests: blocks are committed by the test (no producer thread), the clock and ids
 * are the test's, and an emitter contract in the genesis logs LOG2(topic0, topic1) from its call data.
 */
final class TestChain {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  static final KeyPair VALIDATOR = SUITE.keyPair(key(0x51));
  static final KeyPair SENDER = SUITE.keyPair(key(0xa1));
  static final Address SENDER_ADDRESS = Address.wrap(SUITE.address(SENDER.publicKey()));
  static final Address EMITTER = Address.ofLong(0xe0e0);
  static final Address OTHER_EMITTER = Address.ofLong(0xe1e1);
  /** topic1 = calldata[32:64], topic0 = calldata[0:32]; LOG2 with empty data; STOP. */
  static final Bytes EMITTER_CODE = Bytes.fromHex("0x60203560003560006000a200");
  static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  final CountingStore store = new CountingStore(new MemoryKeyValueStore());
  final Chain chain;
  final TxPool pool;
  final AtomicLong clockMs = new AtomicLong(1_000_000);
  final AtomicInteger ids = new AtomicInteger();
  final JsonRpcProcessor rpc = new JsonRpcProcessor(100);
  final EthRpc eth;
  private long nonce;
  private long timestampMs = 1_700_000_000_000L;

  TestChain(RpcLimits limits, SubscriptionHub.Settings hub) throws Exception {
    this(limits, hub, TraceLimits.defaults());
  }

  TestChain(RpcLimits limits, SubscriptionHub.Settings hub, TraceLimits traceLimits) throws Exception {
    Map<Address, Genesis.AllocAccount> alloc = Map.of(
        SENDER_ADDRESS, new Genesis.AllocAccount(BigInteger.TEN.pow(24), 0, Bytes.EMPTY, Map.of()),
        EMITTER, new Genesis.AllocAccount(BigInteger.ZERO, 1, EMITTER_CODE, Map.of()),
        OTHER_EMITTER, new Genesis.AllocAccount(BigInteger.ZERO, 1, EMITTER_CODE, Map.of()));
    Address validator = Address.wrap(SUITE.address(VALIDATOR.publicKey()));
    Genesis genesis = new Genesis(1337, SUITE.name(), timestampMs, 30_000_000,
        new Genesis.FeeRules("eip1559", GWEI, BigInteger.ZERO, true), 1000,
        List.of(new Genesis.Validator(validator, Bytes.wrap(VALIDATOR.publicKey()))), alloc, Bytes.EMPTY, Map.of());
    chain = Chain.open(store, genesis, new TransactionProcessor());
    AccountReader accounts = new AccountReader() {
      @Override
      public long nonce(Address a) {
        Account acc = chain.stateAt(chain.head().number()).account(a);
        return acc == null ? 0 : acc.nonce();
      }

      @Override
      public BigInteger balance(Address a) {
        Account acc = chain.stateAt(chain.head().number()).account(a);
        return acc == null ? BigInteger.ZERO : acc.balance();
      }
    };
    pool = new TxPool(TxPoolConfig.defaults(1337, BigInteger.ZERO), accounts, genesis.gasLimit());
    eth = new EthRpc(chain, pool, "Trestle/test", () -> 0, validator, limits, traceLimits, hub, clockMs::get,
        () -> "0x" + Integer.toHexString(ids.incrementAndGet()));
    eth.register(rpc);
  }

  static TestChain create() throws Exception {
    return new TestChain(RpcLimits.defaults(), SubscriptionHub.Settings.defaults());
  }

  static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    k[0] = 0x11;
    return k;
  }

  static Hash topic(long n) {
    return Hash.wrap(Bytes.fromHex(String.format("0x%064x", n)).toArray());
  }

  /** A signed call to an emitter that logs (topic0, topic1). */
  Transaction emit(Address emitter, Hash topic0, Hash topic1) {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce++).gasLimit(60_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.valueOf(100))).maxPriorityFeePerGas(BigInteger.ONE).to(emitter)
        .value(BigInteger.ZERO).data(topic0.toBytes().concat(topic1.toBytes())).sign(SENDER, SUITE);
  }

  /** A signed call (or creation, when {@code to} is null) from the sender, with an optional access list. */
  Transaction send(Address to, Bytes data, long gas, List<io.trestle.core.tx.AccessListEntry> accessList) {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce++).gasLimit(gas)
        .maxFeePerGas(GWEI.multiply(BigInteger.valueOf(100))).maxPriorityFeePerGas(BigInteger.ONE).to(to)
        .value(BigInteger.ZERO).data(data).accessList(accessList).sign(SENDER, SUITE);
  }

  Transaction send(Address to, Bytes data, long gas) {
    return send(to, data, gas, List.of());
  }

  /** The creation code of a contract of contracts/test, compiled artifacts checked in beside the sources. */
  static Bytes bytecode(String contract) throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Path.of("..", "contracts", "test", "artifacts", contract + ".json");
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalStateException("contract artifact missing: " + file.toAbsolutePath());
    }
    return Bytes.fromHex(JSON.readTree(file.toFile()).get("bytecode").asText());
  }

  Transaction transfer(Address to) {
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce++).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.valueOf(100))).maxPriorityFeePerGas(BigInteger.ONE).to(to)
        .value(BigInteger.ONE).data(Bytes.EMPTY).sign(SENDER, SUITE);
  }

  /** Commits one block with these transactions; returns its number. */
  long commit(Transaction... txs) throws Exception {
    timestampMs += 1000;
    Block block = chain.buildBlock(List.of(txs), timestampMs, Address.ZERO, 0);
    Chain.CommittedBlock committed = chain.commit(block, null);
    if (committed.executed().size() != txs.length) {
      throw new AssertionError("skipped transactions: " + committed.skipped());
    }
    return block.header().number();
  }

  /** Commits {@code n} empty blocks. */
  void commitEmpty(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      commit();
    }
  }

  JsonNode call(String method, Object... params) throws Exception {
    JsonNode r = response(method, params);
    if (r.has("error")) {
      throw new AssertionError(method + " failed: " + r.get("error"));
    }
    return r.get("result");
  }

  JsonNode response(String method, Object... params) throws Exception {
    var req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    var arr = req.putArray("params");
    for (Object p : params) {
      arr.add(p instanceof JsonNode n ? n : JSON.valueToTree(p));
    }
    return rpc.handle(JSON.writeValueAsBytes(req));
  }

  /** Counts reads of receipts, to show which blocks a log query had to decode. */
  static final class CountingStore implements KeyValueStore {
    private final KeyValueStore inner;
    final AtomicInteger receiptReads = new AtomicInteger();

    CountingStore(KeyValueStore inner) {
      this.inner = inner;
    }

    @Override
    public byte[] get(Column column, byte[] key) {
      if (column == Column.RECEIPTS) {
        receiptReads.incrementAndGet();
      }
      return inner.get(column, key);
    }

    @Override
    public void scan(Column column, byte[] fromInclusive, byte[] toExclusive, KeyValueVisitor visitor) {
      inner.scan(column, fromInclusive, toExclusive, visitor);
    }

    @Override
    public void write(WriteBatch batch, boolean sync) {
      inner.write(batch, sync);
    }

    @Override
    public KeyValueSnapshot snapshot() {
      return inner.snapshot();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** A subscriber that records what it was sent. */
  static final class RecordingSink implements SubscriptionHub.Sink {
    final List<JsonNode> messages = new ArrayList<>();
    boolean congested;
    boolean open = true;
    String closedReason;

    @Override
    public synchronized boolean send(JsonNode message) {
      if (!open) {
        return false;
      }
      messages.add(message);
      return true;
    }

    @Override
    public boolean congested() {
      return congested;
    }

    @Override
    public void closeAsSlow(String reason) {
      open = false;
      closedReason = reason;
    }

    synchronized List<JsonNode> results() {
      return messages.stream().map(m -> m.get("params").get("result")).toList();
    }
  }
}
