package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Every method of openrpc.json that the node serves, called against a chain with contracts, logs and a non-empty
 * pool, and its result checked against the method's result schema. A method the node answers but this table does
 * not cover fails the test, so new methods cannot go unchecked. Proofs are verified against the block's state root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthSchemaConformanceTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final int BALANCES_SLOT = 3;

  @TempDir
  static Path dir;

  private Node node;
  private TestNodes.Rpc rpc;
  private OpenRpc schemas;
  private Address token;
  private Address emitter;
  private TestContracts.Sender sender;
  private JsonNode transferReceipt;
  private JsonNode emitReceipt;

  @BeforeAll
  void start() throws Exception {
    node = TestNodes.start(dir, 50);
    rpc = new TestNodes.Rpc(node);
    schemas = OpenRpc.load();
    sender = new TestContracts.Sender(rpc, TestNodes.FUNDED);
    token = sender.deployed("TestToken", List.of(new Utf8String("Test"), new Utf8String("TST"),
        new Uint256(BigInteger.TEN.pow(24))));
    emitter = sender.deployed("LogEmitter", List.of());
    transferReceipt = sender.invokeAndWait(token, new Function("transfer",
        List.of(new org.web3j.abi.datatypes.Address(Address.ofLong(0xb0b).toHex()), new Uint256(1234)), List.of()));
    emitReceipt = sender.invokeAndWait(emitter, new Function("emitMany",
        List.of(new Uint256(3), new Bytes32(new byte[32])), List.of()));
    assertEquals("0x1", transferReceipt.get("status").asText());
    assertEquals("0x1", emitReceipt.get("status").asText());
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static String hex(long n) {
    return "0x" + Long.toHexString(n);
  }

  private static String addr(io.trestle.crypto.KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey())).toHex();
  }

  /** keccak(pad(holder) ++ pad(slot)): where Solidity keeps mapping entry balanceOf[holder]. */
  private static Bytes balanceSlot(Address holder) {
    byte[] preimage = new byte[64];
    System.arraycopy(holder.unsafeArray(), 0, preimage, 12, 20);
    preimage[63] = BALANCES_SLOT;
    return Hash.keccak(preimage).toBytes();
  }

  /** Leaves one executable-but-underpriced and one gapped transaction in the pool. */
  private void fillPool() throws Exception {
    long nonce = Long.decode(rpc.call("eth_getTransactionCount", addr(TestNodes.FUNDED2), "pending").asText());
    Transaction underpriced = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(DevGenesis.CHAIN_ID)
        .nonce(nonce).gasLimit(21_000).maxFeePerGas(BigInteger.ONE).maxPriorityFeePerGas(BigInteger.ONE)
        .to(Address.ofLong(0xb0b)).value(BigInteger.ONE).data(Bytes.EMPTY).sign(TestNodes.FUNDED2, SUITE);
    Transaction gapped = Transaction.builder().type(TransactionType.LEGACY).chainId(DevGenesis.CHAIN_ID)
        .nonce(nonce + 5).gasLimit(21_000).gasPrice(TestContracts.GWEI.multiply(BigInteger.TEN))
        .to(Address.ofLong(0xb0b)).value(BigInteger.ONE).data(Bytes.EMPTY).sign(TestNodes.FUNDED2, SUITE);
    rpc.call("eth_sendRawTransaction", Bytes.wrap(underpriced.encode()).toHex());
    rpc.call("eth_sendRawTransaction", Bytes.wrap(gapped.encode()).toHex());
  }

  @Test
  void everyServedOpenRpcMethodConformsToItsResultSchema() throws Exception {
    fillPool();
    String blockNumber = transferReceipt.get("blockNumber").asText();
    String blockHash = transferReceipt.get("blockHash").asText();
    String txHash = transferReceipt.get("transactionHash").asText();
    ObjectMapper json = TestNodes.JSON;
    ObjectNode call = json.createObjectNode().put("from", addr(TestNodes.FUNDED)).put("to", token.toHex())
        .put("data", org.web3j.abi.FunctionEncoder.encode(new Function("totalSupply", List.of(), List.of())));
    ObjectNode logFilter = json.createObjectNode().put("fromBlock", "0x0").put("address", emitter.toHex());
    String logFilterId = rpc.call("eth_newFilter", json.createObjectNode().put("fromBlock", "0x1")).asText();
    String blockFilterId = rpc.call("eth_newBlockFilter").asText();
    String pendingFilterId = rpc.call("eth_newPendingTransactionFilter").asText();
    sender.invokeAndWait(emitter, new Function("emitMany", List.of(new Uint256(2), new Bytes32(new byte[32])), List.of()));
    String slot = balanceSlot(Address.wrap(SUITE.address(TestNodes.FUNDED.publicKey()))).toHex();

    Map<String, List<List<Object>>> samples = new LinkedHashMap<>();
    samples.put("eth_accounts", List.of(List.of()));
    samples.put("eth_baseFee", List.of(List.of()));
    samples.put("eth_blobBaseFee", List.of(List.of()));
    samples.put("eth_blockNumber", List.of(List.of()));
    samples.put("eth_call", List.of(List.of(call, "latest")));
    samples.put("eth_chainId", List.of(List.of()));
    samples.put("eth_coinbase", List.of(List.of()));
    ObjectNode transferCall = json.createObjectNode().put("from", addr(TestNodes.FUNDED)).put("to", token.toHex())
        .put("data", org.web3j.abi.FunctionEncoder.encode(new Function("transfer",
            List.of(new org.web3j.abi.datatypes.Address(Address.ofLong(0xb0b).toHex()), new Uint256(5)), List.of())));
    samples.put("eth_createAccessList", List.of(List.of(transferCall, "latest"), List.of(call)));
    samples.put("eth_estimateGas", List.of(List.of(call)));
    samples.put("eth_feeHistory", List.of(List.of("0x5", "latest", List.of(10, 90))));
    samples.put("eth_gasPrice", List.of(List.of()));
    samples.put("eth_getBalance", List.of(List.of(addr(TestNodes.FUNDED), "latest")));
    samples.put("eth_getBlockByHash", List.of(List.of(blockHash, true), List.of(blockHash, false)));
    samples.put("eth_getBlockByNumber", List.of(List.of(blockNumber, true), List.of("latest", false)));
    samples.put("eth_getBlockReceipts", List.of(List.of(blockNumber), List.of(blockHash), List.of("0xffffff")));
    samples.put("eth_getBlockTransactionCountByHash", List.of(List.of(blockHash)));
    samples.put("eth_getBlockTransactionCountByNumber", List.of(List.of(blockNumber)));
    samples.put("eth_getCode", List.of(List.of(token.toHex(), "latest")));
    samples.put("eth_getFilterChanges", List.of(List.of(logFilterId), List.of(blockFilterId), List.of(pendingFilterId)));
    samples.put("eth_getFilterLogs", List.of(List.of(logFilterId)));
    samples.put("eth_getLogs", List.of(List.of(logFilter)));
    samples.put("eth_getProof", List.of(List.of(token.toHex(), List.of(slot, "0x0"), "latest")));
    samples.put("eth_getStorageAt", List.of(List.of(token.toHex(), slot, "latest"), List.of(token.toHex(), "0x2", blockHash)));
    samples.put("eth_getStorageValues", List.of(List.of(Map.of(token.toHex(), List.of(slot, "0x2")), "latest")));
    samples.put("eth_getTransactionByBlockHashAndIndex", List.of(List.of(blockHash, "0x0"), List.of(blockHash, "0x9")));
    samples.put("eth_getTransactionByBlockNumberAndIndex", List.of(List.of(blockNumber, "0x0")));
    samples.put("eth_getTransactionByHash", List.of(List.of(txHash)));
    samples.put("eth_getTransactionCount", List.of(List.of(addr(TestNodes.FUNDED), "pending")));
    samples.put("eth_getTransactionReceipt", List.of(List.of(txHash), List.of(emitReceipt.get("transactionHash").asText())));
    samples.put("eth_maxPriorityFeePerGas", List.of(List.of()));
    samples.put("eth_newBlockFilter", List.of(List.of()));
    samples.put("eth_newFilter", List.of(List.of(logFilter)));
    samples.put("eth_newPendingTransactionFilter", List.of(List.of()));
    Transaction transfer = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(DevGenesis.CHAIN_ID)
        .nonce(sender.nonce++).gasLimit(21_000).maxFeePerGas(TestContracts.GWEI.multiply(BigInteger.TEN))
        .maxPriorityFeePerGas(TestContracts.GWEI).to(Address.ofLong(0xb0b)).value(BigInteger.ONE).data(Bytes.EMPTY)
        .sign(TestNodes.FUNDED, SUITE);
    samples.put("eth_sendRawTransaction", List.of(List.of(Bytes.wrap(transfer.encode()).toHex())));
    samples.put("eth_syncing", List.of(List.of()));
    samples.put("eth_uninstallFilter", List.of(List.of(blockFilterId)));
    ObjectNode everything = json.createObjectNode().put("enableMemory", true).put("enableReturnData", true);
    ObjectNode callTracer = json.createObjectNode().put("tracer", "callTracer");
    callTracer.putObject("tracerConfig").put("withLog", true);
    String emitHash = emitReceipt.get("transactionHash").asText();
    samples.put("debug_traceTransaction", List.of(List.of(txHash), List.of(emitHash, everything),
        List.of(txHash, callTracer)));
    samples.put("net_version", List.of(List.of()));
    samples.put("txpool_content", List.of(List.of()));
    samples.put("txpool_contentFrom", List.of(List.of(addr(TestNodes.FUNDED2))));
    samples.put("txpool_status", List.of(List.of()));

    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, List<List<Object>>> e : samples.entrySet()) {
      for (List<Object> params : e.getValue()) {
        JsonNode response = rpc.response(e.getKey(), params.toArray());
        if (response.has("error")) {
          failures.add(e.getKey() + params + " failed: " + response.get("error"));
          continue;
        }
        List<String> errors = new ArrayList<>(schemas.check(e.getKey(), response.get("result")));
        if (e.getKey().equals("debug_traceTransaction") && params.get(params.size() - 1) != callTracer) {
          // the struct logger's answer must have the opcode-tracer shape, not just any shape a named tracer may have
          errors.addAll(schemas.checkAlternative(e.getKey(), 0, response.get("result")));
        }
        if (!errors.isEmpty()) {
          failures.add(e.getKey() + params + " violates openrpc.json: " + errors);
        }
      }
    }
    for (String method : schemas.methods()) {
      if (samples.containsKey(method)) {
        continue;
      }
      JsonNode response = rpc.response(method);
      boolean served = !(response.has("error") && response.get("error").get("code").asInt() == -32601
          && response.get("error").get("message").asText().contains("does not exist"));
      if (served) {
        failures.add(method + " is served but has no schema check here");
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    JsonNode status = rpc.call("txpool_status");
    assertTrue(Long.decode(status.get("pending").asText()) >= 1);
    assertEquals("0x1", status.get("queued").asText());
  }

  @Test
  void proofsVerifyAgainstTheBlocksStateRoot() throws Exception {
    Address holder = Address.wrap(SUITE.address(TestNodes.FUNDED.publicKey()));
    Bytes slot = balanceSlot(holder);
    Bytes missingSlot = Bytes.fromHex("0x" + "77".repeat(32));
    String number = rpc.call("eth_blockNumber").asText();
    Hash stateRoot = Hash.fromHex(rpc.call("eth_getBlockByNumber", number, false).get("stateRoot").asText());
    JsonNode proof = rpc.call("eth_getProof", token.toHex(), List.of(slot.toHex(), missingSlot.toHex()), number);

    Optional<Account> account = WorldState.verifyAccountProof(stateRoot, token, bytes(proof.get("accountProof")));
    assertTrue(account.isPresent());
    assertEquals(account.get().nonce(), Long.decode(proof.get("nonce").asText()));
    assertEquals(account.get().balance(), new BigInteger(proof.get("balance").asText().substring(2), 16));
    assertEquals(account.get().codeHash().toHex(), proof.get("codeHash").asText());
    assertEquals(account.get().storageRoot().toHex(), proof.get("storageHash").asText());
    assertEquals(Hash.keccak(Bytes.fromHex(rpc.call("eth_getCode", token.toHex(), number).asText()).toArray()).toHex(),
        proof.get("codeHash").asText());

    JsonNode held = proof.get("storageProof").get(0);
    Bytes provenBalance = WorldState.verifyStorageProof(account.get().storageRoot(), slot, bytes(held.get("proof")));
    BigInteger balance = new BigInteger(1, provenBalance.toArray());
    assertEquals(BigInteger.TEN.pow(24).subtract(BigInteger.valueOf(1234)), balance, "minted supply less the transfer");
    assertEquals("0x" + balance.toString(16), held.get("value").asText());
    assertEquals(Bytes.fromHex(rpc.call("eth_getStorageAt", token.toHex(), slot.toHex(), number).asText()), provenBalance);

    JsonNode absent = proof.get("storageProof").get(1);
    assertEquals("0x0", absent.get("value").asText());
    assertEquals(Bytes.wrap(new byte[32]),
        WorldState.verifyStorageProof(account.get().storageRoot(), missingSlot, bytes(absent.get("proof"))));

    Address nobody = Address.ofLong(0xdeadbeefL);
    JsonNode none = rpc.call("eth_getProof", nobody.toHex(), List.of(), number);
    assertTrue(WorldState.verifyAccountProof(stateRoot, nobody, bytes(none.get("accountProof"))).isEmpty());
    assertEquals(Hash.EMPTY_TRIE_ROOT.toHex(), none.get("storageHash").asText());

    Hash otherRoot = Hash.fromHex(rpc.call("eth_getBlockByNumber", "0x1", false).get("stateRoot").asText());
    assertFalse(otherRoot.equals(stateRoot));
    boolean verifiesElsewhere;
    try {
      verifiesElsewhere = WorldState.verifyAccountProof(otherRoot, token, bytes(proof.get("accountProof"))).isPresent();
    } catch (io.trestle.state.trie.TrieProofException expected) {
      verifiesElsewhere = false;
    }
    assertFalse(verifiesElsewhere, "a proof is bound to its state root");
  }

  @Test
  void blockIndexMethodsAgreeWithReceipts() throws Exception {
    String number = emitReceipt.get("blockNumber").asText();
    String hash = emitReceipt.get("blockHash").asText();
    String index = emitReceipt.get("transactionIndex").asText();
    JsonNode byNumber = rpc.call("eth_getTransactionByBlockNumberAndIndex", number, index);
    JsonNode byHash = rpc.call("eth_getTransactionByBlockHashAndIndex", hash, index);
    assertEquals(emitReceipt.get("transactionHash"), byNumber.get("hash"));
    assertEquals(byNumber, byHash);
    JsonNode receipts = rpc.call("eth_getBlockReceipts", number);
    assertEquals(emitReceipt, receipts.get(Integer.decode(index)));
    assertTrue(rpc.call("eth_getTransactionByBlockNumberAndIndex", number, "0x63").isNull());
    assertTrue(rpc.call("eth_getBlockReceipts", "0x" + "12".repeat(32)).isNull());
    assertTrue(rpc.call("eth_getUncleByBlockNumberAndIndex", number, "0x0").isNull());
    assertEquals(Address.wrap(SUITE.address(TestNodes.VALIDATOR.publicKey())).toHex(), rpc.call("eth_coinbase").asText());
    assertEquals("0x1", rpc.call("eth_blobBaseFee").asText());
    JsonNode receiptLogs = emitReceipt.get("logs");
    JsonNode queried = rpc.call("eth_getLogs", TestNodes.JSON.createObjectNode().put("blockHash", hash));
    assertEquals(receiptLogs, queried, "eth_getLogs and the receipt show the same log objects");
  }

  private static List<Bytes> bytes(JsonNode array) {
    List<Bytes> out = new ArrayList<>();
    array.forEach(n -> out.add(Bytes.fromHex(n.asText())));
    return out;
  }
}
