package io.trestle.state.kv;

/**
 * Read access to a key-value store or to a consistent snapshot of one. Keys within a column are ordered unsigned
 * lexicographically (a proper prefix sorts before its extensions). Returned arrays are copies the caller owns.
 */
public interface KeyValueReader {
  /** The value stored under {@code key}, or {@code null} when absent. An empty array is a present, empty value. */
  byte[] get(Column column, byte[] key);

  default boolean contains(Column column, byte[] key) {
    return get(column, key) != null;
  }

  /**
   * Visits the entries with {@code fromInclusive <= key < toExclusive} in ascending order until the visitor
   * returns {@code false}. A {@code null} bound is open.
   */
  void scan(Column column, byte[] fromInclusive, byte[] toExclusive, KeyValueVisitor visitor);

  /** Visits the entries whose key starts with {@code prefix}, in ascending order. */
  default void scanPrefix(Column column, byte[] prefix, KeyValueVisitor visitor) {
    scan(column, prefix, KeyRanges.prefixEnd(prefix), visitor);
  }
}
