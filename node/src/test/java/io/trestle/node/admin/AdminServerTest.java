package io.trestle.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final ExecutorService workers = Executors.newFixedThreadPool(2);
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> added = new ArrayList<>();
  AdminServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    workers.shutdownNow();
  }

  InetSocketAddress start(String token) throws Exception {
    AdminApi api = new AdminApi(() -> JsonNodeFactory.instance.objectNode().put("address", "0xabc"), new AdminApi.Network() {
      @Override
      public List<AdminApi.Peer> peers() {
        return List.of(new AdminApi.Peer("0x01", "127.0.0.1:1", true));
      }

      @Override
      public void addPeer(String endpoint) {
        if (!endpoint.contains("@")) {
          throw new IllegalArgumentException("needs 0x<address>@host:port");
        }
        added.add(endpoint);
      }
    });
    server = new AdminServer(new AdminSettings("127.0.0.1", 0, token), api, workers);
    return server.start();
  }

  HttpResponse<String> post(InetSocketAddress at, String method, String params, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
            + "\",\"params\":" + params + "}")).header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aTokenIsRequiredOnEveryRequestWhenSet() throws Exception {
    InetSocketAddress at = start("0123456789abcdef-token");
    assertEquals(401, post(at, "admin_nodeInfo", "[]", null).statusCode());
    assertEquals(401, post(at, "admin_nodeInfo", "[]", "0123456789abcdef-wrong").statusCode());
    HttpResponse<String> ok = post(at, "admin_nodeInfo", "[]", "0123456789abcdef-token");
    assertEquals("0xabc", JSON.readTree(ok.body()).get("result").get("address").asText());
    for (int i = 0; i < 20; i++) {
      assertEquals(200, post(at, "admin_peers", "[]", "0123456789abcdef-token").statusCode());
      assertEquals(401, post(at, "admin_peers", "[]", null).statusCode(), "also after an authorised request");
    }
  }

  @Test
  void listsAndAddsPeers() throws Exception {
    InetSocketAddress at = start(null);
    assertEquals("127.0.0.1:1", JSON.readTree(post(at, "admin_peers", "[]", null).body()).get("result").get(0)
        .get("endpoint").asText());
    assertTrue(JSON.readTree(post(at, "admin_addPeer", "[\"0x01@127.0.0.1:2\"]", null).body()).get("result").asBoolean());
    assertEquals(List.of("0x01@127.0.0.1:2"), added);
    assertEquals(-32602, JSON.readTree(post(at, "admin_addPeer", "[\"nonsense\"]", null).body()).get("error").get("code")
        .asInt());
  }

  @Test
  void refusesToListenBeyondLoopbackWithoutAToken() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AdminSettings("0.0.0.0", 8546, null));
    assertTrue(e.getMessage().contains("set a token"));
    assertThrows(IllegalArgumentException.class, () -> new AdminSettings("127.0.0.1", 8546, "short"));
  }
}
