package io.trestle.state.kv;

/**
 * An ordered key-value store with one key space per {@link Column} and atomic multi-column batches.
 * Implementations are thread-safe, and readers see a batch entirely or not at all. Operations on a closed store throw
 * {@link IllegalStateException}. Failures of the storage medium are {@link StorageException}s: the node cannot
 * go on safely after one.
 */
public interface KeyValueStore extends KeyValueReader, AutoCloseable {
  /** A new empty batch; batches are plain values and may be written to any store. */
  default WriteBatch newBatch() {
    return new WriteBatch();
  }

  /**
   * Applies every operation of {@code batch} atomically across columns, in the order they were added: readers see
   * all of them or none. With {@code sync}, the batch is on stable storage (fsync) before this returns, so a crash
   * after the call loses none of it.
   */
  void write(WriteBatch batch, boolean sync);

  /** A consistent read-only view of the current contents. */
  KeyValueSnapshot snapshot();

  @Override
  void close();
}
