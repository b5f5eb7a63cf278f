package io.trestle.services.assets;

import io.trestle.core.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * What counts as well-formed metadata (ADR 0293). Everything here comes from callers, so everything is bounded;
 * each check returns the revert reason, naming the field and what is wrong, or {@code null} when the value is fine.
 */
public final class Metadata {
  public static final int NAME_BYTES_MAX = 64;
  public static final int SYMBOL_CHARS_MAX = 16;
  public static final int URI_BYTES_MAX = 512;
  public static final int REASON_BYTES_MAX = 256;
  /** No stored string is longer than this; a longer length word read back means corrupt state, shown as "". */
  static final int STORED_STRING_BYTES_MAX = 1024;
  public static final int ROYALTY_BPS_MAX = 10_000;
  public static final int DECIMALS_MAX = 36;

  private Metadata() {}

  /** A display name: 1-64 bytes of UTF-8, no control characters. */
  public static String checkName(String field, String value) {
    if (value.isBlank()) {
      return field + " must not be empty";
    }
    return checkText(field, value, NAME_BYTES_MAX);
  }

  /** A ticker: 1-16 printable ASCII characters without spaces. */
  public static String checkSymbol(String field, String value) {
    if (value.isEmpty() || value.length() > SYMBOL_CHARS_MAX) {
      return field + " must be 1 to " + SYMBOL_CHARS_MAX + " characters, got " + value.length();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return field + " must be printable ASCII without spaces";
      }
    }
    return null;
  }

  /** A URI: empty when {@code optional}, else a scheme ({@code ipfs:}, {@code https:} ...) and printable ASCII. */
  public static String checkUri(String field, String value, boolean optional) {
    if (value.isEmpty()) {
      return optional ? null : field + " must not be empty";
    }
    if (value.length() > URI_BYTES_MAX) {
      return field + " is longer than " + URI_BYTES_MAX + " bytes";
    }
    int colon = value.indexOf(':');
    if (colon < 1 || !Character.isLetter(value.charAt(0)) || value.charAt(0) > 0x7f) {
      return field + " must start with a scheme such as ipfs: or https:";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return field + " must be printable ASCII without spaces (percent-encode the rest)";
      }
      if (i < colon && !(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return field + " has an invalid scheme";
      }
    }
    return null;
  }

  /** A license: a URI and the hash of the terms, both given or both absent. */
  public static String checkLicense(String uri, Bytes hash) {
    String bad = checkUri("licenseURI", uri, true);
    if (bad != null) {
      return bad;
    }
    boolean noHash = isZero(hash);
    if (uri.isEmpty() != noHash) {
      return "licenseURI and licenseHash must be given together";
    }
    return null;
  }

  /** A regulator's reason: 1-256 bytes of UTF-8 without control characters. */
  public static String checkReason(String value) {
    if (value.isBlank()) {
      return "reason must not be empty";
    }
    return checkText("reason", value, REASON_BYTES_MAX);
  }

  static boolean isZero(Bytes b) {
    for (byte x : b.unsafeArray()) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String checkText(String field, String value, int bytesMax) {
    if (value.indexOf('\uFFFD') >= 0) {
      return field + " is not valid UTF-8";
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > bytesMax) {
      return field + " is longer than " + bytesMax + " bytes";
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return field + " contains a control character";
      }
    }
    return null;
  }
}
