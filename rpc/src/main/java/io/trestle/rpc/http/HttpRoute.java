package io.trestle.rpc.http;

/** A REST resource served beside JSON-RPC on the same port (resolvers, metrics, health). */
public interface HttpRoute {
  /** Whether this route answers {@code method path}. */
  boolean matches(String method, String path);

  HttpAnswer handle(String method, String path, String query, byte[] body);

  /** A complete answer: status, content type and body. */
  record HttpAnswer(int status, String contentType, byte[] body) {
    public static HttpAnswer json(int status, byte[] body) {
      return new HttpAnswer(status, "application/json", body);
    }

    public static HttpAnswer text(int status, String body) {
      return new HttpAnswer(status, "text/plain; charset=utf-8", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
