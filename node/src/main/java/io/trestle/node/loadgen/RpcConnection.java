package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC over HTTP/1.1 with keep-alive: the JDK client pools one connection per concurrent request, so N threads
 * calling at once use N connections. Answers are read up to {@link #RESPONSE_BYTES_MAX}; a node that sends more is
 * treated as broken.
 */
final class RpcConnection {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int RESPONSE_BYTES_MAX = 64 * 1024 * 1024;

  private final URI uri;
  private final HttpClient http;
  private final Duration timeout;
  private final AtomicLong ids = new AtomicLong();

  RpcConnection(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  URI uri() {
    return uri;
  }

  /** One call; the node's error answer becomes a LoadException naming the method. */
  JsonNode call(String method, Object... params) throws LoadException {
    JsonNode body = parse(post(encode(request(ids.incrementAndGet(), method, params))));
    if (body.has("error")) {
      throw new LoadException(method + " failed: " + body.path("error").path("message").asText());
    }
    if (!body.has("result")) {
      throw new LoadException(method + ": the node's answer has neither result nor error");
    }
    return body.get("result");
  }

  /** Several calls in one JSON-RPC batch; the answers in the order of the calls, each a result or an error object. */
  List<JsonNode> batch(List<ObjectNode> calls) throws LoadException {
    ArrayNode array = JSON.createArrayNode();
    array.addAll(calls);
    JsonNode body = parse(post(encode(array)));
    if (!body.isArray()) {
      throw new LoadException("batch of " + calls.size() + " calls failed: " + body.path("error").path("message").asText(body.toString()));
    }
    JsonNode[] ordered = new JsonNode[calls.size()];
    for (JsonNode answer : body) {
      long id = answer.path("id").asLong(-1);
      for (int i = 0; i < calls.size(); i++) {
        if (calls.get(i).path("id").asLong() == id) {
          ordered[i] = answer;
          break;
        }
      }
    }
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] == null) {
        throw new LoadException("batch answer lacks the answer to call " + calls.get(i).path("method").asText());
      }
    }
    return List.of(ordered);
  }

  ObjectNode request(long id, String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", id);
    request.put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object p : params) {
      array.add(p instanceof JsonNode node ? node : JSON.valueToTree(p));
    }
    return request;
  }

  long nextId() {
    return ids.incrementAndGet();
  }

  /** POSTs a ready-made body and returns the answer's bytes; any HTTP status but 200 is a failure. */
  byte[] post(byte[] body) throws LoadException {
    HttpResponse<InputStream> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new LoadException("cannot reach " + uri + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException("interrupted while calling " + uri, e);
    }
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(RESPONSE_BYTES_MAX + 1);
    } catch (IOException e) {
      throw new LoadException("reading the answer of " + uri + " failed: " + describe(e), e);
    }
    if (bytes.length > RESPONSE_BYTES_MAX) {
      throw new LoadException(uri + " answered more than " + RESPONSE_BYTES_MAX + " bytes");
    }
    if (response.statusCode() != 200) {
      String text = new String(bytes, 0, Math.min(bytes.length, 200), java.nio.charset.StandardCharsets.UTF_8);
      throw new LoadException("HTTP " + response.statusCode() + " from " + uri + ": " + text.strip());
    }
    return bytes;
  }

  static byte[] encode(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialise", e);
    }
  }

  static JsonNode parse(byte[] bytes) throws LoadException {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new LoadException("the node answered an empty body");
      }
      return node;
    } catch (IOException e) {
      throw new LoadException("the node answered a body that is not JSON");
    }
  }

  static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
