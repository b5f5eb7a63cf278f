package io.trestle.rpc.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.tx.Transaction;
import io.trestle.evm.IntrinsicGas;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.abi.AbiType;
import io.trestle.execution.BlockExecutor;
import io.trestle.execution.ExecutedTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * debug_traceTransaction against Solidity contracts (TestToken, TestCollectible) on a real in-memory chain: the
 * struct logger and the call tracer checked against facts of the code, the receipts and the EVM's rules.
 */
class TraceApiTest {
  static final Address BOB = Address.ofLong(0xb0b);
  static final BigInteger SUPPLY = BigInteger.valueOf(1_000_000);
  static final int BALANCES_SLOT = 3;
  static final String NOT_ACCEPTED = "transfer to a contract that does not accept tokens";

  TestChain c;
  Address token;
  Address collectible;

  static Bytes transfer(Address to, long amount) throws Exception {
    return AbiFunction.parse("transfer(address,uint256)").encodeCall(to, BigInteger.valueOf(amount));
  }

  /** keccak(pad(holder) ++ pad(3)): where TestToken keeps balanceOf[holder]. */
  static Hash balanceSlot(Address holder) {
    byte[] preimage = new byte[64];
    System.arraycopy(holder.unsafeArray(), 0, preimage, 12, 20);
    preimage[63] = BALANCES_SLOT;
    return Hash.keccak(preimage);
  }

  static String word(long v) {
    return String.format("0x%064x", v);
  }

  static String word(BigInteger v) {
    return String.format("0x%064x", v);
  }

  /** Commits the transaction alone in a block and returns its receipt. */
  JsonNode mined(Transaction tx) throws Exception {
    c.commit(tx);
    return c.call("eth_getTransactionReceipt", tx.hash().toHex());
  }

  Address deploy(String contract, Bytes constructorArgs) throws Exception {
    JsonNode receipt = mined(c.send(null, TestChain.bytecode(contract).concat(constructorArgs), 5_000_000));
    assertEquals("0x1", receipt.get("status").asText(), contract + " deployed");
    return Address.fromHex(receipt.get("contractAddress").asText());
  }

  @BeforeEach
  void deployContracts() throws Exception {
    deployOn(TestChain.create());
  }

  void deployOn(TestChain chain) throws Exception {
    c = chain;
    token = deploy("TestToken", AbiCodec.encode(List.of(AbiType.STRING, AbiType.STRING, AbiType.UINT256),
        List.of("Test", "TST", SUPPLY)));
    collectible = deploy("TestCollectible", AbiCodec.encode(List.of(AbiType.STRING, AbiType.STRING),
        List.of("Things", "THG")));
    JsonNode minted = mined(c.send(collectible,
        AbiFunction.parse("mint(address,string)").encodeCall(TestChain.SENDER_ADDRESS, "ipfs://1"), 300_000));
    assertEquals("0x1", minted.get("status").asText());
  }

  /** A transaction whose call to the token (which cannot receive collectibles) reverts the whole transfer. */
  Transaction unsafeTransfer() throws Exception {
    return c.send(collectible, AbiFunction.parse("safeTransferFrom(address,address,uint256)")
        .encodeCall(TestChain.SENDER_ADDRESS, token, BigInteger.ONE), 300_000);
  }

  ObjectNode options() {
    return TestChain.JSON.createObjectNode();
  }

  static long gas(JsonNode receipt) {
    return Long.decode(receipt.get("gasUsed").asText());
  }

  @Test
  void structLoggerTracesAnErc20TransferAsItExecuted() throws Exception {
    Transaction tx = c.send(token, transfer(BOB, 1234), 200_000);
    JsonNode receipt = mined(tx);
    JsonNode trace = c.call("debug_traceTransaction", tx.hash().toHex());

    assertEquals(gas(receipt), trace.get("gas").asLong(), "the trace reports the receipt's gas");
    assertFalse(trace.get("failed").asBoolean());
    assertEquals(word(1), trace.get("returnValue").asText(), "transfer returns true");
    JsonNode steps = trace.get("structLogs");
    JsonNode first = steps.get(0);
    assertEquals("PUSH1", first.get("op").asText());
    assertEquals(0, first.get("pc").asInt());
    assertEquals(1, first.get("depth").asInt());
    assertEquals(0, first.get("stack").size());
    assertEquals("[\"0x80\"]", steps.get(1).get("stack").toString(), "Solidity starts with PUSH1 0x80");
    long intrinsic = IntrinsicGas.of(BlockExecutor.toMessage(tx, TestChain.SENDER_ADDRESS));
    assertEquals(tx.gasLimit() - intrinsic, first.get("gas").asLong());

    for (int i = 0; i + 1 < steps.size(); i++) {
      JsonNode s = steps.get(i);
      assertEquals(1, s.get("depth").asInt(), "a token transfer makes no call");
      assertEquals(s.get("gas").asLong() - s.get("gasCost").asLong(), steps.get(i + 1).get("gas").asLong(),
          "step " + i + " (" + s.get("op").asText() + ") costs what the next step no longer has");
      boolean storageOp = s.get("op").asText().equals("SLOAD") || s.get("op").asText().equals("SSTORE");
      assertEquals(storageOp, s.has("storage"), "storage is shown at SLOAD and SSTORE only, step " + i);
    }
    JsonNode last = steps.get(steps.size() - 1);
    assertEquals("RETURN", last.get("op").asText());
    long used = tx.gasLimit() - (last.get("gas").asLong() - last.get("gasCost").asLong());
    long refund = Math.min(last.get("refund").asLong(), used / 5);
    assertEquals(gas(receipt), used - refund, "what is left after the last step, less the refund, is the receipt");

    List<JsonNode> stores = new ArrayList<>();
    steps.forEach(s -> {
      if (s.get("op").asText().equals("SSTORE")) {
        stores.add(s);
      }
    });
    assertEquals(2, stores.size(), "debit and credit");
    JsonNode storage = stores.get(1).get("storage");
    assertEquals(word(1234), storage.get(balanceSlot(BOB).toHex()).asText());
    assertEquals(word(SUPPLY.subtract(BigInteger.valueOf(1234))),
        storage.get(balanceSlot(TestChain.SENDER_ADDRESS).toHex()).asText());
    assertEquals(2_900, stores.get(0).get("gasCost").asLong(), "the debit rewrites a slot read just before");
    assertEquals(20_000, stores.get(1).get("gasCost").asLong(), "the credit sets a warm zero slot");
  }

  @Test
  void structLoggerOptionsShapeEachStep() throws Exception {
    Transaction tx = c.send(token, transfer(BOB, 5), 200_000);
    mined(tx);
    JsonNode bare = c.call("debug_traceTransaction", tx.hash().toHex(),
        options().put("disableStack", true).put("disableStorage", true)).get("structLogs");
    bare.forEach(s -> assertFalse(s.has("stack") || s.has("storage") || s.has("memory") || s.has("returnData")));

    JsonNode full = c.call("debug_traceTransaction", tx.hash().toHex(),
        options().put("enableMemory", true).put("enableReturnData", true)).get("structLogs");
    assertEquals(bare.size(), full.size());
    assertEquals(0, full.get(0).get("memory").size());
    // PUSH1 0x80 PUSH1 0x40 MSTORE: the free-memory pointer is the third word
    JsonNode afterMstore = full.get(3).get("memory");
    assertEquals(3, afterMstore.size());
    assertEquals(word(0x80), afterMstore.get(2).asText());
    full.forEach(s -> assertEquals("0x", s.get("returnData").asText(), "a transfer calls nothing"));
    full.forEach(s -> s.get("memory").forEach(m -> assertTrue(m.asText().matches("^0x[0-9a-f]{64}$"))));

    JsonNode limited = c.call("debug_traceTransaction", tx.hash().toHex(), options().put("limit", 7));
    assertEquals(7, limited.get("structLogs").size(), "the caller's limit truncates quietly, as in geth");
  }

  @Test
  void callTracerShowsTheNestedCallAndTheRevertReason() throws Exception {
    Transaction tx = unsafeTransfer();
    JsonNode receipt = mined(tx);
    assertEquals("0x0", receipt.get("status").asText(), "the token contract cannot receive a collectible");

    JsonNode top = c.call("debug_traceTransaction", tx.hash().toHex(), options().put("tracer", "callTracer"));
    assertEquals("CALL", top.get("type").asText());
    assertEquals(TestChain.SENDER_ADDRESS.toHex(), top.get("from").asText());
    assertEquals(collectible.toHex(), top.get("to").asText());
    assertEquals("0x0", top.get("value").asText());
    assertEquals(Json.quantity(tx.gasLimit()).asText(), top.get("gas").asText());
    assertEquals(receipt.get("gasUsed").asText(), top.get("gasUsed").asText());
    assertEquals(Bytes.wrap(tx.data().toArray()).toHex(), top.get("input").asText());
    assertEquals("execution reverted", top.get("error").asText());
    assertEquals(NOT_ACCEPTED, top.get("revertReason").asText());
    assertEquals(Abi.encodeError(NOT_ACCEPTED).toHex(), top.get("output").asText());

    assertEquals(1, top.get("calls").size());
    JsonNode inner = top.get("calls").get(0);
    assertEquals("CALL", inner.get("type").asText());
    assertEquals(collectible.toHex(), inner.get("from").asText());
    assertEquals(token.toHex(), inner.get("to").asText());
    assertTrue(inner.get("input").asText().startsWith("0x150b7a02"), "onERC721Received(address,address,uint256,bytes)");
    assertEquals("execution reverted", inner.get("error").asText());
    assertFalse(inner.has("output"), "the token reverted without data");
    assertFalse(inner.has("revertReason"));
    assertTrue(Long.decode(inner.get("gasUsed").asText()) <= Long.decode(inner.get("gas").asText()));

    JsonNode onlyTop = c.call("debug_traceTransaction", tx.hash().toHex(), options().put("tracer", "callTracer")
        .set("tracerConfig", options().put("onlyTopCall", true)));
    assertFalse(onlyTop.has("calls"));
    assertEquals(top.get("gasUsed"), onlyTop.get("gasUsed"));

    JsonNode trace = c.call("debug_traceTransaction", tx.hash().toHex());
    assertTrue(trace.get("failed").asBoolean());
    assertEquals(Abi.encodeError(NOT_ACCEPTED).toHex(), trace.get("returnValue").asText());
    assertEquals(gas(receipt), trace.get("gas").asLong());
    JsonNode steps = trace.get("structLogs");
    int call = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).get("op").asText().equals("CALL")) {
        call = i;
        break;
      }
    }
    assertTrue(call > 0, "the collectible calls the receiver");
    JsonNode entered = steps.get(call + 1);
    assertEquals(2, entered.get("depth").asInt(), "the step after CALL runs in the callee");
    assertEquals(0, entered.get("pc").asInt());
    assertEquals("PUSH1", entered.get("op").asText());
    assertEquals(Long.decode(inner.get("gas").asText()), entered.get("gas").asLong(),
        "the callee starts with the gas the call tracer shows");
    int back = call + 1;
    while (steps.get(back).get("depth").asInt() == 2) {
      back++;
    }
    assertEquals("REVERT", steps.get(back - 1).get("op").asText());
    assertEquals(1, steps.get(back).get("depth").asInt(), "execution returns to the collectible");
    assertEquals("REVERT", steps.get(steps.size() - 1).get("op").asText());
    assertEquals(1, steps.get(steps.size() - 1).get("depth").asInt());
  }

  @Test
  void callTracerListsLogsWhereTheyHappenedAndDropsUndoneOnes() throws Exception {
    Transaction ok = c.send(token, transfer(BOB, 77), 200_000);
    mined(ok);
    JsonNode top = c.call("debug_traceTransaction", ok.hash().toHex(), options().put("tracer", "callTracer")
        .set("tracerConfig", options().put("withLog", true)));
    assertEquals(word(1), top.get("output").asText());
    JsonNode log = top.get("logs").get(0);
    assertEquals(1, top.get("logs").size());
    assertEquals(token.toHex(), log.get("address").asText());
    assertEquals(Abi.eventTopic("Transfer(address,address,uint256)").toHex(), log.get("topics").get(0).asText());
    assertEquals(word(new BigInteger(1, TestChain.SENDER_ADDRESS.toArray())), log.get("topics").get(1).asText());
    assertEquals(word(new BigInteger(1, BOB.toArray())), log.get("topics").get(2).asText());
    assertEquals(word(77), log.get("data").asText());
    assertEquals("0x0", log.get("position").asText());
    JsonNode without = c.call("debug_traceTransaction", ok.hash().toHex(), options().put("tracer", "callTracer"));
    assertFalse(without.has("logs"));

    Transaction tooMuch = c.send(token, transfer(BOB, SUPPLY.longValue() * 2), 200_000);
    mined(tooMuch);
    JsonNode reverted = c.call("debug_traceTransaction", tooMuch.hash().toHex(),
        options().put("tracer", "callTracer").set("tracerConfig", options().put("withLog", true)));
    assertEquals("transfer amount exceeds balance", reverted.get("revertReason").asText());
    assertFalse(reverted.has("logs"));
  }

  @Test
  void callTracerShowsACreationWithTheCodeItDeployed() throws Exception {
    Transaction deploy = c.send(null, TestChain.bytecode("TestToken").concat(AbiCodec.encode(
        List.of(AbiType.STRING, AbiType.STRING, AbiType.UINT256), List.of("B", "B", BigInteger.TEN))), 5_000_000);
    JsonNode receipt = mined(deploy);
    JsonNode top = c.call("debug_traceTransaction", deploy.hash().toHex(), options().put("tracer", "callTracer"));
    assertEquals("CREATE", top.get("type").asText());
    assertEquals(receipt.get("contractAddress").asText(), top.get("to").asText());
    assertEquals(c.call("eth_getCode", receipt.get("contractAddress").asText(), "latest").asText(),
        top.get("output").asText());
    assertEquals(receipt.get("gasUsed").asText(), top.get("gasUsed").asText());
  }

  @Test
  void everyTransactionOfABlockReplaysToItsReceipt() throws Exception {
    Transaction a = c.send(token, transfer(BOB, 1), 200_000);
    Transaction b = c.send(token, transfer(BOB, SUPPLY.longValue() * 5), 200_000);
    Transaction d = c.send(token, transfer(Address.ofLong(0xd), 2), 200_000);
    Transaction e = c.transfer(BOB);
    long n = c.commit(a, b, d, e);
    for (ExecutedTransaction x : c.chain.store().executed(n, c.chain.blockHash(n))) {
      JsonNode trace = c.call("debug_traceTransaction", x.hash().toHex());
      assertEquals(x.gasUsed(), trace.get("gas").asLong());
      assertEquals(!x.receipt().success(), trace.get("failed").asBoolean());
      JsonNode call = c.call("debug_traceTransaction", x.hash().toHex(), options().put("tracer", "callTracer"));
      assertEquals(Json.quantity(x.gasUsed()), call.get("gasUsed"));
    }
    JsonNode plain = c.call("debug_traceTransaction", e.hash().toHex());
    assertEquals(0, plain.get("structLogs").size(), "a plain value transfer runs no code");
    assertEquals(21_000, plain.get("gas").asLong());
  }

  @Test
  void unknownTransactionsAndMalformedOptionsAreErrors() throws Exception {
    JsonNode missing = c.response("debug_traceTransaction", "0x" + "ab".repeat(32));
    assertEquals(-32000, missing.get("error").get("code").asInt());
    assertTrue(missing.get("error").get("message").asText().contains("not found"));

    Transaction tx = c.send(token, transfer(BOB, 1), 200_000);
    mined(tx);
    String h = tx.hash().toHex();
    List<Object[]> bad = List.of(
        new Object[] {"0x1234"},
        new Object[] {},
        new Object[] {h, "callTracer"},
        new Object[] {h, options().put("tracer", "prestateTracer")},
        new Object[] {h, options().put("tracer", 7)},
        new Object[] {h, options().put("disableStack", "yes")},
        new Object[] {h, options().put("limit", -1)},
        new Object[] {h, options().put("limit", "10")},
        new Object[] {h, options().put("tracer", "callTracer").put("tracerConfig", "onlyTopCall")},
        new Object[] {h, options().put("tracer", "callTracer").set("tracerConfig", options().put("withLog", 1))},
        new Object[] {h, options().put("timeout", 5)},
        new Object[] {h, options(), "extra"});
    for (Object[] params : bad) {
      JsonNode r = c.response("debug_traceTransaction", params);
      assertEquals(-32602, r.get("error").get("code").asInt(), java.util.Arrays.toString(params) + " -> " + r);
    }
    JsonNode ignored = c.call("debug_traceTransaction", h, options().put("disableMemory", true).put("reexec", 128)
        .put("timeout", "5s").put("tracer", ""));
    assertTrue(ignored.has("structLogs"), "retired and unknown keys are ignored, an empty tracer is the default");
  }

  @Test
  void tracesPastTheNodesStepLimitAreRefusedUnlessTheCallerAsksForFewer() throws Exception {
    deployOn(new TestChain(RpcLimits.defaults(), SubscriptionHub.Settings.defaults(),
        new TraceLimits(50, 12L << 20, 100, 1, 10)));
    Transaction tx = c.send(token, transfer(BOB, 1), 200_000);
    mined(tx);
    String h = tx.hash().toHex();
    JsonNode steps = c.response("debug_traceTransaction", h);
    assertEquals(-32005, steps.get("error").get("code").asInt());
    assertTrue(steps.get("error").get("message").asText().contains("more than 50 steps"), steps.toString());
    assertEquals(50, c.call("debug_traceTransaction", h, options().put("limit", 50)).get("structLogs").size());
    JsonNode more = c.response("debug_traceTransaction", h, options().put("limit", 51));
    assertEquals(-32005, more.get("error").get("code").asInt(), "a limit above the node's does not lift it");
  }

  @Test
  void tracesPastTheNodesSizeOrFrameLimitsAreRefused() throws Exception {
    deployOn(new TestChain(RpcLimits.defaults(), SubscriptionHub.Settings.defaults(),
        new TraceLimits(100_000, 20_000, 1, 1, 10)));
    Transaction tx = unsafeTransfer();
    mined(tx);
    String h = tx.hash().toHex();

    JsonNode size = c.response("debug_traceTransaction", h, options().put("enableMemory", true));
    assertEquals(-32005, size.get("error").get("code").asInt(), size.toString());
    assertTrue(size.get("error").get("message").asText().contains("20000 bytes"));
    assertEquals(10, c.call("debug_traceTransaction", h, options().put("limit", 10)).get("structLogs").size());

    JsonNode frames = c.response("debug_traceTransaction", h, options().put("tracer", "callTracer"));
    assertEquals(-32005, frames.get("error").get("code").asInt());
    assertTrue(frames.get("error").get("message").asText().contains("onlyTopCall"));
    JsonNode top = c.call("debug_traceTransaction", h, options().put("tracer", "callTracer")
        .set("tracerConfig", options().put("onlyTopCall", true)));
    assertEquals(NOT_ACCEPTED, top.get("revertReason").asText());
  }

  @Test
  void aTraceBeyondTheInFlightLimitIsRefusedAndTheNextOneRuns() throws Exception {
    Transaction tx = c.send(token, transfer(BOB, 1), 200_000);
    mined(tx);
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(1);
    TraceApi api = new TraceApi(c.chain, new TraceLimits(100_000, 12L << 20, 100, 1, 10), permits);
    io.trestle.rpc.jsonrpc.Params params = new io.trestle.rpc.jsonrpc.Params("debug_traceTransaction",
        TestChain.JSON.createArrayNode().add(tx.hash().toHex()));
    permits.acquire();
    io.trestle.rpc.jsonrpc.RpcException busy = org.junit.jupiter.api.Assertions.assertThrows(
        io.trestle.rpc.jsonrpc.RpcException.class, () -> api.traceTransaction(params));
    assertEquals(-32005, busy.code());
    assertTrue(busy.getMessage().contains("1 traces"), busy.getMessage());
    permits.release();
    assertTrue(api.traceTransaction(params).has("structLogs"));
    assertEquals(1, permits.availablePermits(), "a finished trace gives its permit back");
  }
}
