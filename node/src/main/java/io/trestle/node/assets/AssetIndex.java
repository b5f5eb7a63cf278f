package io.trestle.node.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Log;
import io.trestle.crypto.Hex;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.services.assets.AssetEvents;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.KeyRanges;
import io.trestle.state.kv.KeyValueStore;
import io.trestle.state.kv.WriteBatch;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-side index of asset events (ADR 0299): built from the receipts of committed blocks on its own thread,
 * one unsynced write batch per block that also records the indexed height, so after a crash it resumes where its
 * last batch ended. Derived data: deleting it only costs a re-index. Queries are safe from any thread.
 */
public final class AssetIndex implements Chain.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AssetIndex.class);
  /** Blocks indexed per write batch while catching up. */
  static final int CATCH_UP_BLOCKS_PER_BATCH = 64;
  /** Most entries one page of a query returns. */
  public static final int PAGE_MAX = 1000;

  /** One NFT holding of an owner. */
  public record Owned(Address asset, long id, BigInteger amount) {}

  /** One ownership move of an NFT (mint from zero, burn to zero). */
  public record Move(long block, int txIndex, int logIndex, Hash tx, Address from, Address to, BigInteger amount) {}

  /** What the mint of a work recorded: fingerprints, where it happened and under which rights. */
  public record Work(Bytes fingerprint, Bytes perceptualHash, long block, int txIndex, int logIndex, Hash tx,
      long rightsId, Address creator) {}

  /** One regulator action, as its event recorded it. */
  public record SupervisionAction(long block, int txIndex, int logIndex, Hash tx, String action, String scope,
      Address target, long id, Address regulator, String reason) {}

  /** A page of results and the cursor of the next one (null on the last page). */
  public record Page<T>(List<T> items, String next) {}

  private final Chain chain;
  private final KeyValueStore kv;
  private final Object wake = new Object();
  private final Thread thread;
  private volatile boolean closed;
  private volatile long height;
  /** Executed transactions of committed blocks the index has not reached yet, as the chain handed them over. */
  private final java.util.concurrent.ConcurrentHashMap<Long, List<ExecutedTransaction>> recent =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Past this many waiting blocks the index reads the store instead, so a slow index holds no more memory. */
  static final int RECENT_BLOCKS_MAX = 16;

  public AssetIndex(Chain chain, KeyValueStore kv) {
    this.chain = chain;
    this.kv = kv;
    byte[] h = kv.get(Column.INDEXES, IndexKeys.key(IndexKeys.HEIGHT).build());
    // the genesis block has no transactions, so there is nothing to index before block 1
    this.height = h == null ? 0 : ByteBuffer.wrap(h).getLong();
    this.thread = new Thread(this::run, "asset-index");
    this.thread.setDaemon(true);
  }

  public void start() {
    chain.addListener(this);
    thread.start();
  }

  /** The last block whose asset events are queryable. */
  public long height() {
    return height;
  }

  @Override
  public void onCommitted(Chain.CommittedBlock block) {
    // the receipts are in memory now; reading them back from the store would decode them and recompute every
    // log's bloom bits, which costs as much CPU as the index itself when blocks carry thousands of mints
    long number = block.block().header().number();
    if (number > height && recent.size() < RECENT_BLOCKS_MAX) {
      recent.put(number, block.executed());
    }
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** Waits until the index has reached {@code number} (tests, and queries that must see a given block). */
  public boolean awaitHeight(long number, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (wake) {
      while (height < number && !closed) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        wake.wait(Math.min(left, 50));
      }
    }
    return height >= number;
  }

  private void run() {
    while (!closed) {
      try {
        long head = chain.head().number();
        if (height < head) {
          indexUpTo(Math.min(head, height + CATCH_UP_BLOCKS_PER_BATCH));
          synchronized (wake) {
            wake.notifyAll();
          }
          continue;
        }
        synchronized (wake) {
          if (chain.head().number() <= height && !closed) {
            wake.wait(1000);
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.error("asset index failed height={} error={}", height, e.toString(), e);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** Indexes blocks {@code height+1..last} in one batch. */
  void indexUpTo(long last) {
    Batch b = new Batch();
    for (long n = height + 1; n <= last; n++) {
      Hash hash = chain.blockHash(n);
      List<ExecutedTransaction> txs = recent.remove(n);
      if (txs == null) {
        txs = hash == null ? null : chain.store().executed(n, hash);
      }
      if (txs == null) {
        throw new IllegalStateException("block " + n + " is committed but its receipts are missing");
      }
      for (ExecutedTransaction tx : txs) {
        List<Log> logs = tx.receipt().logs();
        for (int i = 0; i < logs.size(); i++) {
          Log log = logs.get(i);
          if (!AssetEvents.isAssetEmitter(log.address())) {
            continue;
          }
          for (AssetEvents.Event e : AssetEvents.decode(log.address(), log.topics(), log.data())) {
            apply(b, e, new Where(n, tx.index(), tx.logIndexStart() + i, tx.hash()));
          }
        }
      }
    }
    b.put(IndexKeys.key(IndexKeys.HEIGHT).build(), ByteBuffer.allocate(8).putLong(last).array());
    kv.write(b.batch, false);
    height = last;
    // a block the index read from the store before its listener call must not hold a slot
    recent.keySet().removeIf(k -> k <= last);
  }

  private record Where(long block, int txIndex, int logIndex, Hash tx) {}

  /** A write batch that reads its own writes (one block may touch a key twice); null marks a delete. */
  private final class Batch {
    final WriteBatch batch = kv.newBatch();
    final Map<Bytes, byte[]> pending = new HashMap<>();

    byte[] get(byte[] key) {
      Bytes k = Bytes.wrap(key);
      return pending.containsKey(k) ? pending.get(k) : kv.get(Column.INDEXES, key);
    }

    void put(byte[] key, byte[] value) {
      pending.put(Bytes.wrap(key), value);
      batch.put(Column.INDEXES, key, value);
    }

    void delete(byte[] key) {
      pending.put(Bytes.wrap(key), null);
      batch.delete(Column.INDEXES, key);
    }
  }

  private static final byte[] EMPTY = new byte[0];

  private void apply(Batch b, AssetEvents.Event event, Where w) {
    if (event instanceof AssetEvents.RightsDefined r) {
      b.put(IndexKeys.key(IndexKeys.RIGHTS).address(r.asset()).u64(r.rightsId()).build(), r.creator().toArray());
    } else if (event instanceof AssetEvents.WorksRegistered r) {
      applyWorks(b, r, w);
    } else if (event instanceof AssetEvents.NftTransfer t) {
      if (!t.from().equals(Address.ZERO)) {
        addOwned(b, t.from(), t.asset(), t.id(), t.amount().negate());
      }
      if (!t.to().equals(Address.ZERO)) {
        addOwned(b, t.to(), t.asset(), t.id(), t.amount());
      }
      byte[] amount = t.amount().toByteArray();
      b.put(IndexKeys.key(IndexKeys.HISTORY).address(t.asset()).u64(t.id()).u64(w.block()).u32(w.logIndex()).build(),
          ByteBuffer.allocate(20 + 20 + 32 + 4 + amount.length).put(t.from().unsafeArray()).put(t.to().unsafeArray())
              .put(w.tx().unsafeArray()).putInt(w.txIndex()).put(amount).array());
    } else if (event instanceof AssetEvents.FungibleTransfer t) {
      if (!t.to().equals(Address.ZERO)) {
        b.put(IndexKeys.key(IndexKeys.HOLDINGS).address(t.to()).address(t.asset()).build(), EMPTY);
      }
    } else if (event instanceof AssetEvents.RightsTransferred r) {
      b.put(IndexKeys.key(IndexKeys.RIGHTS_HISTORY).address(r.asset()).u64(r.id()).u64(w.block()).u32(w.logIndex())
          .build(), ByteBuffer.allocate(20 + 20 + 32 + 4).put(r.from().unsafeArray()).put(r.to().unsafeArray())
          .put(w.tx().unsafeArray()).putInt(w.txIndex()).array());
    } else if (event instanceof AssetEvents.AssetCreated c) {
      b.put(IndexKeys.key(IndexKeys.BY_ISSUER).address(c.issuer()).address(c.asset()).build(),
          new byte[] {(byte) c.kind().ordinal()});
    } else if (event instanceof AssetEvents.PlatformChanged p) {
      b.put(IndexKeys.key(IndexKeys.PLATFORMS).address(p.platform()).build(), EMPTY);
    } else if (event instanceof AssetEvents.Supervised s) {
      b.put(IndexKeys.key(IndexKeys.SUPERVISION).u64(w.block()).u32(w.logIndex()).build(), encode(s, w));
    }
  }

  private static void applyWorks(Batch b, AssetEvents.WorksRegistered r, Where w) {
    byte[] creatorBytes = b.get(IndexKeys.key(IndexKeys.RIGHTS).address(r.asset()).u64(r.rightsId()).build());
    Address creator = creatorBytes == null ? Address.ZERO : Address.wrap(creatorBytes);
    for (int i = 0; i < r.fingerprints().size(); i++) {
      long id = r.firstId() + i;
      Bytes fp = r.fingerprints().get(i);
      Bytes ph = i < r.perceptualHashes().size() ? r.perceptualHashes().get(i) : Bytes.wrap(new byte[32]);
      b.put(IndexKeys.key(IndexKeys.CREATED).address(creator).address(r.asset()).u64(id).build(), EMPTY);
      b.put(IndexKeys.key(IndexKeys.FINGERPRINT).bytes(fp).address(r.asset()).u64(id).build(), EMPTY);
      if (!isZero(ph)) {
        b.put(IndexKeys.key(IndexKeys.PERCEPTUAL).bytes(ph).address(r.asset()).u64(id).build(), EMPTY);
      }
      b.put(IndexKeys.key(IndexKeys.WORK).address(r.asset()).u64(id).build(), ByteBuffer.allocate(32 + 32 + 8 + 4 + 4
          + 32 + 8 + 20).put(fp.unsafeArray()).put(ph.unsafeArray()).putLong(w.block()).putInt(w.txIndex())
          .putInt(w.logIndex()).put(w.tx().unsafeArray()).putLong(r.rightsId()).put(creator.unsafeArray()).array());
    }
  }

  private static void addOwned(Batch b, Address owner, Address asset, long id, BigInteger delta) {
    byte[] key = IndexKeys.key(IndexKeys.OWNED).address(owner).address(asset).u64(id).build();
    byte[] old = b.get(key);
    BigInteger amount = (old == null || old.length == 0 ? BigInteger.ZERO : new BigInteger(1, old)).add(delta);
    if (amount.signum() <= 0) {
      b.delete(key);
    } else {
      b.put(key, unsigned(amount));
    }
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static boolean isZero(Bytes b) {
    for (byte x : b.unsafeArray()) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] encode(AssetEvents.Supervised s, Where w) {
    byte[] reason = s.reason().getBytes(StandardCharsets.UTF_8);
    byte[] action = (s.action() + "/" + s.scope()).getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(4 + 32 + 20 + 8 + 20 + 1 + action.length + reason.length).putInt(w.txIndex())
        .put(w.tx().unsafeArray()).put(s.target().unsafeArray()).putLong(s.id()).put(s.regulator().unsafeArray())
        .put((byte) action.length).put(action).put(reason).array();
  }

  // ---- queries ----

  public Page<Owned> owned(Address owner, String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.OWNED).address(owner).build();
    return page(prefix, cursor, limit, (kv) -> {
      ByteBuffer k = ByteBuffer.wrap(kv[0], prefix.length, 28);
      byte[] asset = new byte[20];
      k.get(asset);
      return new Owned(Address.wrap(asset), k.getLong(), new BigInteger(1, kv[1]));
    });
  }

  /** Works minted with {@code creator} as their creator: (asset, id) in order. */
  public Page<Owned> created(Address creator, String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.CREATED).address(creator).build();
    return page(prefix, cursor, limit, kv -> assetAndId(kv[0], prefix.length));
  }

  /** Every work that carried {@code fingerprint} (the original, re-issues, burned ones). */
  public Page<Owned> withFingerprint(Bytes fingerprint, boolean perceptual, String cursor, int limit)
      throws BadCursorException {
    byte[] prefix = IndexKeys.key(perceptual ? IndexKeys.PERCEPTUAL : IndexKeys.FINGERPRINT).bytes(fingerprint).build();
    return page(prefix, cursor, limit, kv -> assetAndId(kv[0], prefix.length));
  }

  public Page<Move> history(Address asset, long id, String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.HISTORY).address(asset).u64(id).build();
    return page(prefix, cursor, limit, kv -> {
      ByteBuffer k = ByteBuffer.wrap(kv[0], prefix.length, 12);
      long block = k.getLong();
      int logIndex = k.getInt();
      ByteBuffer v = ByteBuffer.wrap(kv[1]);
      Address from = address(v);
      Address to = address(v);
      Hash tx = hash(v);
      int txIndex = v.getInt();
      byte[] amount = new byte[v.remaining()];
      v.get(amount);
      return new Move(block, txIndex, logIndex, tx, from, to, new BigInteger(amount));
    });
  }

  public Page<Move> rightsHistory(Address asset, long id, String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.RIGHTS_HISTORY).address(asset).u64(id).build();
    return page(prefix, cursor, limit, kv -> {
      ByteBuffer k = ByteBuffer.wrap(kv[0], prefix.length, 12);
      long block = k.getLong();
      int logIndex = k.getInt();
      ByteBuffer v = ByteBuffer.wrap(kv[1]);
      Address from = address(v);
      Address to = address(v);
      Hash tx = hash(v);
      return new Move(block, v.getInt(), logIndex, tx, from, to, BigInteger.ONE);
    });
  }

  /** The assets (collections, editions, tokens) an issuer created. */
  public Page<Address> issuedBy(Address issuer, String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.BY_ISSUER).address(issuer).build();
    return page(prefix, cursor, limit, kv -> Address.wrap(Arrays.copyOfRange(kv[0], prefix.length, prefix.length + 20)));
  }

  /** Fungible tokens an account has received (its balances are in state). */
  public Page<Address> holdings(Address holder, String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.HOLDINGS).address(holder).build();
    return page(prefix, cursor, limit, kv -> Address.wrap(Arrays.copyOfRange(kv[0], prefix.length, prefix.length + 20)));
  }

  public Page<Address> platforms(String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.PLATFORMS).build();
    return page(prefix, cursor, limit, kv -> Address.wrap(Arrays.copyOfRange(kv[0], prefix.length, prefix.length + 20)));
  }

  public Page<SupervisionAction> supervision(String cursor, int limit) throws BadCursorException {
    byte[] prefix = IndexKeys.key(IndexKeys.SUPERVISION).build();
    return page(prefix, cursor, limit, kv -> {
      ByteBuffer k = ByteBuffer.wrap(kv[0], prefix.length, 12);
      long block = k.getLong();
      int logIndex = k.getInt();
      ByteBuffer v = ByteBuffer.wrap(kv[1]);
      int txIndex = v.getInt();
      Hash tx = hash(v);
      Address target = address(v);
      long id = v.getLong();
      Address regulator = address(v);
      byte[] action = new byte[v.get()];
      v.get(action);
      byte[] reason = new byte[v.remaining()];
      v.get(reason);
      String[] as = new String(action, StandardCharsets.US_ASCII).split("/", 2);
      return new SupervisionAction(block, txIndex, logIndex, tx, as[0], as[1], target, id, regulator,
          new String(reason, StandardCharsets.UTF_8));
    });
  }

  /** The mint record of a work, or null when the index has not seen it. */
  public Work work(Address asset, long id) {
    byte[] v = kv.get(Column.INDEXES, IndexKeys.key(IndexKeys.WORK).address(asset).u64(id).build());
    if (v == null) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(v);
    byte[] fp = new byte[32];
    byte[] ph = new byte[32];
    b.get(fp).get(ph);
    long block = b.getLong();
    int txIndex = b.getInt();
    int logIndex = b.getInt();
    Hash tx = hash(b);
    long rightsId = b.getLong();
    return new Work(Bytes.wrap(fp), Bytes.wrap(ph), block, txIndex, logIndex, tx, rightsId, address(b));
  }

  private static Owned assetAndId(byte[] key, int at) {
    ByteBuffer k = ByteBuffer.wrap(key, at, 28);
    byte[] asset = new byte[20];
    k.get(asset);
    return new Owned(Address.wrap(asset), k.getLong(), BigInteger.ONE);
  }

  private static Address address(ByteBuffer b) {
    byte[] a = new byte[20];
    b.get(a);
    return Address.wrap(a);
  }

  private static Hash hash(ByteBuffer b) {
    byte[] h = new byte[32];
    b.get(h);
    return Hash.wrap(h);
  }

  /** A cursor that is not one this index handed out. */
  public static final class BadCursorException extends Exception {
    private static final long serialVersionUID = 1L;

    BadCursorException(String message) {
      super(message);
    }
  }

  /**
   * Up to {@code limit} entries under {@code prefix} after {@code cursor} (the hex key suffix of the last entry of
   * the previous page), and the cursor of the next page.
   */
  private <T> Page<T> page(byte[] prefix, String cursor, int limit, Function<byte[][], T> decode)
      throws BadCursorException {
    if (limit < 1 || limit > PAGE_MAX) {
      throw new IllegalArgumentException("limit must be within [1, " + PAGE_MAX + "], got " + limit);
    }
    byte[] from = prefix;
    if (cursor != null && !cursor.isEmpty()) {
      byte[] suffix;
      try {
        suffix = Hex.decode(cursor.startsWith("0x") ? cursor.substring(2) : cursor);
      } catch (IllegalArgumentException e) {
        throw new BadCursorException("cursor is not hex: " + cursor);
      }
      if (suffix.length == 0 || suffix.length > 64) {
        throw new BadCursorException("cursor has the wrong length: " + cursor);
      }
      from = Arrays.copyOf(prefix, prefix.length + suffix.length + 1);
      System.arraycopy(suffix, 0, from, prefix.length, suffix.length);
    }
    List<T> items = new ArrayList<>();
    byte[][] last = new byte[1][];
    boolean[] more = new boolean[1];
    kv.scan(Column.INDEXES, from, KeyRanges.prefixEnd(prefix), (key, value) -> {
      if (items.size() == limit) {
        more[0] = true;
        return false;
      }
      items.add(decode.apply(new byte[][] {key, value}));
      last[0] = key;
      return true;
    });
    String next = more[0] ? Hex.encodePrefixed(Arrays.copyOfRange(last[0], prefix.length, last[0].length)) : null;
    return new Page<>(List.copyOf(items), next);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
