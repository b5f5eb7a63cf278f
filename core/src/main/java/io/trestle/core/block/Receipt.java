package io.trestle.core.block;

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

  /** The consensus encoding: the value stored under rlp(index) in the receipts trie. */
  public byte[] encode() {
    Rlp.ListBuilder list = Rlp.list()
        .addLong(status())
        .addLong(cumulativeGasUsed)
        .addBytes(logsBloom.unsafeArray());
    Rlp.ListBuilder logList = Rlp.list();
    for (Log log : logs) {
      logList.addEncoded(log.encode());
    }
    byte[] rlp = list.addEncoded(logList.build()).build();
    if (type == TransactionType.LEGACY) {
      return rlp;
    }
    byte[] out = new byte[rlp.length + 1];
    out[0] = (byte) type.code();
    System.arraycopy(rlp, 0, out, 1, rlp.length);
    return out;
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
