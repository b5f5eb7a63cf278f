package io.trestle.state.trie;

import io.trestle.core.Hash;

/**
 * A trie node that a stored root refers to is not in the store (or does not decode). Nodes are never pruned, so
 * this means a corrupt database or a root that was never committed: a broken invariant, hence unchecked.
 */
public final class MissingNodeException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public MissingNodeException(Hash hash, String detail) {
    super("trie node " + hash + " " + detail);
  }
}
