package io.trestle.core.rlp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical RLP. Encoding produces the one valid form; decoding rejects every other form: single bytes below
 * 0x80 wrapped as strings, long-form lengths under 56 or with leading zeros, lengths past the input, list
 * payloads that do not end exactly on an item boundary, trailing bytes, and nesting deeper than {@link #MAX_DEPTH}.
 */
public final class Rlp {
  /** Deeper nesting is refused so a crafted input cannot exhaust the stack. */
  public static final int MAX_DEPTH = 1024;

  private static final byte[] EMPTY_STRING = {(byte) 0x80};
  private static final byte[] EMPTY_LIST = {(byte) 0xc0};

  private Rlp() {}

  public static byte[] encodeBytes(byte[] value) {
    if (value.length == 1 && (value[0] & 0xff) < 0x80) {
      return new byte[] {value[0]};
    }
    return withPrefix(0x80, value, 0, value.length);
  }

  /** Encodes a non-negative integer as its minimal big-endian byte string (0 is the empty string). */
  public static byte[] encodeLong(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned, got " + value);
    }
    if (value == 0) {
      return EMPTY_STRING.clone();
    }
    if (value < 0x80) {
      return new byte[] {(byte) value};
    }
    return encodeBytes(minimalBytes(value));
  }

  public static byte[] encodeBigInteger(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned, got " + value);
    }
    if (value.signum() == 0) {
      return EMPTY_STRING.clone();
    }
    byte[] raw = value.toByteArray();
    if (raw[0] == 0) {
      byte[] trimmed = new byte[raw.length - 1];
      System.arraycopy(raw, 1, trimmed, 0, trimmed.length);
      raw = trimmed;
    }
    return encodeBytes(raw);
  }

  /** Wraps already-encoded items into a list. */
  public static byte[] encodeList(byte[]... encodedItems) {
    int total = 0;
    for (byte[] item : encodedItems) {
      total += item.length;
    }
    byte[] payload = new byte[total];
    int pos = 0;
    for (byte[] item : encodedItems) {
      System.arraycopy(item, 0, payload, pos, item.length);
      pos += item.length;
    }
    return total == 0 ? EMPTY_LIST.clone() : withPrefix(0xc0, payload, 0, payload.length);
  }

  public static byte[] encodeList(List<byte[]> encodedItems) {
    return encodeList(encodedItems.toArray(new byte[0][]));
  }

  /** Wraps a payload that is already the concatenation of encoded items. */
  public static byte[] encodeListPayload(byte[] payload) {
    return withPrefix(0xc0, payload, 0, payload.length);
  }

  static byte[] minimalBytes(long value) {
    int len = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    byte[] out = new byte[len];
    for (int i = 0; i < len; i++) {
      out[len - 1 - i] = (byte) (value >>> (8 * i));
    }
    return out;
  }

  private static byte[] withPrefix(int base, byte[] payload, int offset, int length) {
    if (length < 56) {
      byte[] out = new byte[1 + length];
      out[0] = (byte) (base + length);
      System.arraycopy(payload, offset, out, 1, length);
      return out;
    }
    byte[] lenBytes = minimalBytes(length);
    byte[] out = new byte[1 + lenBytes.length + length];
    out[0] = (byte) (base + 55 + lenBytes.length);
    System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
    System.arraycopy(payload, offset, out, 1 + lenBytes.length, length);
    return out;
  }

  /** Decodes exactly one item spanning the whole input. */
  public static RlpItem decode(byte[] input) throws RlpException {
    return decode(input, 0, input.length);
  }

  public static RlpItem decode(byte[] input, int offset, int length) throws RlpException {
    if (length == 0) {
      throw new RlpException("empty input is not an RLP item");
    }
    int end = offset + length;
    RlpItem item = decodeAt(input, offset, end, 0);
    if (item.endOffset() != end) {
      throw new RlpException("trailing bytes after RLP item: " + (end - item.endOffset()));
    }
    return item;
  }

  /** Decodes the item that starts at {@code offset}; the caller checks what follows it. */
  static RlpItem decodeAt(byte[] in, int offset, int end, int depth) throws RlpException {
    if (offset >= end) {
      throw new RlpException("RLP item expected at offset " + offset + ", input ends");
    }
    int prefix = in[offset] & 0xff;
    if (prefix < 0x80) {
      return RlpItem.string(in, offset, offset, 1);
    }
    if (prefix <= 0xb7) {
      int len = prefix - 0x80;
      int start = offset + 1;
      requireAvailable(start, len, end);
      if (len == 1 && (in[start] & 0xff) < 0x80) {
        throw new RlpException("single byte below 0x80 must be encoded as itself at offset " + offset);
      }
      return RlpItem.string(in, offset, start, len);
    }
    if (prefix <= 0xbf) {
      int lenOfLen = prefix - 0xb7;
      int len = readLongLength(in, offset + 1, lenOfLen, end);
      int start = offset + 1 + lenOfLen;
      requireAvailable(start, len, end);
      return RlpItem.string(in, offset, start, len);
    }
    if (depth >= MAX_DEPTH) {
      throw new RlpException("RLP nesting deeper than " + MAX_DEPTH);
    }
    int start;
    int len;
    if (prefix <= 0xf7) {
      len = prefix - 0xc0;
      start = offset + 1;
    } else {
      int lenOfLen = prefix - 0xf7;
      len = readLongLength(in, offset + 1, lenOfLen, end);
      start = offset + 1 + lenOfLen;
    }
    requireAvailable(start, len, end);
    List<RlpItem> items = new ArrayList<>();
    int pos = start;
    int listEnd = start + len;
    while (pos < listEnd) {
      RlpItem child = decodeAt(in, pos, listEnd, depth + 1);
      items.add(child);
      pos = child.endOffset();
    }
    return RlpItem.list(in, offset, start, len, items);
  }

  private static int readLongLength(byte[] in, int pos, int lenOfLen, int end) throws RlpException {
    if (pos + lenOfLen > end) {
      throw new RlpException("RLP length prefix runs past the input");
    }
    if ((in[pos] & 0xff) == 0) {
      throw new RlpException("RLP long length has a leading zero byte");
    }
    if (lenOfLen > 4) {
      throw new RlpException("RLP length of " + lenOfLen + " bytes exceeds any input");
    }
    long len = 0;
    for (int i = 0; i < lenOfLen; i++) {
      len = (len << 8) | (in[pos + i] & 0xff);
    }
    if (len < 56) {
      throw new RlpException("RLP long form used for length " + len + " below 56");
    }
    if (len > Integer.MAX_VALUE) {
      throw new RlpException("RLP length " + len + " exceeds any input");
    }
    return (int) len;
  }

  private static void requireAvailable(int start, int len, int end) throws RlpException {
    if ((long) start + len > end) {
      throw new RlpException("RLP item of length " + len + " runs past the input by " + ((long) start + len - end));
    }
  }

  /** Convenience for encoders that build a list item by item. */
  public static final class ListBuilder {
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    public ListBuilder addEncoded(byte[] encodedItem) {
      payload.writeBytes(encodedItem);
      return this;
    }

    public ListBuilder addBytes(byte[] value) {
      return addEncoded(encodeBytes(value));
    }

    public ListBuilder addLong(long value) {
      return addEncoded(encodeLong(value));
    }

    public ListBuilder addBigInteger(BigInteger value) {
      return addEncoded(encodeBigInteger(value));
    }

    public byte[] build() {
      byte[] p = payload.toByteArray();
      return p.length == 0 ? EMPTY_LIST.clone() : encodeListPayload(p);
    }
  }

  public static ListBuilder list() {
    return new ListBuilder();
  }
}
