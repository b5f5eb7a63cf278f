package io.trestle.services.did;

import io.trestle.core.Address;
import io.trestle.crypto.Hex;
import java.util.Objects;

/**
 * A {@code did:trestle:<chainId>:<address>} identifier (docs/did-method.md). The chain id is decimal without
 * leading zeros; the address is {@code 0x} and 40 lower-case hex digits, so every DID has exactly one spelling
 * and string equality is DID equality.
 */
public record Did(long chainId, Address address) {
  public static final String METHOD = "trestle";
  public static final String PREFIX = "did:" + METHOD + ":";
  /** Longest DID string accepted anywhere (DID Core sets no limit; ours is far above any valid did:trestle). */
  public static final int TEXT_CHARS_MAX = 256;

  public Did {
    Objects.requireNonNull(address, "address");
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, got " + chainId);
    }
  }

  /** Parses a {@code did:trestle} DID strictly: no path, query or fragment. */
  public static Did parse(String text) throws DidSyntaxException {
    if (text == null) {
      throw new DidSyntaxException("DID is missing");
    }
    if (text.length() > TEXT_CHARS_MAX) {
      throw new DidSyntaxException("DID is " + text.length() + " characters, more than " + TEXT_CHARS_MAX);
    }
    if (!isDidSyntax(text)) {
      throw new DidSyntaxException("'" + printable(text) + "' is not a DID (did:<method>:<method-specific-id>)");
    }
    if (!text.startsWith(PREFIX)) {
      throw new DidSyntaxException("'" + printable(text) + "' is not a did:" + METHOD + " DID");
    }
    String rest = text.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw new DidSyntaxException("did:trestle DID lacks the chain id: expected did:trestle:<chainId>:<address>");
    }
    String chain = rest.substring(0, colon);
    String addr = rest.substring(colon + 1);
    if (chain.isEmpty() || chain.length() > 19 || !chain.chars().allMatch(c -> c >= '0' && c <= '9')
        || (chain.length() > 1 && chain.charAt(0) == '0')) {
      throw new DidSyntaxException("chain id '" + chain + "' must be a decimal number without leading zeros");
    }
    long chainId;
    try {
      chainId = Long.parseLong(chain);
    } catch (NumberFormatException e) {
      throw new DidSyntaxException("chain id '" + chain + "' is out of range");
    }
    if (chainId == 0) {
      throw new DidSyntaxException("chain id must be positive");
    }
    if (addr.length() != 42 || !addr.startsWith("0x")) {
      throw new DidSyntaxException("address '" + addr + "' must be 0x followed by 40 hex digits");
    }
    for (int i = 2; i < addr.length(); i++) {
      char c = addr.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new DidSyntaxException("address '" + addr + "' must be lower-case hex (character " + i + " is '" + c
            + "')");
      }
    }
    return new Did(chainId, Address.wrap(Hex.decode(addr.substring(2))));
  }

  /**
   * Whether {@code text} matches DID Core's {@code did} rule: {@code "did:" method-name ":" method-specific-id},
   * method-name of {@code [a-z0-9]}, the id of {@code idchar} and {@code pct-encoded} segments separated by colons,
   * the last one non-empty.
   */
  public static boolean isDidSyntax(String text) {
    if (!text.startsWith("did:")) {
      return false;
    }
    int at = 4;
    int methodStart = at;
    while (at < text.length() && isMethodChar(text.charAt(at))) {
      at++;
    }
    if (at == methodStart || at >= text.length() || text.charAt(at) != ':') {
      return false;
    }
    at++;
    if (at >= text.length()) {
      return false;
    }
    char last = 0;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '%') {
        if (at + 2 >= text.length() || !isHex(text.charAt(at + 1)) || !isHex(text.charAt(at + 2))) {
          return false;
        }
        at += 3;
        last = 'x';
        continue;
      }
      if (!(isIdChar(c) || c == ':')) {
        return false;
      }
      last = c;
      at++;
    }
    return last != ':';
  }

  private static boolean isMethodChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
        || c == '_';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** The DID of {@code address} on chain {@code chainId}. */
  public static Did of(long chainId, Address address) {
    return new Did(chainId, address);
  }

  /** A verification method or service id of this DID: {@code did#fragment}. */
  public String withFragment(String fragment) {
    return this + "#" + fragment;
  }

  @Override
  public String toString() {
    return PREFIX + chainId + ":" + address.toHex();
  }

  /** Text safe to put into an error message: control characters replaced, long input cut. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (s.length() > 80) {
      b.append("...");
    }
    return b.toString();
  }
}
