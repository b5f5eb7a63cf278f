package io.trestle.state.kv;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory store for unit tests and simulations. A batch is applied under a write lock, so a reader (which
 * takes the read lock) sees it whole or not at all; the wait is as long as copying the batch into maps. A snapshot
 * copies every column, which is fine for the sizes tests use and wrong for anything large.
 */
public final class MemoryKeyValueStore implements KeyValueStore {
  private final Map<Column, ConcurrentSkipListMap<byte[], byte[]>> columns = new EnumMap<>(Column.class);
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  public MemoryKeyValueStore() {
    for (Column column : Column.values()) {
      columns.put(column, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
    }
  }

  @Override
  public byte[] get(Column column, byte[] key) {
    lock.readLock().lock();
    try {
      ensureOpen();
      byte[] value = columns.get(column).get(key);
      return value == null ? null : value.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scan(Column column, byte[] fromInclusive, byte[] toExclusive, KeyValueVisitor visitor) {
    // Copy under the lock, visit outside it: a slow visitor must not hold writers up.
    NavigableMap<byte[], byte[]> copy;
    lock.readLock().lock();
    try {
      ensureOpen();
      copy = new ConcurrentSkipListMap<>(range(columns.get(column), fromInclusive, toExclusive));
    } finally {
      lock.readLock().unlock();
    }
    visitAll(copy, visitor);
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      for (WriteBatch.Operation op : batch.operations()) {
        ConcurrentSkipListMap<byte[], byte[]> map = columns.get(op.column());
        if (op.isDelete()) {
          map.remove(op.key());
        } else {
          map.put(op.key().clone(), op.value().clone());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public KeyValueSnapshot snapshot() {
    Map<Column, NavigableMap<byte[], byte[]>> copy = new EnumMap<>(Column.class);
    lock.readLock().lock();
    try {
      ensureOpen();
      columns.forEach((column, map) -> copy.put(column, map.clone()));
    } finally {
      lock.readLock().unlock();
    }
    return new Snapshot(copy);
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      columns.values().forEach(Map::clear);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("memory key-value store is closed");
    }
  }

  private static NavigableMap<byte[], byte[]> range(
      NavigableMap<byte[], byte[]> map, byte[] fromInclusive, byte[] toExclusive) {
    if (fromInclusive != null && toExclusive != null) {
      if (Arrays.compareUnsigned(fromInclusive, toExclusive) >= 0) {
        return new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
      }
      return map.subMap(fromInclusive, true, toExclusive, false);
    }
    if (fromInclusive != null) {
      return map.tailMap(fromInclusive, true);
    }
    if (toExclusive != null) {
      return map.headMap(toExclusive, false);
    }
    return map;
  }

  private static void visitAll(NavigableMap<byte[], byte[]> entries, KeyValueVisitor visitor) {
    for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
      if (!visitor.visit(e.getKey().clone(), e.getValue().clone())) {
        return;
      }
    }
  }

  private static final class Snapshot implements KeyValueSnapshot {
    private final Map<Column, NavigableMap<byte[], byte[]>> columns;
    private volatile boolean closed;

    Snapshot(Map<Column, NavigableMap<byte[], byte[]>> columns) {
      this.columns = columns;
    }

    @Override
    public byte[] get(Column column, byte[] key) {
      ensureOpen();
      byte[] value = columns.get(column).get(key);
      return value == null ? null : value.clone();
    }

    @Override
    public void scan(Column column, byte[] fromInclusive, byte[] toExclusive, KeyValueVisitor visitor) {
      ensureOpen();
      visitAll(range(columns.get(column), fromInclusive, toExclusive), visitor);
    }

    @Override
    public void close() {
      closed = true;
    }

    private void ensureOpen() {
      if (closed) {
        throw new IllegalStateException("snapshot is closed");
      }
    }
  }
}
