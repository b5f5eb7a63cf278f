package io.trestle.state.trie;

import io.trestle.core.Bytes;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Ordered walks over a trie. Keys order as their nibble sequences do, which is unsigned byte order: a key that
 * ends at a branch sorts before every key below it, and children sort by nibble.
 */
final class KeyOrder {
  private KeyOrder() {}

  /** How a node's path prefix relates to a target key. */
  private enum Relation { BELOW, ABOVE, ON_PATH }

  private static Relation relate(byte[] prefix, byte[] target) {
    int common = Math.min(prefix.length, target.length);
    int mismatch = Arrays.mismatch(prefix, 0, common, target, 0, common);
    if (mismatch >= 0) {
      return prefix[mismatch] < target[mismatch] ? Relation.BELOW : Relation.ABOVE;
    }
    // prefix is a prefix of target (ON_PATH), or target is a proper prefix of prefix (every key here is greater).
    return prefix.length <= target.length ? Relation.ON_PATH : Relation.ABOVE;
  }

  /** The smallest key below {@code node} (whose keys start with {@code prefix}) that is greater than target. */
  static byte[] next(MerklePatriciaTrie trie, Node node, byte[] prefix, byte[] target) {
    if (node == null) {
      return null;
    }
    node = trie.resolve(node);
    Relation relation = relate(prefix, target);
    if (relation == Relation.BELOW) {
      return null;
    }
    if (relation == Relation.ABOVE) {
      return min(trie, node, prefix);
    }
    if (node instanceof Node.Leaf leaf) {
      byte[] key = concat(prefix, leaf.path);
      return Arrays.compare(key, target) > 0 ? key : null;
    }
    if (node instanceof Node.Extension ext) {
      return next(trie, ext.child, concat(prefix, ext.path), target);
    }
    Node.Branch branch = (Node.Branch) node;
    int first = 0;
    if (prefix.length < target.length) {
      int index = target[prefix.length];
      byte[] found = next(trie, branch.children[index], append(prefix, index), target);
      if (found != null) {
        return found;
      }
      first = index + 1;
    }
    for (int i = first; i < 16; i++) {
      if (branch.children[i] != null) {
        return min(trie, branch.children[i], append(prefix, i));
      }
    }
    return null;
  }

  /** The greatest key below {@code node} that is less than target. */
  static byte[] previous(MerklePatriciaTrie trie, Node node, byte[] prefix, byte[] target) {
    if (node == null) {
      return null;
    }
    node = trie.resolve(node);
    Relation relation = relate(prefix, target);
    if (relation == Relation.ABOVE) {
      return null;
    }
    if (relation == Relation.BELOW) {
      return max(trie, node, prefix);
    }
    if (node instanceof Node.Leaf leaf) {
      byte[] key = concat(prefix, leaf.path);
      return Arrays.compare(key, target) < 0 ? key : null;
    }
    if (node instanceof Node.Extension ext) {
      return previous(trie, ext.child, concat(prefix, ext.path), target);
    }
    Node.Branch branch = (Node.Branch) node;
    if (prefix.length == target.length) {
      // Every key below is longer than target, hence greater; the branch's own key equals target.
      return null;
    }
    int index = target[prefix.length];
    byte[] found = previous(trie, branch.children[index], append(prefix, index), target);
    if (found != null) {
      return found;
    }
    for (int i = index - 1; i >= 0; i--) {
      if (branch.children[i] != null) {
        return max(trie, branch.children[i], append(prefix, i));
      }
    }
    return branch.value != null ? prefix : null;
  }

  private static byte[] min(MerklePatriciaTrie trie, Node node, byte[] prefix) {
    while (true) {
      node = trie.resolve(node);
      if (node instanceof Node.Leaf leaf) {
        return concat(prefix, leaf.path);
      }
      if (node instanceof Node.Extension ext) {
        prefix = concat(prefix, ext.path);
        node = ext.child;
        continue;
      }
      Node.Branch branch = (Node.Branch) node;
      if (branch.value != null) {
        return prefix;
      }
      int i = 0;
      while (branch.children[i] == null) {
        i++;
      }
      prefix = append(prefix, i);
      node = branch.children[i];
    }
  }

  private static byte[] max(MerklePatriciaTrie trie, Node node, byte[] prefix) {
    while (true) {
      node = trie.resolve(node);
      if (node instanceof Node.Leaf leaf) {
        return concat(prefix, leaf.path);
      }
      if (node instanceof Node.Extension ext) {
        prefix = concat(prefix, ext.path);
        node = ext.child;
        continue;
      }
      Node.Branch branch = (Node.Branch) node;
      int i = 15;
      while (i >= 0 && branch.children[i] == null) {
        i--;
      }
      if (i < 0) {
        return prefix;
      }
      prefix = append(prefix, i);
      node = branch.children[i];
    }
  }

  static void forEach(MerklePatriciaTrie trie, Node node, byte[] prefix, BiConsumer<Bytes, Bytes> visitor) {
    if (node == null) {
      return;
    }
    node = trie.resolve(node);
    if (node instanceof Node.Leaf leaf) {
      visitor.accept(toKey(concat(prefix, leaf.path)), Bytes.of(leaf.value));
    } else if (node instanceof Node.Extension ext) {
      forEach(trie, ext.child, concat(prefix, ext.path), visitor);
    } else {
      Node.Branch branch = (Node.Branch) node;
      if (branch.value != null) {
        visitor.accept(toKey(prefix), Bytes.of(branch.value));
      }
      for (int i = 0; i < 16; i++) {
        forEach(trie, branch.children[i], append(prefix, i), visitor);
      }
    }
  }

  private static Bytes toKey(byte[] nibbles) {
    return Bytes.wrap(NodeCodec.fromNibbles(nibbles, nibbles.length));
  }

  private static byte[] append(byte[] prefix, int nibble) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + 1);
    out[prefix.length] = (byte) nibble;
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
