package io.trestle.state.trie;

import io.trestle.core.Hash;

/**
 * An in-memory trie node. The structure of a node never changes after construction (updates copy the path from
 * the root), so a cached encoding and hash stay right and an old root stays readable. The caches and the
 * {@code persisted} mark are the only mutable state; a trie and its nodes belong to one thread.
 */
abstract sealed class Node permits Node.Leaf, Node.Extension, Node.Branch, Node.HashRef {
  /** RLP encoding, computed on first need (or known from the store). */
  byte[] encoded;
  /** keccak-256 of {@link #encoded}, computed on first need. */
  Hash hash;
  /**
   * This node and everything below it are in the store, or inlined in a stored parent. Lets commit stop at clean
   * subtrees instead of walking the whole trie.
   */
  boolean persisted;

  /** A key's end: the remaining path nibbles and the value. */
  static final class Leaf extends Node {
    final byte[] path;
    final byte[] value;

    Leaf(byte[] path, byte[] value) {
      this.path = path;
      this.value = value;
    }
  }

  /** A shared run of nibbles above a branch. */
  static final class Extension extends Node {
    final byte[] path;
    final Node child;

    Extension(byte[] path, Node child) {
      this.path = path;
      this.child = child;
    }
  }

  /** Sixteen children by next nibble, and the value of a key that ends here. */
  static final class Branch extends Node {
    final Node[] children;
    final byte[] value;

    Branch(Node[] children, byte[] value) {
      this.children = children;
      this.value = value;
    }

    int childCount() {
      int count = 0;
      for (Node child : children) {
        if (child != null) {
          count++;
        }
      }
      return count;
    }
  }

  /** A child known only by hash until it is first needed; then loaded once and kept. */
  static final class HashRef extends Node {
    Node resolved;

    HashRef(Hash hash) {
      this.hash = hash;
      this.persisted = true;
    }
  }
}
