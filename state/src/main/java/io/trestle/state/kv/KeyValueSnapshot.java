package io.trestle.state.kv;

/**
 * A read-only view of the store as it was when the snapshot was taken: later writes are invisible to it, so a
 * multi-read answer (an RPC call reading a header, then a body, then receipts) is consistent. Close it promptly;
 * an open RocksDB snapshot pins old data.
 */
public interface KeyValueSnapshot extends KeyValueReader, AutoCloseable {
  @Override
  void close();
}
