package io.trestle.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/** In-process development nodes and a raw JSON-RPC caller for tests. */
final class TestNodes {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KeyPair VALIDATOR = EthereumSuite.INSTANCE.keyPair(key(0x51));
  static final KeyPair FUNDED = EthereumSuite.INSTANCE.keyPair(key(0xa1));
  static final KeyPair FUNDED2 = EthereumSuite.INSTANCE.keyPair(key(0xa2));

  private TestNodes() {}

  static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    k[0] = 0x11;
    return k;
  }

  static Node start(Path dir, long intervalMs) throws Exception {
    Node node = new Node(new Node.Settings(dir,
        DevGenesis.create(EthereumSuite.INSTANCE, VALIDATOR, List.of(FUNDED, FUNDED2), intervalMs, 1_700_000_000_000L),
        VALIDATOR, "127.0.0.1", 0));
    node.start();
    return node;
  }

  /** A JSON-RPC caller over real HTTP. */
  static final class Rpc {
    private final URI uri;
    private final HttpClient http = HttpClient.newHttpClient();
    private int ids;

    Rpc(Node node) {
      this("http://127.0.0.1:" + node.rpcAddress().getPort() + "/");
    }

    Rpc(String url) {
      this.uri = URI.create(url);
    }

    JsonNode raw(String body) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    /** The whole response object of one call. */
    JsonNode response(String method, Object... params) throws IOException, InterruptedException {
      ObjectNode req = JSON.createObjectNode();
      req.put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
      ArrayNode arr = req.putArray("params");
      for (Object p : params) {
        arr.add(p instanceof JsonNode n ? n : JSON.valueToTree(p));
      }
      return raw(JSON.writeValueAsString(req));
    }

    JsonNode call(String method, Object... params) throws IOException, InterruptedException {
      JsonNode r = response(method, params);
      if (r.has("error")) {
        throw new AssertionError(method + " failed: " + r.get("error"));
      }
      return r.get("result");
    }

    JsonNode awaitReceipt(String hash) throws Exception {
      for (int i = 0; i < 200; i++) {
        JsonNode r = call("eth_getTransactionReceipt", hash);
        if (!r.isNull()) {
          return r;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no receipt for " + hash);
    }
  }
}
