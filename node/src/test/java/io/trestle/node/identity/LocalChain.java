package io.trestle.node.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.DevGenesis;
import io.trestle.node.Node;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/** An in-process development node with a real RPC port, and a {@link ChainClient} on it. */
final class LocalChain implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KeyPair VALIDATOR = EthereumSuite.INSTANCE.keyPair(key(0x51));
  static final KeyPair ALICE = EthereumSuite.INSTANCE.keyPair(key(0xa1));
  static final KeyPair BOB = EthereumSuite.INSTANCE.keyPair(key(0xa2));

  final Node node;
  final Genesis genesis;
  final String url;
  final ChainClient client;
  private final HttpClient http = HttpClient.newHttpClient();
  private int ids;

  private LocalChain(Node node, Genesis genesis) {
    this.node = node;
    this.genesis = genesis;
    this.url = "http://127.0.0.1:" + node.rpcAddress().getPort();
    this.client = new ChainClient(this::call);
  }

  static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    k[0] = 0x11;
    return k;
  }

  static LocalChain start(Path dir, long intervalMs) throws Exception {
    return start(dir, intervalMs, EthereumSuite.INSTANCE);
  }

  /** A chain of {@code suite}; the validator and the funded accounts ALICE and BOB use the same secrets as keys of it. */
  static LocalChain start(Path dir, long intervalMs, io.trestle.crypto.CryptoSuite suite) throws Exception {
    Genesis genesis = DevGenesis.create(suite, keyOf(suite, VALIDATOR), List.of(keyOf(suite, ALICE), keyOf(suite, BOB)),
        intervalMs, 1_700_000_000_000L);
    Node node = new Node(new Node.Settings(dir, genesis, keyOf(suite, VALIDATOR), "127.0.0.1", 0));
    node.start();
    return new LocalChain(node, genesis);
  }

  static KeyPair keyOf(io.trestle.crypto.CryptoSuite suite, KeyPair ethereumKey) {
    return suite.keyPair(ethereumKey.privateKey());
  }

  JsonNode call(String method, Object... params) throws ChainClient.Failure {
    ObjectNode req = JSON.createObjectNode();
    req.put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
    ArrayNode arr = req.putArray("params");
    for (Object p : params) {
      arr.add(p instanceof JsonNode n ? n : JSON.valueToTree(p));
    }
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req))).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      if (body.has("error")) {
        throw new ChainClient.Failure(body.get("error").path("message").asText());
      }
      return body.get("result");
    } catch (IOException e) {
      throw new ChainClient.Failure("cannot reach the node: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainClient.Failure("interrupted");
    }
  }

  HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private boolean closed;

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      node.close();
    }
  }
}
