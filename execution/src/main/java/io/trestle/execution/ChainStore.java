package io.trestle.execution;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.block.Header;
import io.trestle.core.block.Receipt;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.KeyValueReader;
import io.trestle.state.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk layout of the chain (ADR 0003). Writes go into a caller's {@link WriteBatch} so that a block, its
 * certificate, receipts, indexes, state and the new head land in one atomic write; reads are safe from any
 * thread. Stored data failing to decode means a corrupt database: that is an {@link IllegalStateException}.
 */
public final class ChainStore {
  private static final byte[] HEAD_KEY = "head".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GENESIS_KEY = "genesis-fingerprint".getBytes(StandardCharsets.US_ASCII);
  private static final byte PREFIX_NUMBER = 'n';
  private static final byte PREFIX_HASH = 'h';

  private final KeyValueReader store;
  private final CryptoSuite suite;

  public ChainStore(KeyValueReader store, CryptoSuite suite) {
    this.store = store;
    this.suite = suite;
  }

  static byte[] numberKey(long number) {
    return ByteBuffer.allocate(8).putLong(number).array();
  }

  private static byte[] headerKey(long number) {
    return ByteBuffer.allocate(9).put(PREFIX_NUMBER).putLong(number).array();
  }

  private static byte[] hashKey(Hash hash) {
    return ByteBuffer.allocate(33).put(PREFIX_HASH).put(hash.unsafeArray()).array();
  }

  // ---- writes (into the caller's batch) ----

  public void putBlock(WriteBatch batch, Block block, Hash blockHash) {
    long n = block.header().number();
    batch.put(Column.HEADERS, headerKey(n), block.header().encode());
    batch.put(Column.HEADERS, hashKey(blockHash), numberKey(n));
    List<byte[]> txs = new ArrayList<>(block.transactions().size());
    for (Transaction tx : block.transactions()) {
      txs.add(Rlp.encodeBytes(tx.encode()));
    }
    batch.put(Column.BODIES, numberKey(n), Rlp.encodeList(txs));
  }

  public void putCertificate(WriteBatch batch, long number, byte[] certificate) {
    batch.put(Column.CERTIFICATES, numberKey(number), certificate);
  }

  public void putResults(WriteBatch batch, long number, BlockResults results) {
    batch.put(Column.BLOCK_RESULTS, numberKey(number), results.encode());
  }

  /**
   * Receipts with what RPC needs beside them, and the tx-hash index. {@code bodyIndexes[i]} is the position in
   * the block body of the i-th executed transaction (skipped transactions have no receipt).
   */
  public void putExecuted(WriteBatch batch, long number, List<ExecutedTransaction> executed, int[] bodyIndexes) {
    List<byte[]> items = new ArrayList<>(executed.size());
    for (int i = 0; i < executed.size(); i++) {
      ExecutedTransaction e = executed.get(i);
      items.add(Rlp.list()
          .addBytes(e.receipt().encode())
          .addBytes(e.sender().unsafeArray())
          .addBytes(e.contractAddress() == null ? new byte[0] : e.contractAddress().unsafeArray())
          .addBigInteger(e.effectiveGasPrice())
          .addLong(e.gasUsed())
          .addLong(bodyIndexes[i])
          .build());
      batch.put(Column.TX_INDEX, e.hash().unsafeArray(),
          Rlp.list().addLong(number).addLong(e.index()).build());
    }
    batch.put(Column.RECEIPTS, numberKey(number), Rlp.encodeList(items));
  }

  public void putHead(WriteBatch batch, long number) {
    batch.put(Column.METADATA, HEAD_KEY, numberKey(number));
  }

  public void putGenesisFingerprint(WriteBatch batch, Hash fingerprint) {
    batch.put(Column.METADATA, GENESIS_KEY, fingerprint.toArray());
  }

  // ---- reads ----

  /** The number of the last committed and executed block, or -1 for an empty database. */
  public long headNumber() {
    byte[] v = store.get(Column.METADATA, HEAD_KEY);
    return v == null ? -1 : ByteBuffer.wrap(v).getLong();
  }

  public Hash genesisFingerprint() {
    byte[] v = store.get(Column.METADATA, GENESIS_KEY);
    return v == null ? null : Hash.wrap(v);
  }

  public Header header(long number) {
    byte[] v = store.get(Column.HEADERS, headerKey(number));
    if (v == null) {
      return null;
    }
    try {
      return Header.decode(v);
    } catch (RlpException e) {
      throw corrupt("header " + number, e);
    }
  }

  /** The number of the block with this hash, or -1. */
  public long numberOf(Hash blockHash) {
    byte[] v = store.get(Column.HEADERS, hashKey(blockHash));
    return v == null ? -1 : ByteBuffer.wrap(v).getLong();
  }

  public List<Transaction> body(long number) {
    byte[] v = store.get(Column.BODIES, numberKey(number));
    if (v == null) {
      return null;
    }
    try {
      List<Transaction> txs = new ArrayList<>();
      for (RlpItem item : Rlp.decode(v).items()) {
        txs.add(Transaction.decode(item.bytes(), suite, Integer.MAX_VALUE));
      }
      return txs;
    } catch (RlpException e) {
      throw corrupt("body " + number, e);
    }
  }

  public Block block(long number) {
    Header h = header(number);
    if (h == null) {
      return null;
    }
    return new Block(h, body(number));
  }

  public byte[] certificate(long number) {
    return store.get(Column.CERTIFICATES, numberKey(number));
  }

  public BlockResults results(long number) {
    byte[] v = store.get(Column.BLOCK_RESULTS, numberKey(number));
    if (v == null) {
      return null;
    }
    try {
      return BlockResults.decode(v);
    } catch (RlpException e) {
      throw corrupt("results " + number, e);
    }
  }

  /** The executed transactions of a block, in order, or null when the block is unknown. */
  public List<ExecutedTransaction> executed(long number, Hash blockHash) {
    return executed(number, blockHash, null);
  }

  /**
   * As {@link #executed(long, Hash)}, with the block's body when the caller has already loaded it (a block view
   * then decodes the transactions once, not twice); null to load it here.
   */
  public List<ExecutedTransaction> executed(long number, Hash blockHash, List<Transaction> loadedBody) {
    byte[] v = store.get(Column.RECEIPTS, numberKey(number));
    if (v == null) {
      return null;
    }
    List<Transaction> body = loadedBody != null ? loadedBody : body(number);
    if (body == null) {
      throw corrupt("body " + number, new RlpException("receipts exist but the body is missing"));
    }
    try {
      List<RlpItem> items = Rlp.decode(v).items();
      List<ExecutedTransaction> out = new ArrayList<>(items.size());
      int logIndex = 0;
      for (int i = 0; i < items.size(); i++) {
        List<RlpItem> f = items.get(i).items(6, "stored receipt");
        Receipt receipt = Receipt.decode(f.get(0).bytes());
        byte[] created = f.get(2).bytes();
        int bodyIndex = (int) f.get(5).asLong();
        if (bodyIndex >= body.size()) {
          throw new RlpException("receipt points past the body: " + bodyIndex);
        }
        out.add(new ExecutedTransaction(body.get(bodyIndex), f.get(1).asAddress(), receipt, f.get(4).asLong(),
            created.length == 0 ? null : Address.wrap(created), f.get(3).asUInt256(), number, blockHash, i, logIndex));
        logIndex += receipt.logs().size();
      }
      return out;
    } catch (RlpException e) {
      throw corrupt("receipts " + number, e);
    }
  }

  /** Where an executed transaction is: block number and index among executed transactions. */
  public record Location(long number, int index) {}

  public Location location(Hash txHash) {
    byte[] v = store.get(Column.TX_INDEX, txHash.unsafeArray());
    if (v == null) {
      return null;
    }
    try {
      List<RlpItem> f = Rlp.decode(v).items(2, "tx index");
      return new Location(f.get(0).asLong(), (int) f.get(1).asLong());
    } catch (RlpException e) {
      throw corrupt("tx index", e);
    }
  }

  private static IllegalStateException corrupt(String what, Exception e) {
    return new IllegalStateException("database corrupt: cannot decode " + what + ": " + e.getMessage(), e);
  }
}
