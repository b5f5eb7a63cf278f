package io.trestle.core.block;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.core.trie.OrderedTrieRoot;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A header and its transactions. Encoded as rlp([header, body]); the body is the list of transactions as Ethereum
 * block bodies carry them: a legacy transaction as its RLP list, a typed one as an RLP string holding its
 * envelope. The commit certificate is not part of a block: the consensus module stores it beside the block.
 * Decoding checks form only; whether the body matches the header is {@link #hasMatchingTransactionsRoot()}.
 */
public record Block(Header header, List<Transaction> transactions) {
  /** Largest encoding {@link #decode(byte[], CryptoSuite)} accepts. */
  public static final int DEFAULT_SIZE_MAX_BYTES = 16 * 1024 * 1024;

  public Block {
    Objects.requireNonNull(header, "header");
    transactions = List.copyOf(transactions);
  }

  /** The header's hash under the chain's suite. */
  public Hash hash(CryptoSuite suite) {
    return header.hash(suite);
  }

  public byte[] encode() {
    return Rlp.encodeList(header.encode(), encodeBody(transactions));
  }

  /** Whether the header's transactions root is the root of this block's transactions. */
  public boolean hasMatchingTransactionsRoot() {
    return header.transactionsRoot().equals(transactionsRoot(transactions));
  }

  /** The ordered-trie root of transactions' network encodings, as the header's transactionsRoot. */
  public static Hash transactionsRoot(List<Transaction> transactions) {
    List<byte[]> encodings = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      encodings.add(tx.encoding().unsafeArray());
    }
    return OrderedTrieRoot.compute(encodings);
  }

  /** The body alone, for stores that keep headers and bodies apart. */
  public static byte[] encodeBody(List<Transaction> transactions) {
    Rlp.ListBuilder list = Rlp.list();
    for (Transaction tx : transactions) {
      byte[] encoding = tx.encoding().unsafeArray();
      list.addEncoded(tx.type() == TransactionType.LEGACY ? encoding : Rlp.encodeBytes(encoding));
    }
    return list.build();
  }

  public static Block decode(byte[] encoded, CryptoSuite suite) throws RlpException {
    return decode(encoded, suite, DEFAULT_SIZE_MAX_BYTES);
  }

  /** Decodes a block strictly; each transaction is decoded with {@code suite} and the default transaction limit. */
  public static Block decode(byte[] encoded, CryptoSuite suite, int sizeMaxBytes) throws RlpException {
    if (encoded.length > sizeMaxBytes) {
      throw new RlpException("block of " + encoded.length + " bytes exceeds the limit of " + sizeMaxBytes);
    }
    RlpItem root = Rlp.decode(encoded);
    if (!root.isList()) {
      throw new RlpException("block must be an RLP list [header, transactions]");
    }
    List<RlpItem> parts = root.items(2, "block");
    return new Block(Header.fromRlp(parts.get(0)), bodyFromRlp(parts.get(1), suite));
  }

  public static List<Transaction> decodeBody(byte[] encoded, CryptoSuite suite) throws RlpException {
    return bodyFromRlp(Rlp.decode(encoded), suite);
  }

  private static List<Transaction> bodyFromRlp(RlpItem body, CryptoSuite suite) throws RlpException {
    if (!body.isList()) {
      throw new RlpException("block body must be a list of transactions");
    }
    List<Transaction> out = new ArrayList<>(body.items().size());
    for (RlpItem item : body.items()) {
      byte[] encoding;
      if (item.isList()) {
        encoding = item.encoded();
      } else {
        encoding = item.bytes();
        if (encoding.length > 0 && (encoding[0] & 0xff) >= 0xc0) {
          throw new RlpException("transaction " + out.size() + ": a legacy transaction must not be wrapped in a string");
        }
      }
      try {
        out.add(Transaction.decode(encoding, suite));
      } catch (RlpException e) {
        throw new RlpException("transaction " + out.size() + ": " + e.getMessage());
      }
    }
    return out;
  }
}
