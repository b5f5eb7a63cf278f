package io.trestle.services.names;

import io.trestle.core.Hash;
import java.nio.charset.StandardCharsets;

/**
 * Name syntax: {@code <label>.trestle}, the label 3 to 63 of {@code a-z 0-9 -}, not starting or ending with a
 * hyphen. Only lower case is a name: a name has one spelling, so the registry never has to fold case. A name's
 * node (its key in the registry) is the Keccak-256 of its UTF-8 bytes.
 */
public final class Names {
  public static final String SUFFIX = ".trestle";
  public static final int LABEL_CHARS_MIN = 3;
  public static final int LABEL_CHARS_MAX = 63;
  public static final int NAME_CHARS_MAX = LABEL_CHARS_MAX + SUFFIX.length();

  private Names() {}

  /** Null when {@code name} is valid, else why not. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "name is empty";
    }
    if (name.length() > NAME_CHARS_MAX) {
      return "name is " + name.length() + " characters, more than " + NAME_CHARS_MAX;
    }
    if (!name.endsWith(SUFFIX)) {
      return "name '" + printable(name) + "' must end in " + SUFFIX;
    }
    String label = name.substring(0, name.length() - SUFFIX.length());
    if (label.length() < LABEL_CHARS_MIN || label.length() > LABEL_CHARS_MAX) {
      return "label '" + printable(label) + "' must be " + LABEL_CHARS_MIN + " to " + LABEL_CHARS_MAX + " characters";
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return "name '" + printable(name) + "' must be lower case";
      }
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return "label '" + printable(label) + "' may hold only a-z, 0-9 and '-' (character " + i + ")";
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return "label '" + label + "' must not start or end with '-'";
    }
    return null;
  }

  public static String check(String name) throws NameSyntaxException {
    String p = problem(name);
    if (p != null) {
      throw new NameSyntaxException(p);
    }
    return name;
  }

  /** Whether {@code text} looks like it was meant as a name rather than an address (it has the suffix). */
  public static boolean looksLikeName(String text) {
    return text != null && text.toLowerCase(java.util.Locale.ROOT).endsWith(SUFFIX);
  }

  public static Hash node(String name) {
    return Hash.keccak(name.getBytes(StandardCharsets.UTF_8));
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.toString();
  }
}
