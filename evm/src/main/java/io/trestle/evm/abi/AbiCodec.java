package io.trestle.evm.abi;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes values of {@link AbiType}s (the Solidity contract ABI). Decoding is strict, as Solidity's
 * ABI coder v2 is: integers must fit their width, addresses and booleans must carry no dirty bits, offsets and
 * lengths must stay inside the data, and padding after {@code bytesN} must be zero. The number of values one
 * decode may produce is bounded, so crafted offsets that alias each other cannot blow up the work.
 */
public final class AbiCodec {
  /** The most values (elements of arrays and tuples, counted at every level) one decode may produce. */
  public static final int DECODED_VALUES_MAX = 100_000;
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private AbiCodec() {}

  // ---- encoding -------------------------------------------------------------------------------------------

  /** Encodes {@code values} as the tuple of {@code types} (function arguments, return values, event data). */
  public static Bytes encode(List<AbiType> types, List<?> values) throws AbiException {
    return Bytes.wrap(encodeTuple(types, values));
  }

  private static byte[] encodeTuple(List<AbiType> types, List<?> values) throws AbiException {
    if (types.size() != values.size()) {
      throw new AbiException("expected " + types.size() + " values, got " + values.size());
    }
    int headLength = 0;
    for (AbiType t : types) {
      headLength += t.headBytes();
    }
    ByteArrayOutputStream head = new ByteArrayOutputStream(headLength);
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    for (int i = 0; i < types.size(); i++) {
      AbiType t = types.get(i);
      byte[] enc = encodeValue(t, values.get(i));
      if (t.isDynamic()) {
        head.writeBytes(word(BigInteger.valueOf(headLength + tail.size())));
        tail.writeBytes(enc);
      } else {
        head.writeBytes(enc);
      }
    }
    head.writeBytes(tail.toByteArray());
    return head.toByteArray();
  }

  private static byte[] encodeValue(AbiType t, Object v) throws AbiException {
    switch (t.kind()) {
      case UINT -> {
        BigInteger n = toBigInteger(v, t);
        if (n.signum() < 0 || n.bitLength() > t.size()) {
          throw new AbiException("value " + n + " does not fit " + t);
        }
        return word(n);
      }
      case INT -> {
        BigInteger n = toBigInteger(v, t);
        if (n.bitLength() > t.size() - 1) {
          throw new AbiException("value " + n + " does not fit " + t);
        }
        return word(n.signum() < 0 ? n.add(TWO_256) : n);
      }
      case ADDRESS -> {
        if (!(v instanceof Address a)) {
          throw new AbiException("address value must be an Address, got " + describe(v));
        }
        byte[] out = new byte[32];
        System.arraycopy(a.unsafeArray(), 0, out, 12, 20);
        return out;
      }
      case BOOL -> {
        if (!(v instanceof Boolean b)) {
          throw new AbiException("bool value must be a Boolean, got " + describe(v));
        }
        return word(b ? BigInteger.ONE : BigInteger.ZERO);
      }
      case FIXED_BYTES -> {
        byte[] b = toBytes(v, t);
        if (b.length != t.size()) {
          throw new AbiException(t + " value must have " + t.size() + " bytes, got " + b.length);
        }
        return Arrays.copyOf(b, 32);
      }
      case BYTES -> {
        return lengthPrefixed(toBytes(v, t));
      }
      case STRING -> {
        if (!(v instanceof String s)) {
          throw new AbiException("string value must be a String, got " + describe(v));
        }
        return lengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
      }
      case ARRAY -> {
        List<?> items = toList(v, t);
        if (t.size() >= 0 && items.size() != t.size()) {
          throw new AbiException(t + " needs " + t.size() + " elements, got " + items.size());
        }
        byte[] body = encodeTuple(repeat(t.element(), items.size()), items);
        if (t.size() >= 0) {
          return body;
        }
        byte[] out = new byte[32 + body.length];
        System.arraycopy(word(BigInteger.valueOf(items.size())), 0, out, 0, 32);
        System.arraycopy(body, 0, out, 32, body.length);
        return out;
      }
      case TUPLE -> {
        return encodeTuple(t.components(), toList(v, t));
      }
      default -> throw new IllegalStateException("unhandled kind " + t.kind());
    }
  }

  private static byte[] lengthPrefixed(byte[] data) {
    int padded = (data.length + 31) / 32 * 32;
    byte[] out = new byte[32 + padded];
    System.arraycopy(word(BigInteger.valueOf(data.length)), 0, out, 0, 32);
    System.arraycopy(data, 0, out, 32, data.length);
    return out;
  }

  static byte[] word(BigInteger n) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[32];
    int start = raw.length > 32 ? raw.length - 32 : 0;
    System.arraycopy(raw, start, out, 32 - (raw.length - start), raw.length - start);
    return out;
  }

  private static BigInteger toBigInteger(Object v, AbiType t) throws AbiException {
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    throw new AbiException(t + " value must be an integer, got " + describe(v));
  }

  private static byte[] toBytes(Object v, AbiType t) throws AbiException {
    if (v instanceof Bytes b) {
      return b.unsafeArray();
    }
    if (v instanceof byte[] b) {
      return b;
    }
    throw new AbiException(t + " value must be Bytes, got " + describe(v));
  }

  private static List<?> toList(Object v, AbiType t) throws AbiException {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof Object[] a) {
      return Arrays.asList(a);
    }
    throw new AbiException(t + " value must be a List, got " + describe(v));
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  private static List<AbiType> repeat(AbiType t, int n) {
    List<AbiType> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(t);
    }
    return out;
  }

  // ---- decoding -------------------------------------------------------------------------------------------

  /** Decodes data holding the tuple of {@code types}. Trailing bytes are allowed, as in Solidity. */
  public static List<Object> decode(List<AbiType> types, Bytes data) throws AbiException {
    return new Decoder(data.unsafeArray()).tuple(types, 0);
  }

  private static final class Decoder {
    private final byte[] data;
    private int produced;

    Decoder(byte[] data) {
      this.data = data;
    }

    List<Object> tuple(List<AbiType> types, int base) throws AbiException {
      count(types.size());
      List<Object> out = new ArrayList<>(types.size());
      int head = base;
      for (AbiType t : types) {
        if (t.isDynamic()) {
          int offset = offset(head, base);
          out.add(value(t, offset));
          head += 32;
        } else {
          out.add(value(t, head));
          head += t.headBytes();
        }
      }
      return out;
    }

    private void count(int n) throws AbiException {
      produced += n;
      if (produced > DECODED_VALUES_MAX) {
        throw new AbiException("data decodes to more than " + DECODED_VALUES_MAX + " values");
      }
    }

    /** Reads the offset word at {@code at}, relative to {@code base}, and returns the absolute position. */
    private int offset(int at, int base) throws AbiException {
      BigInteger rel = uintAt(at);
      if (rel.bitLength() > 31 || base + rel.longValue() > data.length) {
        throw new AbiException("offset " + rel + " at byte " + at + " points outside the data");
      }
      return base + rel.intValue();
    }

    private BigInteger uintAt(int at) throws AbiException {
      if (at < 0 || at > data.length - 32) {
        throw new AbiException("data ends before the word at byte " + at);
      }
      return new BigInteger(1, Arrays.copyOfRange(data, at, at + 32));
    }

    private int lengthAt(int at, String what) throws AbiException {
      BigInteger n = uintAt(at);
      if (n.bitLength() > 31 || n.longValue() > data.length) {
        throw new AbiException(what + " length " + n + " at byte " + at + " exceeds the data");
      }
      return n.intValue();
    }

    Object value(AbiType t, int at) throws AbiException {
      switch (t.kind()) {
        case UINT -> {
          BigInteger n = uintAt(at);
          if (n.bitLength() > t.size()) {
            throw new AbiException(t + " value at byte " + at + " has bits above its width");
          }
          return n;
        }
        case INT -> {
          BigInteger n = uintAt(at);
          if (n.testBit(255)) {
            n = n.subtract(TWO_256);
          }
          if (n.bitLength() > t.size() - 1) {
            throw new AbiException(t + " value at byte " + at + " is not sign-extended from its width");
          }
          return n;
        }
        case ADDRESS -> {
          BigInteger n = uintAt(at);
          if (n.bitLength() > 160) {
            throw new AbiException("address at byte " + at + " has dirty high bytes");
          }
          return Address.wrap(Arrays.copyOfRange(data, at + 12, at + 32));
        }
        case BOOL -> {
          BigInteger n = uintAt(at);
          if (n.compareTo(BigInteger.ONE) > 0) {
            throw new AbiException("bool at byte " + at + " is neither 0 nor 1");
          }
          return n.signum() == 1;
        }
        case FIXED_BYTES -> {
          uintAt(at);
          for (int i = at + t.size(); i < at + 32; i++) {
            if (data[i] != 0) {
              throw new AbiException(t + " at byte " + at + " has non-zero padding");
            }
          }
          return Bytes.wrap(Arrays.copyOfRange(data, at, at + t.size()));
        }
        case BYTES, STRING -> {
          int len = lengthAt(at, t.canonical());
          int start = at + 32;
          if (start + (long) len > data.length) {
            throw new AbiException(t + " at byte " + at + " runs past the end of the data");
          }
          byte[] content = Arrays.copyOfRange(data, start, start + len);
          return t.kind() == AbiType.Kind.BYTES ? Bytes.wrap(content) : new String(content, StandardCharsets.UTF_8);
        }
        case ARRAY -> {
          int n;
          int base;
          if (t.size() < 0) {
            n = lengthAt(at, t.canonical());
            base = at + 32;
          } else {
            n = t.size();
            base = at;
          }
          long minBytes = (long) n * t.element().headBytes();
          if (base + minBytes > data.length) {
            throw new AbiException(t + " of " + n + " elements at byte " + at + " runs past the end of the data");
          }
          return tuple(repeat(t.element(), n), base);
        }
        case TUPLE -> {
          return tuple(t.components(), at);
        }
        default -> throw new IllegalStateException("unhandled kind " + t.kind());
      }
    }
  }
}
