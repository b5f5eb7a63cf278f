package io.trestle.evm.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Solidity ABI type: {@code uintN}, {@code intN}, {@code address}, {@code bool}, {@code bytesN}, {@code bytes},
 * {@code string}, arrays {@code T[]} and {@code T[k]}, and tuples {@code (T1,T2,...)}. Immutable; parse with
 * {@link #parse(String)}. Java values: BigInteger for integers (Long/Integer accepted when encoding), Address,
 * Boolean, Bytes for {@code bytesN} and {@code bytes}, String, List for arrays and tuples.
 */
public final class AbiType {
  public enum Kind { UINT, INT, ADDRESS, BOOL, FIXED_BYTES, BYTES, STRING, ARRAY, TUPLE }

  /** Deeper nesting of arrays and tuples is refused. */
  public static final int DEPTH_MAX = 16;
  /** Fixed-size arrays longer than this are refused (their head alone would be huge). */
  public static final int FIXED_ARRAY_LENGTH_MAX = 4096;

  private final Kind kind;
  private final int size;
  private final AbiType element;
  private final List<AbiType> components;

  private AbiType(Kind kind, int size, AbiType element, List<AbiType> components) {
    this.kind = kind;
    this.size = size;
    this.element = element;
    this.components = components;
  }

  public static AbiType uint(int bits) {
    checkBits(bits);
    return new AbiType(Kind.UINT, bits, null, List.of());
  }

  public static AbiType int_(int bits) {
    checkBits(bits);
    return new AbiType(Kind.INT, bits, null, List.of());
  }

  private static void checkBits(int bits) {
    if (bits < 8 || bits > 256 || bits % 8 != 0) {
      throw new IllegalArgumentException("integer width must be 8..256 in steps of 8, got " + bits);
    }
  }

  public static final AbiType ADDRESS = new AbiType(Kind.ADDRESS, 160, null, List.of());
  public static final AbiType BOOL = new AbiType(Kind.BOOL, 8, null, List.of());
  public static final AbiType BYTES = new AbiType(Kind.BYTES, -1, null, List.of());
  public static final AbiType STRING = new AbiType(Kind.STRING, -1, null, List.of());
  public static final AbiType UINT256 = uint(256);

  public static AbiType fixedBytes(int n) {
    if (n < 1 || n > 32) {
      throw new IllegalArgumentException("bytesN needs 1 <= N <= 32, got " + n);
    }
    return new AbiType(Kind.FIXED_BYTES, n, null, List.of());
  }

  /** {@code element[]} when {@code length} is -1, else {@code element[length]}. */
  public static AbiType array(AbiType element, int length) {
    if (length < -1 || length > FIXED_ARRAY_LENGTH_MAX) {
      throw new IllegalArgumentException("array length must be -1 (dynamic) or 0.." + FIXED_ARRAY_LENGTH_MAX);
    }
    return new AbiType(Kind.ARRAY, length, Objects.requireNonNull(element), List.of());
  }

  public static AbiType tuple(List<AbiType> components) {
    return new AbiType(Kind.TUPLE, components.size(), null, List.copyOf(components));
  }

  public Kind kind() {
    return kind;
  }

  /** Bits for integers, N for bytesN, the length of a fixed array (-1 when dynamic), the arity of a tuple. */
  public int size() {
    return size;
  }

  public AbiType element() {
    return element;
  }

  public List<AbiType> components() {
    return components;
  }

  public boolean isDynamic() {
    return switch (kind) {
      case BYTES, STRING -> true;
      case ARRAY -> size < 0 || element.isDynamic();
      case TUPLE -> components.stream().anyMatch(AbiType::isDynamic);
      default -> false;
    };
  }

  /** Bytes this type takes in the head of an enclosing tuple. */
  int headBytes() {
    if (isDynamic()) {
      return 32;
    }
    return switch (kind) {
      case ARRAY -> size * element.headBytes();
      case TUPLE -> components.stream().mapToInt(AbiType::headBytes).sum();
      default -> 32;
    };
  }

  /** The canonical name used in signatures, e.g. {@code uint256}, {@code (address,bytes)[]}. */
  public String canonical() {
    return switch (kind) {
      case UINT -> "uint" + size;
      case INT -> "int" + size;
      case ADDRESS -> "address";
      case BOOL -> "bool";
      case FIXED_BYTES -> "bytes" + size;
      case BYTES -> "bytes";
      case STRING -> "string";
      case ARRAY -> element.canonical() + (size < 0 ? "[]" : "[" + size + "]");
      case TUPLE -> {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < components.size(); i++) {
          sb.append(i == 0 ? "" : ",").append(components.get(i).canonical());
        }
        yield sb.append(')').toString();
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AbiType t && canonical().equals(t.canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }

  @Override
  public String toString() {
    return canonical();
  }

  /** Parses a type name; {@code uint}/{@code int} mean 256 bits, {@code tuple(...)} and {@code (...)} are tuples. */
  public static AbiType parse(String text) throws AbiException {
    if (text.length() > 4096) {
      throw new AbiException("type name longer than 4096 characters");
    }
    return parse(text.strip(), 0);
  }

  private static AbiType parse(String s, int depth) throws AbiException {
    if (depth > DEPTH_MAX) {
      throw new AbiException("type nests deeper than " + DEPTH_MAX + ": " + s);
    }
    if (s.endsWith("]")) {
      int open = s.lastIndexOf('[');
      if (open < 0) {
        throw new AbiException("unbalanced ']' in type " + s);
      }
      String inner = s.substring(open + 1, s.length() - 1);
      AbiType element = parse(s.substring(0, open), depth + 1);
      if (inner.isEmpty()) {
        return array(element, -1);
      }
      int length = parseInt(inner, s);
      if (length > FIXED_ARRAY_LENGTH_MAX) {
        throw new AbiException("fixed array length " + length + " exceeds " + FIXED_ARRAY_LENGTH_MAX + " in " + s);
      }
      return array(element, length);
    }
    if (s.startsWith("tuple(")) {
      s = s.substring(5);
    }
    if (s.startsWith("(")) {
      if (!s.endsWith(")")) {
        throw new AbiException("unbalanced '(' in type " + s);
      }
      List<AbiType> parts = new ArrayList<>();
      for (String part : splitTopLevel(s.substring(1, s.length() - 1))) {
        parts.add(parse(part.strip(), depth + 1));
      }
      return tuple(parts);
    }
    switch (s) {
      case "address":
        return ADDRESS;
      case "bool":
        return BOOL;
      case "bytes":
        return BYTES;
      case "string":
        return STRING;
      case "uint":
        return UINT256;
      case "int":
        return int_(256);
      default:
        break;
    }
    try {
      if (s.startsWith("uint")) {
        return uint(parseInt(s.substring(4), s));
      }
      if (s.startsWith("int")) {
        return int_(parseInt(s.substring(3), s));
      }
      if (s.startsWith("bytes")) {
        return fixedBytes(parseInt(s.substring(5), s));
      }
    } catch (IllegalArgumentException e) {
      throw new AbiException("bad type " + s + ": " + e.getMessage());
    }
    throw new AbiException("unknown ABI type '" + s + "'");
  }

  private static int parseInt(String digits, String whole) throws AbiException {
    if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new AbiException("bad number '" + digits + "' in type " + whole);
    }
    return Integer.parseInt(digits);
  }

  /** Splits on commas outside parentheses and brackets; an empty string has no parts. */
  static List<String> splitTopLevel(String s) throws AbiException {
    List<String> out = new ArrayList<>();
    if (s.isBlank()) {
      return out;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
        if (depth < 0) {
          throw new AbiException("unbalanced brackets in '" + s + "'");
        }
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw new AbiException("unbalanced brackets in '" + s + "'");
    }
    out.add(s.substring(start));
    return out;
  }
}
