package io.trestle.core.rlp;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One decoded RLP item: a byte string or a list of items. Views into the decoded input; the accessors copy.
 * Typed accessors ({@link #asLong}, {@link #asHash} …) enforce canonical integers and exact widths.
 */
public final class RlpItem {
  private final byte[] source;
  private final int offset;
  private final int payloadOffset;
  private final int payloadLength;
  private final List<RlpItem> items;

  private RlpItem(byte[] source, int offset, int payloadOffset, int payloadLength, List<RlpItem> items) {
    this.source = source;
    this.offset = offset;
    this.payloadOffset = payloadOffset;
    this.payloadLength = payloadLength;
    this.items = items;
  }

  static RlpItem string(byte[] source, int offset, int payloadOffset, int payloadLength) {
    return new RlpItem(source, offset, payloadOffset, payloadLength, null);
  }

  static RlpItem list(byte[] source, int offset, int payloadOffset, int payloadLength, List<RlpItem> items) {
    // the decoder hands over a fresh list it never touches again, so a read-only view suffices
    return new RlpItem(source, offset, payloadOffset, payloadLength, Collections.unmodifiableList(items));
  }

  int endOffset() {
    return payloadOffset + payloadLength;
  }

  public boolean isList() {
    return items != null;
  }

  /** The whole encoding of this item, prefix included. */
  public byte[] encoded() {
    return Arrays.copyOfRange(source, offset, endOffset());
  }

  /** The payload of a string item. */
  public byte[] bytes() throws RlpException {
    if (items != null) {
      throw new RlpException("expected an RLP string, found a list");
    }
    return Arrays.copyOfRange(source, payloadOffset, endOffset());
  }

  public Bytes asBytes() throws RlpException {
    return Bytes.wrap(bytes());
  }

  public int stringLength() throws RlpException {
    if (items != null) {
      throw new RlpException("expected an RLP string, found a list");
    }
    return payloadLength;
  }

  public List<RlpItem> items() throws RlpException {
    if (items == null) {
      throw new RlpException("expected an RLP list, found a string");
    }
    return items;
  }

  /** The list's items, which must number exactly {@code count}. */
  public List<RlpItem> items(int count, String what) throws RlpException {
    List<RlpItem> list = items();
    if (list.size() != count) {
      throw new RlpException(what + " must have " + count + " fields, found " + list.size());
    }
    return list;
  }

  /** A canonical unsigned integer below 2^63 (no leading zero bytes, at most 8 bytes). */
  public long asLong() throws RlpException {
    byte[] b = bytes();
    requireCanonicalInteger(b);
    if (b.length > 8 || (b.length == 8 && (b[0] & 0x80) != 0)) {
      throw new RlpException("integer too large for 63 bits: " + b.length + " bytes");
    }
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    return v;
  }

  /** A canonical unsigned integer of at most {@code maxBytes} bytes. */
  public BigInteger asBigInteger(int maxBytes) throws RlpException {
    byte[] b = bytes();
    requireCanonicalInteger(b);
    if (b.length > maxBytes) {
      throw new RlpException("integer of " + b.length + " bytes exceeds " + maxBytes);
    }
    return new BigInteger(1, b);
  }

  /** A canonical unsigned 256-bit integer. */
  public BigInteger asUInt256() throws RlpException {
    return asBigInteger(32);
  }

  public Hash asHash() throws RlpException {
    byte[] b = bytes();
    if (b.length != Hash.LENGTH) {
      throw new RlpException("expected a 32-byte hash, found " + b.length + " bytes");
    }
    return Hash.wrap(b);
  }

  public Address asAddress() throws RlpException {
    byte[] b = bytes();
    if (b.length != Address.LENGTH) {
      throw new RlpException("expected a 20-byte address, found " + b.length + " bytes");
    }
    return Address.wrap(b);
  }

  private static void requireCanonicalInteger(byte[] b) throws RlpException {
    if (b.length > 0 && b[0] == 0) {
      throw new RlpException("integer has a leading zero byte");
    }
  }

  @Override
  public String toString() {
    return isList() ? "RlpList" + items : "RlpString[" + payloadLength + " bytes]";
  }
}
