package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.AccessListEntry;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Ethereum JSON-RPC surface of a running node, over real HTTP, checked against openrpc.json. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthJsonRpcTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final Address BOB = Address.ofLong(0xb0b);

  @TempDir
  static Path dir;

  private Node node;
  private TestNodes.Rpc rpc;
  private OpenRpc schemas;
  private String legacyHash;
  private String dynamicHash;
  private String accessListHash;

  @BeforeAll
  void start() throws Exception {
    node = TestNodes.start(dir, 100);
    rpc = new TestNodes.Rpc(node);
    schemas = OpenRpc.load();
    legacyHash = send(Transaction.builder().type(TransactionType.LEGACY).chainId(1337).nonce(0).gasLimit(21_000)
        .gasPrice(GWEI.multiply(BigInteger.TEN)).to(BOB).value(BigInteger.valueOf(1000)).data(Bytes.EMPTY)
        .sign(TestNodes.FUNDED, SUITE));
    dynamicHash = send(Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(1).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(BOB).value(BigInteger.valueOf(2000))
        .data(Bytes.EMPTY).sign(TestNodes.FUNDED, SUITE));
    accessListHash = send(Transaction.builder().type(TransactionType.ACCESS_LIST).chainId(1337).nonce(0).gasLimit(30_000)
        .gasPrice(GWEI.multiply(BigInteger.TEN)).to(BOB).value(BigInteger.valueOf(3000)).data(Bytes.EMPTY)
        .accessList(List.of(new AccessListEntry(BOB, List.of()))).sign(TestNodes.FUNDED2, SUITE));
    rpc.awaitReceipt(legacyHash);
    rpc.awaitReceipt(dynamicHash);
    rpc.awaitReceipt(accessListHash);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private String send(Transaction tx) throws Exception {
    return rpc.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
  }

  private JsonNode checked(String method, Object... params) throws Exception {
    JsonNode result = rpc.call(method, params);
    List<String> errors = schemas.check(method, result);
    assertTrue(errors.isEmpty(), method + " result violates openrpc.json: " + errors + "\n" + result);
    return result;
  }

  @Test
  void transfersMoveValueAndFees() throws Exception {
    assertEquals("0x1770", checked("eth_getBalance", BOB.toHex(), "latest").asText());
    assertEquals("0x2", checked("eth_getTransactionCount", addr(TestNodes.FUNDED), "latest").asText());
    assertEquals("0x2", checked("eth_getTransactionCount", addr(TestNodes.FUNDED), "pending").asText());
    assertEquals("0x0", checked("eth_getBalance", BOB.toHex(), "earliest").asText());
  }

  @Test
  void receiptsAndTransactionsHaveEthereumShapes() throws Exception {
    for (String h : List.of(legacyHash, dynamicHash, accessListHash)) {
      JsonNode r = checked("eth_getTransactionReceipt", h);
      assertEquals("0x1", r.get("status").asText());
      assertEquals(h, r.get("transactionHash").asText());
      JsonNode tx = checked("eth_getTransactionByHash", h);
      assertEquals(r.get("blockHash"), tx.get("blockHash"));
      assertEquals(r.get("from").asText(), tx.get("from").asText());
    }
    assertEquals(21_000, Long.decode(checked("eth_getTransactionReceipt", legacyHash).get("gasUsed").asText()));
    assertTrue(rpc.call("eth_getTransactionReceipt", "0x" + "00".repeat(32)).isNull());
  }

  @Test
  void blocksByNumberAndHashAgree() throws Exception {
    JsonNode receipt = rpc.call("eth_getTransactionReceipt", dynamicHash);
    String number = receipt.get("blockNumber").asText();
    JsonNode byNumber = checked("eth_getBlockByNumber", number, true);
    JsonNode byHash = checked("eth_getBlockByHash", byNumber.get("hash").asText(), false);
    assertEquals(byNumber.get("hash"), byHash.get("hash"));
    assertEquals(byNumber.get("transactions").size(), byHash.get("transactions").size());
    assertEquals(byNumber.get("transactions").size(),
        Long.decode(checked("eth_getBlockTransactionCountByNumber", number).asText()).intValue());
    JsonNode latest = checked("eth_getBlockByNumber", "latest", false);
    assertTrue(Long.decode(latest.get("number").asText()) >= Long.decode(number));
    assertTrue(rpc.call("eth_getBlockByNumber", "0xffffff", false).isNull());
    JsonNode parent = checked("eth_getBlockByNumber", "0x" + Long.toHexString(Long.decode(number) - 1), false);
    assertEquals(parent.get("hash"), byNumber.get("parentHash"));
  }

  @Test
  void simpleMethodsConform() throws Exception {
    assertEquals("0x539", checked("eth_chainId").asText());
    assertEquals("1337", rpc.call("net_version").asText());
    assertTrue(rpc.call("net_listening").asBoolean());
    assertTrue(rpc.call("web3_clientVersion").asText().startsWith("Trestle/"));
    checked("eth_blockNumber");
    checked("eth_syncing");
    checked("eth_accounts");
    checked("eth_gasPrice");
    checked("eth_maxPriorityFeePerGas");
    JsonNode history = checked("eth_feeHistory", "0x4", "latest", List.of(25, 75));
    assertEquals(5, history.get("baseFeePerGas").size());
    assertEquals("0x", checked("eth_getCode", BOB.toHex(), "latest").asText());
  }

  @Test
  void estimatesAndCallsTransfers() throws Exception {
    ObjectNode call = TestNodes.JSON.createObjectNode();
    call.put("from", addr(TestNodes.FUNDED2));
    call.put("to", BOB.toHex());
    call.put("value", "0x1");
    assertEquals("0x5208", checked("eth_estimateGas", call).asText());
    assertEquals("0x", checked("eth_call", call, "latest").asText());
  }

  @Test
  void refusesTransactionsWithClearErrors() throws Exception {
    Transaction wrongChain = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1).nonce(5).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(BOB).value(BigInteger.ONE)
        .data(Bytes.EMPTY).sign(TestNodes.FUNDED2, SUITE);
    assertError(-32000, "chain id", "eth_sendRawTransaction", Bytes.wrap(wrongChain.encode()).toHex());
    Transaction reused = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(0).gasLimit(21_000)
        .maxFeePerGas(GWEI.multiply(BigInteger.valueOf(20))).maxPriorityFeePerGas(GWEI).to(BOB).value(BigInteger.TEN)
        .data(Bytes.EMPTY).sign(TestNodes.FUNDED, SUITE);
    assertError(-32000, "nonce too low", "eth_sendRawTransaction", Bytes.wrap(reused.encode()).toHex());
    assertError(-32602, "invalid transaction encoding", "eth_sendRawTransaction", "0xdeadbeef");
    assertError(-32602, "", "eth_getBalance", "0x1234");
    assertError(-32601, "does not exist", "eth_noSuchMethod");
  }

  @Test
  void survivesGarbageOnTheRpcPort() throws Exception {
    try (Socket s = new Socket("127.0.0.1", node.rpcAddress().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff, 0x00, 0x13, 0x37});
      out.write("\r\n\r\nGARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.getInputStream().read(new byte[256]);
    }
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\"" + "a".repeat(6 * 1024 * 1024) + "\"]}";
    try {
      JsonNode oversize = rpc.raw(body);
      assertEquals(-32005, oversize.get("error").get("code").asInt());
    } catch (java.io.IOException closedWhileSending) {
      // the server answers 413 and closes as soon as the declared length exceeds the limit; a client still
      // writing the body may see the close first. Either way the node must go on serving, checked below.
    }
    assertEquals("0x539", rpc.call("eth_chainId").asText());
  }

  @Test
  void everyBlockCarriesTheParentsResults() throws Exception {
    long head = Long.decode(rpc.call("eth_blockNumber").asText());
    var store = node.chain().store();
    for (long n = 1; n <= head; n++) {
      var header = store.header(n);
      var parentResults = store.results(n - 1);
      assertEquals(parentResults.stateRoot(), header.lastStateRoot(), "lastStateRoot of " + n);
      assertEquals(parentResults.receiptsRoot(), header.lastReceiptsRoot(), "lastReceiptsRoot of " + n);
      assertEquals(parentResults.gasUsed(), header.lastGasUsed(), "lastGasUsed of " + n);
      var cert = io.trestle.consensus.cert.CommitCertificate.decode(store.certificate(n));
      var check = io.trestle.consensus.cert.CertificateVerifier.verify(header.hash(SUITE), n, cert,
          io.trestle.node.consensus.ChainApplication.validatorSet(node.chain().genesis()), SUITE, 1337);
      assertTrue(check.isOk(), "certificate of block " + n + ": " + check);
    }
    assertNotEquals(store.results(0).stateRoot(), store.results(head).stateRoot());
  }

  private void assertError(int code, String fragment, String method, Object... params) throws Exception {
    JsonNode r = rpc.response(method, params);
    assertTrue(r.has("error"), method + " should fail: " + r);
    assertEquals(code, r.get("error").get("code").asInt(), r.toString());
    assertTrue(r.get("error").get("message").asText().contains(fragment), r.toString());
  }

  private static String addr(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey())).toHex();
  }
}
