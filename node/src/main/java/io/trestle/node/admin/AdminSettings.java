package io.trestle.node.admin;

/**
 * Where the admin endpoint listens and the token it may require (ADR 0276). Bound to 127.0.0.1 unless configured
 * otherwise; any other host needs a token, since the admin methods change what the node does.
 *
 * @param token null for none; else every request needs {@code Authorization: Bearer <token>}
 */
public record AdminSettings(String host, int port, String token) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Tokens shorter than this are guessable. */
  public static final int TOKEN_CHARS_MIN = 16;

  public AdminSettings {
    if (host == null || host.isBlank()) {
      host = DEFAULT_HOST;
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("admin port must be 0..65535, got " + port);
    }
    if (token != null && token.length() < TOKEN_CHARS_MIN) {
      throw new IllegalArgumentException("admin token must have at least " + TOKEN_CHARS_MIN + " characters");
    }
    if (token == null && !isLoopback(host)) {
      throw new IllegalArgumentException("the admin endpoint on " + host + " would be reachable from other machines; "
          + "bind it to 127.0.0.1 or set a token");
    }
  }

  public static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }
}
