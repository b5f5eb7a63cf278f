package io.trestle.rpc.http;

/** A REST resource served beside JSON-RPC on the same port (resolvers, metrics, health). */
public interface HttpRoute {
  /** Whether this route answers {@code method path}. */
  boolean matches(String method, String path);

  HttpAnswer handle(String method, String path, String query, byte[] body);

  /**
   * As {@link #handle(String, String, String, byte[])}, with the request headers (names in lower case) for routes
   * that negotiate content (the DID resolver reads Accept).
   */
  default HttpAnswer handle(String method, String path, String query, byte[] body, java.util.Map<String, String> headers) {
    return handle(method, path, query, body);
  }

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
