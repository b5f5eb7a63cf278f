package io.trestle.services.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of a batch of digests, as RFC 9162 §2.1 (Certificate Transparency) defines it over the batch's
 * hash algorithm: leaf = H(0x00 || digest), node = H(0x01 || left || right), the left subtree holding the largest
 * power of two of leaves smaller than the count. Domain separation of leaves and nodes keeps a node from passing
 * as a leaf. A path alone does not fix the tree size (a path in a tree of n leaves can also fit n + 1), so the
 * count is anchored on chain beside the root and a proof is checked against that count.
 */
public final class BatchMerkle {
  /** Largest batch; a path is then at most 24 hashes. */
  public static final int LEAVES_MAX = 1 << 24;

  private BatchMerkle() {}

  public static byte[] leafHash(HashAlgorithm h, byte[] digest) {
    byte[] buf = new byte[1 + digest.length];
    System.arraycopy(digest, 0, buf, 1, digest.length);
    return h.hash(buf);
  }

  static byte[] nodeHash(HashAlgorithm h, byte[] left, byte[] right) {
    byte[] buf = new byte[1 + left.length + right.length];
    buf[0] = 1;
    System.arraycopy(left, 0, buf, 1, left.length);
    System.arraycopy(right, 0, buf, 1 + left.length, right.length);
    return h.hash(buf);
  }

  /** The root of {@code digests} (at least one). */
  public static byte[] root(HashAlgorithm h, List<byte[]> digests) {
    if (digests.isEmpty() || digests.size() > LEAVES_MAX) {
      throw new IllegalArgumentException("a batch holds 1 to " + LEAVES_MAX + " digests, got " + digests.size());
    }
    List<byte[]> level = new ArrayList<>(digests.size());
    for (byte[] d : digests) {
      level.add(leafHash(h, d));
    }
    return subtree(h, level, 0, level.size());
  }

  private static byte[] subtree(HashAlgorithm h, List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from);
    }
    int k = Integer.highestOneBit(n - 1);
    return nodeHash(h, subtree(h, leaves, from, from + k), subtree(h, leaves, from + k, to));
  }

  /** The inclusion path of leaf {@code index}, bottom up. */
  public static List<byte[]> path(HashAlgorithm h, List<byte[]> digests, int index) {
    if (index < 0 || index >= digests.size()) {
      throw new IllegalArgumentException("index " + index + " outside a batch of " + digests.size());
    }
    List<byte[]> leaves = new ArrayList<>(digests.size());
    for (byte[] d : digests) {
      leaves.add(leafHash(h, d));
    }
    List<byte[]> out = new ArrayList<>();
    path(h, leaves, 0, leaves.size(), index, out);
    return out;
  }

  private static void path(HashAlgorithm h, List<byte[]> leaves, int from, int to, int index, List<byte[]> out) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    if (index - from < k) {
      path(h, leaves, from, from + k, index, out);
      out.add(subtree(h, leaves, from + k, to));
    } else {
      path(h, leaves, from + k, to, index, out);
      out.add(subtree(h, leaves, from, from + k));
    }
  }

  /** The inclusion paths of every leaf at once, in O(n log n) hashes: what a submitter needs for n receipts. */
  public static List<List<byte[]>> paths(HashAlgorithm h, List<byte[]> digests) {
    if (digests.isEmpty() || digests.size() > LEAVES_MAX) {
      throw new IllegalArgumentException("a batch holds 1 to " + LEAVES_MAX + " digests, got " + digests.size());
    }
    List<byte[]> leaves = new ArrayList<>(digests.size());
    List<List<byte[]>> paths = new ArrayList<>(digests.size());
    for (byte[] d : digests) {
      leaves.add(leafHash(h, d));
      paths.add(new ArrayList<>());
    }
    fill(h, leaves, 0, leaves.size(), paths);
    return paths;
  }

  private static byte[] fill(HashAlgorithm h, List<byte[]> leaves, int from, int to, List<List<byte[]>> paths) {
    if (to - from == 1) {
      return leaves.get(from);
    }
    int k = Integer.highestOneBit(to - from - 1);
    byte[] left = fill(h, leaves, from, from + k, paths);
    byte[] right = fill(h, leaves, from + k, to, paths);
    for (int i = from; i < from + k; i++) {
      paths.get(i).add(right);
    }
    for (int i = from + k; i < to; i++) {
      paths.get(i).add(left);
    }
    return nodeHash(h, left, right);
  }

  /**
   * The root that {@code path} leads to from {@code digest} at {@code index} of a tree of {@code count} leaves
   * (RFC 9162 §2.1.3.2), or null when the path cannot belong to such a tree (wrong length for the position).
   */
  public static byte[] rootFromPath(HashAlgorithm h, byte[] digest, long index, long count, List<byte[]> path) {
    if (count < 1 || count > LEAVES_MAX || index < 0 || index >= count) {
      return null;
    }
    long fn = index;
    long sn = count - 1;
    byte[] r = leafHash(h, digest);
    for (byte[] p : path) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(h, p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(h, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  public static boolean verify(HashAlgorithm h, byte[] digest, long index, long count, List<byte[]> path, byte[] root) {
    byte[] r = rootFromPath(h, digest, index, count, path);
    return r != null && Arrays.equals(r, root);
  }
}
