package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.node.admin.AdminSettings;
import io.trestle.node.cli.TrestleCli;
import io.trestle.node.governance.AuditAuth;
import io.trestle.node.governance.AuditFeed;
import io.trestle.rpc.eth.RpcLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance on a running node, driven through the CLI and JSON-RPC: freezes refuse transactions with a clear
 * error, the committee changes chain parameters and permission modes, the audit stream serves signed auditors
 * only (REST and WebSocket), and admin methods live only on the admin port behind its token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceNodeTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final KeyPair CHAIR = TestNodes.FUNDED;
  private static final KeyPair USER = TestNodes.FUNDED2;
  private static final String TOKEN = "admin-token-0123456789";
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  @TempDir
  static Path dir;

  private Node node;
  private String url;
  private TestNodes.Rpc rpc;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    node = new Node(new Node.Settings(dir.resolve("node"),
        DevGenesis.create(SUITE, TestNodes.VALIDATOR, List.of(CHAIR, USER), 100, 1_700_000_000_000L),
        TestNodes.VALIDATOR, "127.0.0.1", 0, RpcLimits.defaults(), null, new AdminSettings("127.0.0.1", 0, TOKEN)));
    node.start();
    url = "http://127.0.0.1:" + node.rpcAddress().getPort();
    rpc = new TestNodes.Rpc(node);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  record Run(int code, String out, String err) {}

  static synchronized Run cli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TrestleCli.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  Run ok(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = url;
    Run r = cli(all);
    assertEquals(0, r.code(), () -> String.join(" ", args) + " failed: " + r.err() + r.out());
    return r;
  }

  static String key(KeyPair k) {
    return Hex.encodePrefixed(k.privateKey());
  }

  static Address address(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey()));
  }

  JsonNode send(KeyPair from, Address to, Bytes data) throws Exception {
    long nonce = Long.decode(rpc.call("eth_getTransactionCount", address(from).toHex(), "pending").asText());
    Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(DevGenesis.CHAIN_ID).nonce(nonce)
        .gasLimit(200_000).maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(to)
        .value(to == null ? BigInteger.ZERO : BigInteger.ONE).data(data).sign(from, SUITE);
    return rpc.response("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex());
  }

  @Test
  void aFrozenAccountsTransactionsAreRefusedWithAClearError() throws Exception {
    ok("freeze", "--account", address(USER).toHex(), "--reason", "suspected fraud", "--reference", "CASE-7",
        "--key", key(CHAIR));
    JsonNode refused = send(USER, Address.ofLong(0xfeed), Bytes.EMPTY);
    assertEquals(-32000, refused.path("error").path("code").asInt(), refused.toString());
    assertTrue(refused.path("error").path("message").asText().contains("is frozen by the regulator since block"),
        refused.toString());
    var metrics = MetricsTest.parse(get("/metrics").body());
    assertTrue(metrics.get("trestle_txpool_rejections_total{reason=\"frozen\"}") >= 1.0, metrics.toString());
    assertEquals(1.0, metrics.get("trestle_governance_frozen_accounts"));
    assertEquals(1.0, metrics.get("trestle_validators"));
    Run info = ok("gov", "info");
    assertTrue(info.out().contains("frozen account       " + address(USER).toChecksumHex()), info.out());

    Run notRegulator = cli("freeze", "--account", address(CHAIR).toHex(), "--reason", "x", "--key", key(USER),
        "--rpc", url);
    assertEquals(1, notRegulator.code());
    assertTrue(notRegulator.err().contains("does not hold the regulator role"), notRegulator.err());

    ok("unfreeze", "--account", address(USER).toHex(), "--reason", "cleared", "--key", key(CHAIR));
    JsonNode accepted = send(USER, Address.ofLong(0xfeed), Bytes.EMPTY);
    assertTrue(accepted.has("result"), accepted.toString());
    rpc.awaitReceipt(accepted.get("result").asText());
  }

  @Test
  void theCommitteeChangesTheBlockGasLimitThroughTheCli() throws Exception {
    Run proposed = ok("gov", "propose", "set-chain-parameter", "--name", "blockGasLimit", "--value", "60000000",
        "--description", "bigger blocks", "--execute", "--key", key(CHAIR));
    assertTrue(proposed.out().contains("executed in block"), proposed.out());
    long id = Long.parseLong(proposed.out().lines().findFirst().orElseThrow().split(" ")[1]);
    Run shown = ok("gov", "show", Long.toString(id));
    assertTrue(shown.out().contains("status      EXECUTED") && shown.out().contains("bigger blocks"), shown.out());
    assertTrue(ok("gov", "list").out().contains("set-chain-parameter"));
    assertEquals(60_000_000L, node.chain().nextGasLimit());
    long head = node.chain().head().number();
    JsonNode next = null;
    for (int i = 0; i < 100 && (next == null || next.isNull()); i++) {
      next = rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(head + 1), false);
      Thread.sleep(20);
    }
    assertEquals("0x" + Long.toHexString(60_000_000L), next.get("gasLimit").asText());
  }

  @Test
  void aDeployPermissionedChainRefusesUnauthorisedDeploys() throws Exception {
    ok("gov", "propose", "set-chain-parameter", "--name", "permissionMode", "--value", "deploy-permissioned",
        "--execute", "--key", key(CHAIR));
    try {
      JsonNode refused = send(USER, null, Bytes.fromHex("0x600160005500"));
      assertEquals(-32000, refused.path("error").path("code").asInt(), refused.toString());
      assertTrue(refused.path("error").path("message").asText().contains("may not deploy contracts"), refused.toString());
      JsonNode allowed = send(CHAIR, null, Bytes.fromHex("0x600160005500"));
      JsonNode receipt = rpc.awaitReceipt(allowed.get("result").asText());
      assertEquals("0x1", receipt.get("status").asText());

      ok("role", "grant", "contract-deployer", address(USER).toHex(), "--key", key(CHAIR));
      assertTrue(ok("role", "list", "contract-deployer").out().contains(address(USER).toChecksumHex()));
      JsonNode now = send(USER, null, Bytes.fromHex("0x600160005500"));
      assertTrue(now.has("result"), now.toString());
      rpc.awaitReceipt(now.get("result").asText());
      ok("role", "revoke", "contract-deployer", address(USER).toHex(), "--key", key(CHAIR));
    } finally {
      ok("gov", "propose", "set-chain-parameter", "--name", "permissionMode", "--value", "open", "--execute",
          "--key", key(CHAIR));
    }
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String signed(KeyPair k, String path, String query) {
    return path + "?" + AuditAuth.sign(SUITE, k, DevGenesis.CHAIN_ID, path, query, System.currentTimeMillis());
  }

  @Test
  void theAuditStreamServesSignedAuditorsOnly() throws Exception {
    ok("freeze", "--contract", "0x00000000000000000000000000000000c0ffee00", "--reason", "audit me", "--key", key(CHAIR));
    HttpResponse<String> page = get(signed(CHAIR, AuditFeed.EVENTS_PATH, "fromBlock=0&event=ContractFrozen"));
    assertEquals(200, page.statusCode(), page.body());
    JsonNode body = TestNodes.JSON.readTree(page.body());
    JsonNode event = body.get("events").get(0);
    assertEquals("ContractFrozen", event.get("event").asText());
    assertEquals("audit me", event.get("fields").get("reason").asText());
    assertEquals(address(CHAIR).toChecksumHex(), event.get("fields").get("regulator").asText());
    assertTrue(body.get("next").asLong() > event.get("block").asLong());

    assertEquals(401, get(AuditFeed.EVENTS_PATH + "?fromBlock=0").statusCode(), "unsigned");
    HttpResponse<String> notAuditor = get(signed(USER, AuditFeed.EVENTS_PATH, "fromBlock=0"));
    assertEquals(401, notAuditor.statusCode());
    assertTrue(notAuditor.body().contains("does not hold the auditor role"), notAuditor.body());
    String tampered = signed(CHAIR, AuditFeed.EVENTS_PATH, "fromBlock=0").replace("fromBlock=0", "fromBlock=1");
    assertTrue(get(tampered).body().contains("not by the auditor"));
    HttpResponse<String> bad = get(signed(CHAIR, AuditFeed.EVENTS_PATH, "fromBlock=0&event=NoSuchEvent"));
    assertEquals(400, bad.statusCode());

    JsonNode all = TestNodes.JSON.readTree(get(signed(CHAIR, AuditFeed.EVENTS_PATH, "fromBlock=0&limit=1000")).body());
    List<String> paged = new java.util.ArrayList<>();
    long from = 0;
    while (from <= all.get("head").asLong()) {
      JsonNode p = TestNodes.JSON.readTree(get(signed(CHAIR, AuditFeed.EVENTS_PATH, "fromBlock=" + from + "&limit=1")).body());
      p.get("events").forEach(e -> paged.add(e.toString()));
      assertTrue(p.get("next").asLong() > from, "pages always move on");
      from = p.get("next").asLong();
    }
    List<String> whole = new java.util.ArrayList<>();
    all.get("events").forEach(e -> whole.add(e.toString()));
    assertEquals(whole, paged, "resuming page by page from next neither skips nor repeats an event");

    Run audit = ok("gov", "audit", "--event", "ContractFrozen", "--key", key(CHAIR));
    assertTrue(audit.out().contains("\"reason\":\"audit me\""), audit.out());
    ok("unfreeze", "--contract", "0x00000000000000000000000000000000c0ffee00", "--reason", "done", "--key", key(CHAIR));
  }

  @Test
  void theAuditWebSocketReplaysHistoryAndFollowsNewEvents() throws Exception {
    ok("freeze", "--account", "0x00000000000000000000000000000000000a0d17", "--reason", "before", "--key", key(CHAIR));
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    String query = AuditAuth.sign(SUITE, CHAIR, DevGenesis.CHAIN_ID, AuditFeed.SOCKET_PATH,
        "fromBlock=0&address=0x00000000000000000000000000000000000a0d17", System.currentTimeMillis());
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + node.rpcAddress().getPort()
        + AuditFeed.SOCKET_PATH + "?" + query), new WebSocket.Listener() {
          private final StringBuilder part = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
              messages.add(part.toString());
              part.setLength(0);
            }
            socket.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    try {
      assertEquals("AccountFrozen", nextEvent(messages).get("event").asText(), "replayed from block 0");
      ok("unfreeze", "--account", "0x00000000000000000000000000000000000a0d17", "--reason", "after", "--key", key(CHAIR));
      JsonNode live = nextEvent(messages);
      assertEquals("AccountUnfrozen", live.get("event").asText());
      assertEquals("after", live.get("fields").get("reason").asText());
    } finally {
      ws.abort();
    }
  }

  static JsonNode nextEvent(BlockingQueue<String> messages) throws Exception {
    while (true) {
      String m = messages.poll(20, TimeUnit.SECONDS);
      assertNotNull(m, "no audit event arrived");
      JsonNode j = TestNodes.JSON.readTree(m);
      if (j.get("type").asText().equals("event")) {
        return j;
      }
    }
  }

  HttpResponse<String> admin(String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminAddress().getPort() + "/"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void adminMethodsAnswerOnlyOnTheAdminPortWithTheToken() throws Exception {
    assertTrue(node.adminAddress().getAddress().isLoopbackAddress());
    String info = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"admin_nodeInfo\",\"params\":[]}";
    HttpResponse<String> answer = admin(info, TOKEN);
    JsonNode result = TestNodes.JSON.readTree(answer.body()).get("result");
    assertEquals(address(TestNodes.VALIDATOR).toChecksumHex(), result.get("address").asText());
    assertTrue(result.get("validator").asBoolean());
    assertEquals(401, admin(info, null).statusCode());
    assertEquals(401, admin(info, "wrong-token-0123456789").statusCode());

    JsonNode level = TestNodes.JSON.readTree(admin("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"admin_setLogLevel\","
        + "\"params\":[\"debug\",\"io.trestle.node.governance\"]}", TOKEN).body());
    assertEquals("DEBUG", level.get("result").get("level").asText());
    JsonNode badLevel = TestNodes.JSON.readTree(admin("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"admin_setLogLevel\","
        + "\"params\":[\"loud\"]}", TOKEN).body());
    assertEquals(-32602, badLevel.get("error").get("code").asInt());

    for (String method : List.of("admin_nodeInfo", "admin_peers", "admin_addPeer", "admin_setLogLevel")) {
      JsonNode onPublic = rpc.response(method);
      assertEquals(-32601, onPublic.get("error").get("code").asInt(), method + " must not exist on the public RPC");
    }
  }
}
