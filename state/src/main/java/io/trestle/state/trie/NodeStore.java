package io.trestle.state.trie;

import io.trestle.core.Hash;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.KeyValueReader;

/** Where a trie loads nodes it holds only by hash. Nodes are content-addressed, so any copy is as good as another. */
@FunctionalInterface
public interface NodeStore {
  /** The RLP encoding of the node whose keccak-256 is {@code hash}, or {@code null} when absent. */
  byte[] load(Hash hash);

  /** A store with no nodes: for tries built from scratch and never reloaded. */
  NodeStore EMPTY = hash -> null;

  /** Reads nodes from the {@link Column#TRIE_NODES} column. */
  static NodeStore of(KeyValueReader reader) {
    return hash -> reader.get(Column.TRIE_NODES, hash.unsafeArray());
  }
}
