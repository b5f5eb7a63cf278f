package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A minimal JSON-RPC client for the CLI: one call per request, errors become CliExceptions. */
public final class RpcClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI uri;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong ids = new AtomicLong();

  public RpcClient(String url) throws CliException {
    try {
      this.uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid RPC URL " + url);
    }
  }

  public JsonNode call(String method, Object... params) throws CliException {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object p : params) {
      array.add(p instanceof JsonNode node ? node : JSON.valueToTree(p));
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CliException("cannot reach " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CliException(uri + " answered HTTP " + response.statusCode() + " with a body that is not JSON");
    }
    if (body.has("error")) {
      throw new CliException(method + " failed: " + body.get("error").path("message").asText());
    }
    return body.get("result");
  }
}
