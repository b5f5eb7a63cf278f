package io.trestle.core.block;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.core.trie.OrderedTrieRoot;
import io.trestle.core.tx.TransactionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The consensus part of a transaction's receipt, encoded as Ethereum encodes it after Byzantium so receipts
 * roots match Ethereum's: rlp([status, cumulativeGasUsed, logsBloom, logs]), prefixed by the type byte for typed
 * transactions. The bloom is always derived from the logs. Per-transaction gas used, contract address and the
 * like are derived data kept by the state module, not part of this encoding.
 */
public final class Receipt {
  private final TransactionType type;
  private final boolean success;
  private final long cumulativeGasUsed;
  private final List<Log> logs;
  private final Bloom logsBloom;
  /** The encoding, once computed: the receipt is immutable, so every thread computes the same bytes. */
  private volatile byte[] encoded;

  public Receipt(TransactionType type, boolean success, long cumulativeGasUsed, List<Log> logs) {
    this.type = Objects.requireNonNull(type, "type");
    if (cumulativeGasUsed < 0) {
      throw new IllegalArgumentException("cumulativeGasUsed must be non-negative, got " + cumulativeGasUsed);
    }
    this.success = success;
    this.cumulativeGasUsed = cumulativeGasUsed;
    this.logs = List.copyOf(logs);
    this.logsBloom = Bloom.of(this.logs);
  }

  public TransactionType type() {
    return type;
  }

  public boolean success() {
    return success;
  }

  /** 1 for success, 0 for failure (EIP-658). */
  public int status() {
    return success ? 1 : 0;
  }

  /** Gas used by this transaction and all before it in the block. */
  public long cumulativeGasUsed() {
    return cumulativeGasUsed;
  }

  public List<Log> logs() {
    return logs;
  }

  public Bloom logsBloom() {
    return logsBloom;
  }

  /**
   * The consensus encoding: the value stored under rlp(index) in the receipts trie. Computed once (a block's
   * receipts are encoded for the receipts root and again for the store, and a 1,000-log receipt is large), and
   * written in one pass into an array of the exact size; each call returns a fresh copy.
   */
  public byte[] encode() {
    byte[] e = encoded;
    if (e == null) {
      e = encodeOnce();
      encoded = e;
    }
    return e.clone();
  }

  private byte[] encodeOnce() {
    int[] logPayloads = new int[logs.size()];
    long logsPayload = 0;
    for (int i = 0; i < logPayloads.length; i++) {
      Log log = logs.get(i);
      long p = stringLength(Address.LENGTH) + listLength(33L * log.topics().size())
          + stringLength(log.data().unsafeArray());
      logPayloads[i] = Math.toIntExact(p);
      logsPayload += listLength(p);
    }
    long payload = longLength(status()) + longLength(cumulativeGasUsed) + stringLength(Bloom.BYTES)
        + listLength(logsPayload);
    int typeBytes = type == TransactionType.LEGACY ? 0 : 1;
    byte[] out = new byte[Math.toIntExact(typeBytes + listLength(payload))];
    int pos = 0;
    if (typeBytes == 1) {
      out[pos++] = (byte) type.code();
    }
    pos = writeHeader(out, pos, 0xc0, payload);
    pos = writeLong(out, pos, status());
    pos = writeLong(out, pos, cumulativeGasUsed);
    pos = writeString(out, pos, logsBloom.unsafeArray());
    pos = writeHeader(out, pos, 0xc0, logsPayload);
    for (int i = 0; i < logPayloads.length; i++) {
      Log log = logs.get(i);
      pos = writeHeader(out, pos, 0xc0, logPayloads[i]);
      pos = writeString(out, pos, log.address().unsafeArray());
      pos = writeHeader(out, pos, 0xc0, 33L * log.topics().size());
      for (Hash topic : log.topics()) {
        pos = writeString(out, pos, topic.unsafeArray());
      }
      pos = writeString(out, pos, log.data().unsafeArray());
    }
    if (pos != out.length) {
      throw new IllegalStateException("receipt encoding wrote " + pos + " of " + out.length + " bytes");
    }
    return out;
  }

  /** RLP size of a byte string of {@code length} bytes other than a single byte below 0x80. */
  private static long stringLength(long length) {
    return headerLength(length) + length;
  }

  private static long stringLength(byte[] value) {
    return value.length == 1 && (value[0] & 0xff) < 0x80 ? 1 : stringLength(value.length);
  }

  private static long listLength(long payload) {
    return headerLength(payload) + payload;
  }

  private static long headerLength(long payload) {
    return payload < 56 ? 1 : 1 + byteCount(payload);
  }

  private static int byteCount(long value) {
    return (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
  }

  private static long longLength(long value) {
    return value < 0x80 ? 1 : 1 + byteCount(value);
  }

  private static int writeHeader(byte[] out, int pos, int base, long payload) {
    if (payload < 56) {
      out[pos++] = (byte) (base + payload);
      return pos;
    }
    int n = byteCount(payload);
    out[pos++] = (byte) (base + 55 + n);
    return writeBigEndian(out, pos, payload, n);
  }

  private static int writeBigEndian(byte[] out, int pos, long value, int n) {
    for (int i = n - 1; i >= 0; i--) {
      out[pos++] = (byte) (value >>> (8 * i));
    }
    return pos;
  }

  private static int writeLong(byte[] out, int pos, long value) {
    if (value == 0) {
      out[pos++] = (byte) 0x80;
      return pos;
    }
    if (value < 0x80) {
      out[pos++] = (byte) value;
      return pos;
    }
    int n = byteCount(value);
    out[pos++] = (byte) (0x80 + n);
    return writeBigEndian(out, pos, value, n);
  }

  private static int writeString(byte[] out, int pos, byte[] value) {
    if (value.length == 1 && (value[0] & 0xff) < 0x80) {
      out[pos++] = value[0];
      return pos;
    }
    pos = writeHeader(out, pos, 0x80, value.length);
    System.arraycopy(value, 0, out, pos, value.length);
    return pos + value.length;
  }

  /**
   * Decodes a consensus encoding strictly: a known type, exactly four fields, status 0 or 1 (pre-Byzantium
   * state roots are refused), a 256-byte bloom that equals the bloom of the logs. Memory use is linear in the
   * input, which the caller bounds.
   */
  public static Receipt decode(byte[] encoded) throws RlpException {
    if (encoded.length == 0) {
      throw new RlpException("receipt is empty");
    }
    int first = encoded[0] & 0xff;
    TransactionType type;
    RlpItem root;
    if (first >= 0xc0) {
      type = TransactionType.LEGACY;
      root = Rlp.decode(encoded);
    } else {
      type = first < 0x80 ? TransactionType.ofCode(first) : null;
      if (type == null || type == TransactionType.LEGACY) {
        throw new RlpException(String.format("receipt starts with 0x%02x: not a known receipt type", first));
      }
      if (encoded.length == 1) {
        throw new RlpException("typed receipt has an empty payload");
      }
      root = Rlp.decode(encoded, 1, encoded.length - 1);
    }
    if (!root.isList()) {
      throw new RlpException("receipt payload must be an RLP list");
    }
    List<RlpItem> fields = root.items(4, "receipt");
    if (!fields.get(0).isList() && fields.get(0).stringLength() == Hash.LENGTH) {
      throw new RlpException("receipt carries a pre-Byzantium state root instead of a status");
    }
    long status = fields.get(0).asLong();
    if (status > 1) {
      throw new RlpException("receipt status must be 0 or 1, found " + status);
    }
    long cumulativeGasUsed = fields.get(1).asLong();
    byte[] bloom = fields.get(2).bytes();
    if (bloom.length != Bloom.BYTES) {
      throw new RlpException("logsBloom must be " + Bloom.BYTES + " bytes, found " + bloom.length);
    }
    RlpItem logItems = fields.get(3);
    if (!logItems.isList()) {
      throw new RlpException("receipt logs must be a list");
    }
    List<Log> logs = new ArrayList<>(logItems.items().size());
    for (RlpItem item : logItems.items()) {
      try {
        logs.add(Log.fromRlp(item));
      } catch (RlpException e) {
        throw new RlpException("logs[" + logs.size() + "]: " + e.getMessage());
      }
    }
    Receipt receipt = new Receipt(type, status == 1, cumulativeGasUsed, logs);
    if (!Arrays.equals(bloom, receipt.logsBloom.unsafeArray())) {
      throw new RlpException("logsBloom does not match the receipt's logs");
    }
    return receipt;
  }

  /** The receipts root of a block's receipts, in transaction order. */
  public static Hash root(List<Receipt> receipts) {
    List<byte[]> encodings = new ArrayList<>(receipts.size());
    for (Receipt receipt : receipts) {
      encodings.add(receipt.encode());
    }
    return OrderedTrieRoot.compute(encodings);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Receipt other
        && type == other.type
        && success == other.success
        && cumulativeGasUsed == other.cumulativeGasUsed
        && logs.equals(other.logs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, success, cumulativeGasUsed, logs);
  }

  @Override
  public String toString() {
    return "Receipt[" + type + " status=" + status() + " cumulativeGasUsed=" + cumulativeGasUsed + " logs="
        + logs.size() + "]";
  }
}
