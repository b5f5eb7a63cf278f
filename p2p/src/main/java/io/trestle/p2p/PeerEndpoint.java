package io.trestle.p2p;

import io.trestle.core.Address;
import java.util.Objects;
import java.util.Optional;

/**
 * A static peer to dial: {@code host:port}, or {@code 0x<address>@host:port} when the operator knows which
 * node answers there (then a different node at that endpoint is refused).
 */
public record PeerEndpoint(String host, int port, Optional<Address> expectedAddress) {
  private static final int HOST_CHARS_MAX = 253;

  public PeerEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(expectedAddress, "expectedAddress");
    if (host.isEmpty() || host.length() > HOST_CHARS_MAX) {
      throw new IllegalArgumentException("host must be 1.." + HOST_CHARS_MAX + " characters, got " + host.length());
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
  }

  public static PeerEndpoint of(String host, int port) {
    return new PeerEndpoint(host, port, Optional.empty());
  }

  public static PeerEndpoint of(String host, int port, Address expected) {
    return new PeerEndpoint(host, port, Optional.of(expected));
  }

  /** Parses {@code host:port}, {@code [v6]:port} or {@code 0x<40 hex>@host:port}. */
  public static PeerEndpoint parse(String text) throws PeerEndpointException {
    if (text == null || text.isBlank()) {
      throw new PeerEndpointException("peer endpoint is empty");
    }
    if (text.length() > 64 + HOST_CHARS_MAX) {
      throw new PeerEndpointException("peer endpoint is " + text.length() + " characters, too long");
    }
    String rest = text.strip();
    Optional<Address> expected = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      try {
        expected = Optional.of(Address.fromHex(rest.substring(0, at)));
      } catch (IllegalArgumentException e) {
        throw new PeerEndpointException("peer endpoint '" + text + "': address: " + e.getMessage());
      }
      rest = rest.substring(at + 1);
    }
    int colon = rest.lastIndexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      throw new PeerEndpointException("peer endpoint '" + text + "' must be host:port");
    }
    String host = rest.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(rest.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new PeerEndpointException("peer endpoint '" + text + "': port is not a number");
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new PeerEndpointException("peer endpoint '" + text + "': host must be non-empty and port 1..65535");
    }
    return new PeerEndpoint(host, port, expected);
  }

  @Override
  public String toString() {
    String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return expectedAddress.map(a -> a.toHex() + "@").orElse("") + hostPart + ":" + port;
  }
}
