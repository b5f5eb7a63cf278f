package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for tests (the JDK's), collecting whole text messages and the close code. */
final class WsClient implements AutoCloseable {
  final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  volatile String closeReason;
  private final WebSocket socket;
  private int ids;

  WsClient(String url) throws Exception {
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(url), new Listener()).get(10, TimeUnit.SECONDS);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(TestChain.JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeReason = reason;
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(-1);
    }
  }

  void sendText(String text) throws Exception {
    socket.sendText(text, true).get(10, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] bytes) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
  }

  /** Sends a call and returns its response, keeping notifications that arrive meanwhile in {@link #messages}. */
  JsonNode call(String method, Object... params) throws Exception {
    int id = ++ids;
    var req = TestChain.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    var arr = req.putArray("params");
    for (Object p : params) {
      arr.add(p instanceof JsonNode n ? n : TestChain.JSON.valueToTree(p));
    }
    sendText(req.toString());
    return awaitResponse(id);
  }

  JsonNode awaitResponse(int id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    java.util.List<JsonNode> others = new java.util.ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
        if (m == null) {
          continue;
        }
        if (m.has("id") && m.get("id").asInt() == id) {
          return m;
        }
        others.add(m);
      }
      throw new AssertionError("no response to request " + id);
    } finally {
      java.util.List<JsonNode> rest = new java.util.ArrayList<>();
      messages.drainTo(rest);
      messages.addAll(others);
      messages.addAll(rest);
    }
  }

  /** The next notification of a subscription. */
  JsonNode nextNotification(String subscription) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && "eth_subscription".equals(m.path("method").asText())
          && subscription.equals(m.get("params").get("subscription").asText())) {
        return m.get("params").get("result");
      }
    }
    throw new AssertionError("no notification for " + subscription);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
