package io.trestle.state.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of puts and deletes over several columns, applied atomically by
 * {@link KeyValueStore#write(WriteBatch, boolean)}. A plain Java value: building one needs no open store and no
 * native resource, so a batch can be filled by the trie, the world state and the block store and written once.
 * Arrays handed in are owned by the batch afterwards; callers must not change them.
 * Not thread-safe.
 */
public final class WriteBatch {
  /** One operation; {@code value == null} is a delete. */
  public record Operation(Column column, byte[] key, byte[] value) {
    public boolean isDelete() {
      return value == null;
    }
  }

  private final List<Operation> operations = new ArrayList<>();
  private long byteSize;

  public WriteBatch put(Column column, byte[] key, byte[] value) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    operations.add(new Operation(column, key, value));
    byteSize += key.length + value.length;
    return this;
  }

  public WriteBatch delete(Column column, byte[] key) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(key, "key");
    operations.add(new Operation(column, key, null));
    byteSize += key.length;
    return this;
  }

  /** Appends all operations of {@code other}, after this batch's own. */
  public WriteBatch putAll(WriteBatch other) {
    operations.addAll(other.operations);
    byteSize += other.byteSize;
    return this;
  }

  public int size() {
    return operations.size();
  }

  public boolean isEmpty() {
    return operations.isEmpty();
  }

  /** Keys plus values, a measure for sizing batches and metrics. */
  public long byteSize() {
    return byteSize;
  }

  /** The operations in the order they were added. */
  public List<Operation> operations() {
    return Collections.unmodifiableList(operations);
  }

  public void clear() {
    operations.clear();
    byteSize = 0;
  }
}
