package io.trestle.core.trie;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The root hash of an Ethereum Merkle-Patricia trie holding a given set of pairs, computed in one pass over the
 * sorted keys without keeping nodes. Nodes: leaf and extension with hex-prefix paths, 17-slot branch; a child
 * whose encoding is shorter than 32 bytes is embedded, a longer one is referenced by its Keccak-256 hash.
 * The root itself is always hashed. Always Keccak-256, whatever the chain's suite, so roots stay Ethereum's.
 */
final class TrieRoot {
  private static final byte[] EMPTY_STRING = Rlp.encodeBytes(new byte[0]);
  private static final int EMBED_LIMIT_BYTES = 32;

  private record Entry(byte[] nibbles, byte[] value) {}

  private TrieRoot() {}

  /**
   * Root of the trie mapping {@code keys.get(i)} to {@code values.get(i)}. Keys must be distinct; a pair with an
   * empty value is absent, as in Ethereum's trie, where storing an empty value deletes the key.
   */
  static Hash of(List<byte[]> keys, List<byte[]> values) {
    if (keys.size() != values.size()) {
      throw new IllegalArgumentException(keys.size() + " keys but " + values.size() + " values");
    }
    List<Entry> entries = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      if (values.get(i).length > 0) {
        entries.add(new Entry(nibbles(keys.get(i)), values.get(i)));
      }
    }
    if (entries.isEmpty()) {
      return Hash.EMPTY_TRIE_ROOT;
    }
    entries.sort(Comparator.comparing(Entry::nibbles, Arrays::compare));
    for (int i = 1; i < entries.size(); i++) {
      if (Arrays.equals(entries.get(i - 1).nibbles(), entries.get(i).nibbles())) {
        throw new IllegalArgumentException("duplicate trie key");
      }
    }
    Entry[] sorted = entries.toArray(new Entry[0]);
    return Hash.keccak(node(sorted, 0, sorted.length, 0));
  }

  /** The encoding of the node holding entries [from, to), all of which share their first {@code depth} nibbles. */
  private static byte[] node(Entry[] e, int from, int to, int depth) {
    if (to - from == 1) {
      byte[] path = hexPrefix(e[from].nibbles(), depth, e[from].nibbles().length, true);
      return Rlp.encodeList(Rlp.encodeBytes(path), Rlp.encodeBytes(e[from].value()));
    }
    // In sorted order the first and last keys share the shortest common prefix of the whole range.
    int common = commonPrefix(e[from].nibbles(), e[to - 1].nibbles(), depth);
    if (common > 0) {
      byte[] path = hexPrefix(e[from].nibbles(), depth, depth + common, false);
      return Rlp.encodeList(Rlp.encodeBytes(path), reference(node(e, from, to, depth + common)));
    }
    byte[][] slots = new byte[17][];
    int i = from;
    if (e[i].nibbles().length == depth) {
      slots[16] = Rlp.encodeBytes(e[i].value());
      i++;
    } else {
      slots[16] = EMPTY_STRING;
    }
    for (int nibble = 0; nibble < 16; nibble++) {
      int j = i;
      while (j < to && e[j].nibbles()[depth] == nibble) {
        j++;
      }
      slots[nibble] = j > i ? reference(node(e, i, j, depth + 1)) : EMPTY_STRING;
      i = j;
    }
    return Rlp.encodeList(slots);
  }

  private static byte[] reference(byte[] node) {
    return node.length < EMBED_LIMIT_BYTES ? node : Rlp.encodeBytes(Hash.keccak(node).unsafeArray());
  }

  private static int commonPrefix(byte[] a, byte[] b, int depth) {
    int n = 0;
    while (depth + n < a.length && depth + n < b.length && a[depth + n] == b[depth + n]) {
      n++;
    }
    return n;
  }

  /** Hex-prefix encoding of nibbles [from, to): a flag nibble (leaf 2, odd length 1), padded to whole bytes. */
  static byte[] hexPrefix(byte[] nibbles, int from, int to, boolean leaf) {
    int len = to - from;
    boolean odd = (len & 1) == 1;
    byte[] out = new byte[len / 2 + 1];
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int pos = from;
    if (odd) {
      out[0] = (byte) ((flag << 4) | nibbles[pos++]);
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int k = 1; k < out.length; k++) {
      out[k] = (byte) ((nibbles[pos] << 4) | nibbles[pos + 1]);
      pos += 2;
    }
    return out;
  }

  private static byte[] nibbles(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >> 4) & 0xf);
      out[2 * i + 1] = (byte) (key[i] & 0xf);
    }
    return out;
  }
}
