package io.trestle.state.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteOptions;

/**
 * The production store: one RocksDB database, one column family per {@link Column}.
 *
 * <p>Reads and writes run concurrently (RocksDB's own MVCC); a lifecycle lock, taken shared by every operation and
 * exclusively by {@link #close()}, exists only so that no call can reach a freed native handle, which would crash
 * the JVM rather than throw.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final RocksDB db;
  private final Map<Column, ColumnFamilyHandle> handles;
  private final List<ColumnFamilyHandle> allHandles;
  private final List<AutoCloseable> resources;
  private final WriteOptions syncWrite;
  private final WriteOptions asyncWrite;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Set<RocksSnapshot> openSnapshots = ConcurrentHashMap.newKeySet();
  private boolean closed;

  private RocksDbKeyValueStore(
      Path directory,
      RocksDB db,
      Map<Column, ColumnFamilyHandle> handles,
      List<ColumnFamilyHandle> allHandles,
      List<AutoCloseable> resources) {
    this.directory = directory;
    this.db = db;
    this.handles = handles;
    this.allHandles = allHandles;
    this.resources = resources;
    this.syncWrite = new WriteOptions().setSync(true);
    this.asyncWrite = new WriteOptions().setSync(false);
  }

  public static RocksDbKeyValueStore open(Path directory) throws IOException {
    return open(directory, RocksDbConfig.DEFAULT);
  }

  /**
   * Opens (creating if needed) the database in {@code directory}, adding any missing column family. Column families
   * that this version does not know are opened and left alone, so an older binary can still read a newer database.
   *
   * @throws StoreLockedException when another process or open store holds the directory
   * @throws IOException when the directory cannot be created or the database cannot be opened
   */
  public static RocksDbKeyValueStore open(Path directory, RocksDbConfig config) throws IOException {
    Files.createDirectories(directory);
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      LRUCache cache = track(resources, new LRUCache(config.blockCacheBytes()));
      BloomFilter bloom = track(resources, new BloomFilter(config.bloomBitsPerKey(), false));
      BlockBasedTableConfig table = new BlockBasedTableConfig()
          .setBlockCache(cache)
          .setFilterPolicy(bloom)
          .setCacheIndexAndFilterBlocks(true)
          .setPinL0FilterAndIndexBlocksInCache(true)
          // Point lookups of ~100-byte trie nodes dominate: small blocks mean less read and decompressed per hit.
          .setBlockSize(4 * 1024);
      ColumnFamilyOptions cfOptions = track(resources, new ColumnFamilyOptions()
          .setTableFormatConfig(table)
          .setWriteBufferSize(config.writeBufferBytes())
          .setCompressionType(CompressionType.LZ4_COMPRESSION)
          .setLevelCompactionDynamicLevelBytes(true));
      DBOptions dbOptions = track(resources, new DBOptions()
          .setCreateIfMissing(true)
          .setCreateMissingColumnFamilies(true)
          .setMaxOpenFiles(config.maxOpenFiles())
          .setMaxBackgroundJobs(2)
          .setBytesPerSync(1 << 20));

      List<byte[]> names = new ArrayList<>();
      names.add(RocksDB.DEFAULT_COLUMN_FAMILY);
      for (Column column : Column.values()) {
        names.add(column.familyNameBytes());
      }
      for (byte[] existing : existingFamilies(directory)) {
        if (names.stream().noneMatch(n -> Arrays.equals(n, existing))) {
          names.add(existing);
        }
      }
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (byte[] name : names) {
        descriptors.add(new ColumnFamilyDescriptor(name, cfOptions));
      }
      List<ColumnFamilyHandle> allHandles = new ArrayList<>();
      RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, allHandles);
      Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);
      Column[] columns = Column.values();
      for (int i = 0; i < columns.length; i++) {
        handles.put(columns[i], allHandles.get(i + 1));
      }
      return new RocksDbKeyValueStore(directory, db, handles, allHandles, resources);
    } catch (RocksDBException e) {
      closeAll(resources);
      if (isLockError(e)) {
        throw new StoreLockedException(directory, e);
      }
      throw new IOException("cannot open database " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private static List<byte[]> existingFamilies(Path directory) throws RocksDBException {
    if (!Files.exists(directory.resolve("CURRENT"))) {
      return List.of();
    }
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, directory.toString());
    }
  }

  private static boolean isLockError(RocksDBException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("LOCK") || message.contains("lock hold");
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
    resources.add(resource);
    return resource;
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Closing native option objects cannot fail in a way anyone could act on.
      }
    }
  }

  public Path directory() {
    return directory;
  }

  @Override
  public byte[] get(Column column, byte[] key) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return db.get(handles.get(column), key);
    } catch (RocksDBException e) {
      throw new StorageException("read of " + column.familyName() + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public boolean contains(Column column, byte[] key) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      ColumnFamilyHandle handle = handles.get(column);
      // keyMayExist answers "no" from the bloom filter and memtable without reading a data block.
      if (!db.keyMayExist(handle, key, null)) {
        return false;
      }
      return db.get(handle, key) != null;
    } catch (RocksDBException e) {
      throw new StorageException("read of " + column.familyName() + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void scan(Column column, byte[] fromInclusive, byte[] toExclusive, KeyValueVisitor visitor) {
    lifecycle.readLock().lock();
    try (ReadOptions options = new ReadOptions()) {
      ensureOpen();
      scanWith(options, column, fromInclusive, toExclusive, visitor);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private void scanWith(
      ReadOptions options, Column column, byte[] fromInclusive, byte[] toExclusive, KeyValueVisitor visitor) {
    try (RocksIterator it = db.newIterator(handles.get(column), options)) {
      if (fromInclusive == null) {
        it.seekToFirst();
      } else {
        it.seek(fromInclusive);
      }
      for (; it.isValid(); it.next()) {
        byte[] key = it.key();
        if (toExclusive != null && Arrays.compareUnsigned(key, toExclusive) >= 0) {
          break;
        }
        if (!visitor.visit(key, it.value())) {
          break;
        }
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("scan of " + column.familyName() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    lifecycle.readLock().lock();
    try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
      ensureOpen();
      for (WriteBatch.Operation op : batch.operations()) {
        ColumnFamilyHandle handle = handles.get(op.column());
        if (op.isDelete()) {
          rocksBatch.delete(handle, op.key());
        } else {
          rocksBatch.put(handle, op.key(), op.value());
        }
      }
      db.write(sync ? syncWrite : asyncWrite, rocksBatch);
    } catch (RocksDBException e) {
      throw new StorageException("write of " + batch.size() + " operations failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * An integer RocksDB property summed over all column families (e.g. {@code rocksdb.total-sst-files-size},
   * {@code rocksdb.num-running-compactions}), for metrics; -1 when unknown or the store is closed.
   */
  public long aggregatedProperty(String name) {
    lifecycle.readLock().lock();
    try {
      return closed ? -1 : db.getAggregatedLongProperty(name);
    } catch (RocksDBException e) {
      return -1;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public KeyValueSnapshot snapshot() {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      RocksSnapshot snapshot = new RocksSnapshot(db.getSnapshot());
      openSnapshots.add(snapshot);
      return snapshot;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (RocksSnapshot snapshot : List.copyOf(openSnapshots)) {
        snapshot.release();
      }
      try {
        db.flushWal(true);
      } catch (RocksDBException e) {
        throw new StorageException("flushing the write-ahead log of " + directory + " failed: " + e.getMessage(), e);
      } finally {
        syncWrite.close();
        asyncWrite.close();
        allHandles.forEach(ColumnFamilyHandle::close);
        db.close();
        closeAll(resources);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("database " + directory + " is closed");
    }
  }

  /**
   * Reads through a RocksDB snapshot; released on close or when the store closes, whichever comes first. Its own
   * lock keeps a read on one thread from racing a close on another into freed native memory.
   */
  private final class RocksSnapshot implements KeyValueSnapshot {
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private final ReadWriteLock guard = new ReentrantReadWriteLock();
    private boolean released;

    RocksSnapshot(Snapshot snapshot) {
      this.snapshot = snapshot;
      this.readOptions = new ReadOptions().setSnapshot(snapshot);
    }

    @Override
    public byte[] get(Column column, byte[] key) {
      lifecycle.readLock().lock();
      guard.readLock().lock();
      try {
        ensureUsable();
        return db.get(handles.get(column), readOptions, key);
      } catch (RocksDBException e) {
        throw new StorageException("snapshot read of " + column.familyName() + " failed: " + e.getMessage(), e);
      } finally {
        guard.readLock().unlock();
        lifecycle.readLock().unlock();
      }
    }

    @Override
    public void scan(Column column, byte[] fromInclusive, byte[] toExclusive, KeyValueVisitor visitor) {
      lifecycle.readLock().lock();
      guard.readLock().lock();
      try {
        ensureUsable();
        scanWith(readOptions, column, fromInclusive, toExclusive, visitor);
      } finally {
        guard.readLock().unlock();
        lifecycle.readLock().unlock();
      }
    }

    @Override
    public void close() {
      lifecycle.readLock().lock();
      try {
        if (!closed) {
          release();
        }
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    /** Called with the lifecycle lock held, shared or exclusive, so the database is still open. */
    private void release() {
      guard.writeLock().lock();
      try {
        if (released) {
          return;
        }
        released = true;
        openSnapshots.remove(this);
        readOptions.close();
        db.releaseSnapshot(snapshot);
      } finally {
        guard.writeLock().unlock();
      }
    }

    private void ensureUsable() {
      ensureOpen();
      if (released) {
        throw new IllegalStateException("snapshot of " + directory + " is closed");
      }
    }
  }
}
