package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import io.trestle.rpc.jsonrpc.RpcException;
import java.math.BigInteger;

/** Ethereum JSON-RPC value encodings: QUANTITY (0x, no leading zeros), DATA (0x, even length). */
public final class Json {
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static TextNode quantity(long value) {
    return TextNode.valueOf("0x" + Long.toHexString(value));
  }

  public static TextNode quantity(BigInteger value) {
    return TextNode.valueOf("0x" + value.toString(16));
  }

  public static TextNode data(Bytes value) {
    return TextNode.valueOf(value.toHex());
  }

  public static TextNode data(byte[] value) {
    return TextNode.valueOf(Hex.encodePrefixed(value));
  }

  public static TextNode hash(Hash value) {
    return TextNode.valueOf(value.toHex());
  }

  public static JsonNode address(Address value) {
    return value == null ? NODES.nullNode() : TextNode.valueOf(value.toHex());
  }

  /** Parses a QUANTITY; leading zeros are tolerated (some clients send them), anything else is invalid params. */
  public static BigInteger parseQuantity(JsonNode node, String what) throws RpcException {
    if (node == null || !node.isTextual()) {
      if (node != null && node.isIntegralNumber() && node.bigIntegerValue().signum() >= 0) {
        return node.bigIntegerValue();
      }
      throw RpcException.invalidParams(what + " must be a hex quantity string");
    }
    String s = node.asText();
    if (!(s.startsWith("0x") || s.startsWith("0X")) || s.length() < 3 || s.length() > 66) {
      throw RpcException.invalidParams(what + " must be a 0x-prefixed hex quantity, got '" + abbreviate(s) + "'");
    }
    try {
      return new BigInteger(s.substring(2), 16);
    } catch (NumberFormatException e) {
      throw RpcException.invalidParams(what + " is not hex: '" + abbreviate(s) + "'");
    }
  }

  public static long parseLong(JsonNode node, String what) throws RpcException {
    BigInteger v = parseQuantity(node, what);
    if (v.bitLength() > 63) {
      throw RpcException.invalidParams(what + " is too large: " + v);
    }
    return v.longValue();
  }

  public static Bytes parseData(JsonNode node, String what) throws RpcException {
    if (node == null || !node.isTextual()) {
      throw RpcException.invalidParams(what + " must be a hex data string");
    }
    String s = node.asText();
    if (!(s.startsWith("0x") || s.startsWith("0X"))) {
      throw RpcException.invalidParams(what + " must start with 0x");
    }
    try {
      return Bytes.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(what + ": " + e.getMessage());
    }
  }

  public static Address parseAddress(JsonNode node, String what) throws RpcException {
    if (node == null || !node.isTextual()) {
      throw RpcException.invalidParams(what + " must be an address string");
    }
    try {
      return Address.fromHex(node.asText());
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(what + ": " + e.getMessage());
    }
  }

  public static Hash parseHash(JsonNode node, String what) throws RpcException {
    Bytes b = parseData(node, what);
    if (b.size() != 32) {
      throw RpcException.invalidParams(what + " must be 32 bytes, got " + b.size());
    }
    return Hash.wrap(b.toArray());
  }

  /**
   * A storage slot: up to 64 hex digits, left-padded to 32 bytes (clients send both "0x0" and full words).
   */
  public static Bytes parseSlot(JsonNode node, String what) throws RpcException {
    if (node == null || !node.isTextual()) {
      throw RpcException.invalidParams(what + " must be a hex string of at most 32 bytes");
    }
    String s = node.asText();
    if (!(s.startsWith("0x") || s.startsWith("0X")) || s.length() > 66) {
      throw RpcException.invalidParams(what + " must be 0x and at most 64 hex digits, got '" + abbreviate(s) + "'");
    }
    byte[] word = new byte[32];
    String digits = s.substring(2);
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(digits.length() - 1 - i), 16);
      if (d < 0) {
        throw RpcException.invalidParams(what + " is not hex: '" + abbreviate(s) + "'");
      }
      word[31 - i / 2] |= (byte) (i % 2 == 0 ? d : d << 4);
    }
    return Bytes.wrap(word);
  }

  private static String abbreviate(String s) {
    return s.length() > 70 ? s.substring(0, 70) + "..." : s;
  }
}
