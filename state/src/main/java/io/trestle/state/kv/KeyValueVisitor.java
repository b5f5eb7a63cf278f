package io.trestle.state.kv;

/**
 * Receives entries of an ordered scan. The arrays are the visitor's to keep; it returns {@code false} to stop
 * the scan early.
 */
@FunctionalInterface
public interface KeyValueVisitor {
  boolean visit(byte[] key, byte[] value);
}
