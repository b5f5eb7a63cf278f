package io.trestle.rpc.eth;

import static io.trestle.rpc.eth.TestChain.EMITTER;
import static io.trestle.rpc.eth.TestChain.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.rpc.http.HttpRpcServer;
import io.trestle.rpc.ws.WebSocketRpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket endpoint on a real Netty server over an in-memory chain: service, subscriptions and bad peers. */
class WebSocketEndpointTest {
  private static final WebSocketRpc.Settings SMALL =
      new WebSocketRpc.Settings(64 * 1024, 256 * 1024, 5, 8, 4, 30, 120);

  private TestChain chain;
  private HttpRpcServer server;
  private ExecutorService workers;
  private int port;
  private WebSocketRpc endpoint;

  private void start(WebSocketRpc.Settings settings) throws Exception {
    chain = TestChain.create();
    workers = Executors.newFixedThreadPool(2);
    server = new HttpRpcServer(HttpRpcServer.Settings.defaults("127.0.0.1", 0), chain.rpc, workers);
    endpoint = new WebSocketRpc(settings, chain.rpc, workers, chain.eth.subscriptions());
    endpoint.install(server);
    chain.eth.start();
    port = server.start().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      chain.eth.close();
      workers.shutdownNow();
    }
  }

  private String ws(String path) {
    return "ws://127.0.0.1:" + port + path;
  }

  private String httpChainId() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_chainId\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    return TestChain.JSON.readTree(r.body()).get("result").asText();
  }

  @Test
  void servesJsonRpcOnBothPathsBesideHttp() throws Exception {
    start(SMALL);
    try (WsClient root = new WsClient(ws("/")); WsClient wsPath = new WsClient(ws("/ws"))) {
      assertEquals("0x539", root.call("eth_chainId").get("result").asText());
      assertEquals("0x539", wsPath.call("eth_chainId").get("result").asText());
      JsonNode batch = TestChain.JSON.readTree("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"},"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"net_version\"}]");
      root.sendText(batch.toString());
      JsonNode answers = root.messages.poll(10, TimeUnit.SECONDS);
      assertEquals(2, answers.size());
    }
    assertEquals("0x539", httpChainId());
  }

  @Test
  void newHeadsAndLogsArriveAsBlocksCommit() throws Exception {
    start(SMALL);
    try (WsClient client = new WsClient(ws("/"))) {
      String heads = client.call("eth_subscribe", "newHeads").get("result").asText();
      String logs = client.call("eth_subscribe", "logs", Map.of("address", EMITTER.toHex())).get("result").asText();
      long n = chain.commit(chain.emit(EMITTER, topic(1), topic(2)));
      assertEquals("0x" + Long.toHexString(n), client.nextNotification(heads).get("number").asText());
      JsonNode log = client.nextNotification(logs);
      assertEquals(topic(2).toHex(), log.get("topics").get(1).asText());
      assertEquals(chain.chain.blockHash(n).toHex(), log.get("blockHash").asText());
      assertTrue(client.call("eth_unsubscribe", heads).get("result").asBoolean());
      assertEquals(false, client.call("eth_unsubscribe", heads).get("result").asBoolean());
    }
  }

  @Test
  void resumedLogSubscriptionLosesNothingAcrossAReconnect() throws Exception {
    start(SMALL);
    List<String> received = new ArrayList<>();
    long lastBlock;
    int lastIndex;
    try (WsClient first = new WsClient(ws("/"))) {
      String id = first.call("eth_subscribe", "logs", Map.of("address", EMITTER.toHex())).get("result").asText();
      chain.commit(chain.emit(EMITTER, topic(1), topic(0)), chain.emit(EMITTER, topic(1), topic(1)));
      JsonNode a = first.nextNotification(id);
      JsonNode b = first.nextNotification(id);
      received.add(a.get("topics").get(1).asText());
      received.add(b.get("topics").get(1).asText());
      lastBlock = Long.decode(b.get("blockNumber").asText());
      lastIndex = Integer.decode(b.get("logIndex").asText());
    }
    // while the client is away
    chain.commit(chain.emit(EMITTER, topic(1), topic(2)));
    chain.commit(chain.emit(EMITTER, topic(1), topic(3)), chain.emit(EMITTER, topic(1), topic(4)));
    try (WsClient again = new WsClient(ws("/"))) {
      String id = again.call("eth_subscribe", "logs",
          Map.of("address", EMITTER.toHex(), "fromBlock", "0x" + Long.toHexString(lastBlock))).get("result").asText();
      chain.commit(chain.emit(EMITTER, topic(1), topic(5)));
      while (received.size() < 6) {
        JsonNode log = again.nextNotification(id);
        long block = Long.decode(log.get("blockNumber").asText());
        int index = Integer.decode(log.get("logIndex").asText());
        if (block < lastBlock || (block == lastBlock && index <= lastIndex)) {
          continue; // already seen before the reconnect (ADR 0231: resume from the last block, skip what was seen)
        }
        received.add(log.get("topics").get(1).asText());
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      expected.add(topic(i).toHex());
    }
    assertEquals(expected, received);
  }

  @Test
  void garbageFramesGetErrorsAndTheConnectionStaysUsable() throws Exception {
    start(SMALL);
    try (WsClient client = new WsClient(ws("/"))) {
      client.sendText("{not json");
      assertEquals(-32700, client.messages.poll(10, TimeUnit.SECONDS).get("error").get("code").asInt());
      client.sendBinary(new byte[] {(byte) 0xff, 0x00, 0x13});
      assertEquals(-32700, client.messages.poll(10, TimeUnit.SECONDS).get("error").get("code").asInt());
      client.sendText("[]");
      assertEquals(-32600, client.messages.poll(10, TimeUnit.SECONDS).get("error").get("code").asInt());
      assertEquals(-32602, client.call("eth_subscribe", "logs", Map.of("topics", "nope")).get("error").get("code").asInt());
      assertEquals(-32602, client.call("eth_subscribe", 42).get("error").get("code").asInt());
      assertEquals("0x539", client.call("eth_chainId").get("result").asText());
    }
  }

  @Test
  void oversizedMessageClosesOnlyThatConnection() throws Exception {
    start(SMALL);
    try (WsClient big = new WsClient(ws("/")); WsClient bystander = new WsClient(ws("/"))) {
      big.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_sha3\",\"params\":[\"0x" + "ab".repeat(40_000) + "\"]}");
      assertEquals(1009, big.closed.get(10, TimeUnit.SECONDS));
      assertEquals("0x539", bystander.call("eth_chainId").get("result").asText());
    }
    assertEquals("0x539", httpChainId());
  }

  @Test
  void protocolViolationsCloseTheConnectionAndTheServerGoesOn() throws Exception {
    start(SMALL);
    try (RawWebSocket raw = new RawWebSocket(port, 64 * 1024)) {
      assertTrue(raw.handshakeAnswer.startsWith("HTTP/1.1 101"), raw.handshakeAnswer);
      raw.frame(0x3, true, new byte[] {1, 2, 3}); // reserved opcode
      int code = raw.readUntilClosed();
      assertTrue(code == 1002 || code == -1, "closed for a protocol error, got " + code);
    }
    try (RawWebSocket raw = new RawWebSocket(port, 64 * 1024)) {
      raw.text("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_chainId\"}");
      Object[] frame = raw.readFrame();
      assertTrue(new String((byte[]) frame[1], StandardCharsets.UTF_8).contains("0x539"));
      raw.frame(0x1, true, new byte[] {(byte) 0xc3, 0x28}); // invalid UTF-8 in a text frame
      int code = raw.readUntilClosed();
      assertTrue(code == 1007 || code == -1, "closed for invalid text, got " + code);
    }
    assertEquals("0x539", httpChainId());
  }

  @Test
  void subscribeFloodHitsThePerConnectionLimit() throws Exception {
    start(SMALL);
    try (WsClient client = new WsClient(ws("/"))) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < SMALL.subscriptionsMax(); i++) {
        ids.add(client.call("eth_subscribe", "newHeads").get("result").asText());
      }
      JsonNode refused = client.call("eth_subscribe", "newHeads").get("error");
      assertEquals(-32005, refused.get("code").asInt());
      assertTrue(refused.get("message").asText().contains("limit is " + SMALL.subscriptionsMax()));
      assertTrue(client.call("eth_unsubscribe", ids.get(0)).get("result").asBoolean());
      assertTrue(client.call("eth_subscribe", "newHeads").has("result"), "a freed slot can be reused");
    }
    for (int i = 0; i < 100 && chain.eth.subscriptions().size() > 0; i++) {
      Thread.sleep(20);
    }
    assertEquals(0, chain.eth.subscriptions().size(), "a closed connection's subscriptions end with it");
  }

  @Test
  void refusesConnectionsPastTheLimit() throws Exception {
    start(SMALL);
    List<WsClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < SMALL.connectionsMax(); i++) {
        open.add(new WsClient(ws("/")));
      }
      try (RawWebSocket extra = new RawWebSocket(port, 64 * 1024)) {
        assertTrue(extra.handshakeAnswer.startsWith("HTTP/1.1 503"), extra.handshakeAnswer);
      }
    } finally {
      open.forEach(WsClient::close);
    }
  }

  @Test
  void consumerThatNeverReadsIsDisconnected() throws Exception {
    start(SMALL);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
          .append(",\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",false]}");
    }
    batch.append("]");
    try (RawWebSocket lazy = new RawWebSocket(port, 4096)) {
      // ~40 KB per answer; the client never reads, so the server's queue grows past its 256 KiB limit
      for (int i = 0; i < 300 && !lazy.socket.isInputShutdown(); i++) {
        try {
          lazy.text(batch.toString());
        } catch (java.io.IOException closedByServer) {
          break;
        }
      }
      int code = lazy.readUntilClosed();
      assertTrue(code == 1008 || code == -1, "closed as too slow, got " + code);
      for (int i = 0; i < 250 && endpoint.connections() > 0; i++) {
        Thread.sleep(20);
      }
      assertEquals(0, endpoint.connections(), "the server dropped the connection while the client still held it");
    }
    assertEquals("0x539", httpChainId());
  }
}
