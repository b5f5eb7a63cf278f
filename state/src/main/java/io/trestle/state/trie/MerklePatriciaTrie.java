package io.trestle.state.trie;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.RlpException;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Ethereum's Merkle-Patricia trie: the same keys and values give the same root hash as every Ethereum client.
 *
 * <p>Updates copy the path from the root and never change a node in place, so hashes cached in untouched subtrees
 * stay valid: after a block's updates, {@link #rootHash()} hashes only the new nodes. Nodes below the opened root are
 * loaded from the {@link NodeStore} on first use. {@link #commit(WriteBatch)} adds the nodes created since the last
 * commit to a batch; nothing is ever deleted from the store (no pruning, ADR 0141), so every committed root stays
 * readable through a new trie opened at it.
 *
 * <p>An empty value means "absent": putting one removes the key, as in Ethereum. Not thread-safe: a trie belongs to
 * one thread; readers on other threads open their own trie at a committed root.
 */
public final class MerklePatriciaTrie {
  /** Longer keys are refused; no trie of this node uses more than 32 (hashed keys) or a few dozen (indexes). */
  public static final int KEY_BYTES_MAX = 1024;
  /** A proof with more nodes than a key of {@link #KEY_BYTES_MAX} could need is refused unread. */
  public static final int PROOF_NODES_MAX = 2 * KEY_BYTES_MAX + 1;

  private final NodeStore store;
  private Node root;

  private MerklePatriciaTrie(NodeStore store, Node root) {
    this.store = Objects.requireNonNull(store, "store");
    this.root = root;
  }

  /** A new empty trie whose committed nodes will go to {@code store}'s column. */
  public static MerklePatriciaTrie empty(NodeStore store) {
    return new MerklePatriciaTrie(store, null);
  }

  /** The trie with the given root, loading nodes from {@code store} as they are needed. */
  public static MerklePatriciaTrie at(NodeStore store, Hash root) {
    Objects.requireNonNull(root, "root");
    return new MerklePatriciaTrie(store, root.equals(Hash.EMPTY_TRIE_ROOT) ? null : new Node.HashRef(root));
  }

  /** The value under {@code key}, or {@code null} when absent. */
  public Bytes get(Bytes key) {
    byte[] path = nibblesOf(key);
    Node node = root;
    int offset = 0;
    while (node != null) {
      node = resolve(node);
      if (node instanceof Node.Leaf leaf) {
        return matchesRest(leaf.path, path, offset) ? Bytes.of(leaf.value) : null;
      } else if (node instanceof Node.Extension ext) {
        if (!startsWith(path, offset, ext.path)) {
          return null;
        }
        offset += ext.path.length;
        node = ext.child;
      } else {
        Node.Branch branch = (Node.Branch) node;
        if (offset == path.length) {
          return branch.value == null ? null : Bytes.of(branch.value);
        }
        node = branch.children[path[offset++]];
      }
    }
    return null;
  }

  /** Stores {@code value} under {@code key}; an empty value removes the key. */
  public void put(Bytes key, Bytes value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      remove(key);
      return;
    }
    root = insert(root, nibblesOf(key), 0, value.toArray());
  }

  public void remove(Bytes key) {
    root = delete(root, nibblesOf(key), 0);
  }

  public boolean isEmpty() {
    return root == null;
  }

  /** keccak-256 of the root node's encoding; always a hash, even when the root encodes to under 32 bytes. */
  public Hash rootHash() {
    return root == null ? Hash.EMPTY_TRIE_ROOT : NodeCodec.hash(root);
  }

  /**
   * Adds every node created since the last commit to {@code batch} (column {@link Column#TRIE_NODES}, key = node
   * hash) and returns the root. Nodes under 32 bytes are inlined in their parents and not stored alone, except the
   * root, which is always stored so the trie can be reopened at it. The batch must be written before anyone opens
   * the returned root.
   */
  public Hash commit(WriteBatch batch) {
    if (root == null) {
      return Hash.EMPTY_TRIE_ROOT;
    }
    if (root instanceof Node.HashRef ref) {
      return ref.hash;
    }
    persist(root, batch);
    byte[] encoded = NodeCodec.encode(root);
    if (encoded.length < Hash.LENGTH) {
      // persist() stores only nodes that parents reference by hash; a short root is referenced by nobody but
      // still has to be loadable by its hash.
      batch.put(Column.TRIE_NODES, NodeCodec.hash(root).unsafeArray(), encoded);
    }
    return rootHash();
  }

  private static void persist(Node node, WriteBatch batch) {
    if (node.persisted) {
      return;
    }
    // HashRefs are always persisted, so from here on the node is a leaf, extension or branch.
    if (node instanceof Node.Extension ext) {
      persist(ext.child, batch);
    } else if (node instanceof Node.Branch branch) {
      for (Node child : branch.children) {
        if (child != null) {
          persist(child, batch);
        }
      }
    }
    byte[] encoded = NodeCodec.encode(node);
    if (encoded.length >= Hash.LENGTH) {
      batch.put(Column.TRIE_NODES, NodeCodec.hash(node).unsafeArray(), encoded);
    }
    node.persisted = true;
  }

  /**
   * The nodes from the root towards {@code key} that are stored by hash, each as its RLP encoding: the
   * {@code accountProof} / {@code storageProof} of EIP-1186. It proves presence (ends at the key's value) or
   * absence (ends where the key's path leaves the trie). An empty trie has an empty proof.
   */
  public List<Bytes> proof(Bytes key) {
    byte[] path = nibblesOf(key);
    List<Bytes> proof = new ArrayList<>();
    Node node = root;
    int offset = 0;
    while (node != null) {
      if (NodeCodec.isReferencedByHash(node) || node == root) {
        node = resolve(node);
        proof.add(Bytes.wrap(NodeCodec.encode(node)));
      }
      if (node instanceof Node.Leaf) {
        break;
      } else if (node instanceof Node.Extension ext) {
        if (!startsWith(path, offset, ext.path)) {
          break;
        }
        offset += ext.path.length;
        node = ext.child;
      } else {
        Node.Branch branch = (Node.Branch) node;
        if (offset == path.length) {
          break;
        }
        node = branch.children[path[offset++]];
      }
    }
    return proof;
  }

  /**
   * Checks {@code proof} for {@code key} against {@code root}, needing nothing but the arguments.
   *
   * @return the proven value, or empty when the proof shows the key is absent
   * @throws TrieProofException when the proof does not link {@code root} to the key's value or absence
   */
  public static Optional<Bytes> verifyProof(Hash root, Bytes key, List<Bytes> proof) throws TrieProofException {
    if (proof.size() > PROOF_NODES_MAX) {
      throw new TrieProofException("proof has " + proof.size() + " nodes, more than " + PROOF_NODES_MAX);
    }
    if (key.size() > KEY_BYTES_MAX) {
      throw new TrieProofException("key of " + key.size() + " bytes exceeds " + KEY_BYTES_MAX);
    }
    if (root.equals(Hash.EMPTY_TRIE_ROOT)) {
      return Optional.empty();
    }
    Map<Hash, byte[]> nodes = new HashMap<>();
    for (Bytes encoded : proof) {
      nodes.put(Hash.keccak(encoded.unsafeArray()), encoded.unsafeArray());
    }
    byte[] path = NodeCodec.toNibbles(key.unsafeArray());
    Node node = new Node.HashRef(root);
    int offset = 0;
    while (node != null) {
      if (node instanceof Node.HashRef ref) {
        node = decodeProofNode(nodes, ref.hash);
      }
      if (node instanceof Node.Leaf leaf) {
        return matchesRest(leaf.path, path, offset) ? Optional.of(Bytes.of(leaf.value)) : Optional.empty();
      } else if (node instanceof Node.Extension ext) {
        if (!startsWith(path, offset, ext.path)) {
          return Optional.empty();
        }
        offset += ext.path.length;
        node = ext.child;
      } else {
        Node.Branch branch = (Node.Branch) node;
        if (offset == path.length) {
          return branch.value == null ? Optional.empty() : Optional.of(Bytes.of(branch.value));
        }
        node = branch.children[path[offset++]];
      }
    }
    return Optional.empty();
  }

  private static Node decodeProofNode(Map<Hash, byte[]> nodes, Hash hash) throws TrieProofException {
    byte[] encoded = nodes.get(hash);
    if (encoded == null) {
      throw new TrieProofException("proof lacks the node with hash " + hash);
    }
    try {
      return NodeCodec.decode(encoded);
    } catch (RlpException e) {
      throw new TrieProofException("proof node " + hash + " is not a trie node: " + e.getMessage());
    }
  }

  /** The smallest key strictly greater than {@code key}, or {@code null} when there is none. */
  public Bytes nextKey(Bytes key) {
    byte[] found = KeyOrder.next(this, root, new byte[0], nibblesOf(key));
    return found == null ? null : Bytes.wrap(NodeCodec.fromNibbles(found, found.length));
  }

  /** The greatest key strictly less than {@code key}, or {@code null} when there is none. */
  public Bytes previousKey(Bytes key) {
    byte[] found = KeyOrder.previous(this, root, new byte[0], nibblesOf(key));
    return found == null ? null : Bytes.wrap(NodeCodec.fromNibbles(found, found.length));
  }

  /** Visits every entry in ascending key order, loading the whole trie: for tests, tools and small tries. */
  public void forEach(BiConsumer<Bytes, Bytes> visitor) {
    KeyOrder.forEach(this, root, new byte[0], visitor);
  }

  Node resolve(Node node) {
    if (!(node instanceof Node.HashRef ref)) {
      return node;
    }
    if (ref.resolved == null) {
      byte[] encoded = store.load(ref.hash);
      if (encoded == null) {
        throw new MissingNodeException(ref.hash, "is not in the node store");
      }
      try {
        Node loaded = NodeCodec.decode(encoded);
        loaded.hash = ref.hash;
        ref.resolved = loaded;
      } catch (RlpException e) {
        throw new MissingNodeException(ref.hash, "does not decode: " + e.getMessage());
      }
    }
    return ref.resolved;
  }

  private Node insert(Node node, byte[] path, int offset, byte[] value) {
    if (node == null) {
      return new Node.Leaf(Arrays.copyOfRange(path, offset, path.length), value);
    }
    Node resolved = resolve(node);
    Node result = insertInto(resolved, path, offset, value);
    // Keep the unresolved reference when nothing changed, so the parent stays clean too.
    return result == resolved ? node : result;
  }

  private Node insertInto(Node node, byte[] path, int offset, byte[] value) {
    if (node instanceof Node.Leaf leaf) {
      int common = commonPrefix(leaf.path, path, offset);
      int remaining = path.length - offset;
      if (common == leaf.path.length && common == remaining) {
        return Arrays.equals(leaf.value, value) ? leaf : new Node.Leaf(leaf.path, value);
      }
      Node[] children = new Node[16];
      byte[] branchValue = null;
      if (common == leaf.path.length) {
        branchValue = leaf.value;
      } else {
        children[leaf.path[common]] = new Node.Leaf(Arrays.copyOfRange(leaf.path, common + 1, leaf.path.length),
            leaf.value);
      }
      if (common == remaining) {
        branchValue = value;
      } else {
        children[path[offset + common]] = new Node.Leaf(Arrays.copyOfRange(path, offset + common + 1, path.length),
            value);
      }
      return withPrefix(Arrays.copyOf(leaf.path, common), new Node.Branch(children, branchValue));
    }
    if (node instanceof Node.Extension ext) {
      int common = commonPrefix(ext.path, path, offset);
      if (common == ext.path.length) {
        Node child = insert(ext.child, path, offset + common, value);
        return child == ext.child ? ext : new Node.Extension(ext.path, child);
      }
      Node[] children = new Node[16];
      byte[] branchValue = null;
      children[ext.path[common]] = common + 1 == ext.path.length
          ? ext.child
          : new Node.Extension(Arrays.copyOfRange(ext.path, common + 1, ext.path.length), ext.child);
      if (offset + common == path.length) {
        branchValue = value;
      } else {
        children[path[offset + common]] = new Node.Leaf(Arrays.copyOfRange(path, offset + common + 1, path.length),
            value);
      }
      return withPrefix(Arrays.copyOf(ext.path, common), new Node.Branch(children, branchValue));
    }
    Node.Branch branch = (Node.Branch) node;
    if (offset == path.length) {
      return Arrays.equals(branch.value, value) ? branch : new Node.Branch(branch.children, value);
    }
    int index = path[offset];
    Node child = insert(branch.children[index], path, offset + 1, value);
    if (child == branch.children[index]) {
      return branch;
    }
    Node[] children = branch.children.clone();
    children[index] = child;
    return new Node.Branch(children, branch.value);
  }

  private static Node withPrefix(byte[] prefix, Node.Branch branch) {
    return prefix.length == 0 ? branch : new Node.Extension(prefix, branch);
  }

  private Node delete(Node node, byte[] path, int offset) {
    if (node == null) {
      return null;
    }
    Node resolved = resolve(node);
    Node result;
    if (resolved instanceof Node.Leaf leaf) {
      result = matchesRest(leaf.path, path, offset) ? null : leaf;
    } else if (resolved instanceof Node.Extension ext) {
      if (!startsWith(path, offset, ext.path)) {
        result = ext;
      } else {
        Node child = delete(ext.child, path, offset + ext.path.length);
        result = child == ext.child ? ext : joinPath(ext.path, child);
      }
    } else {
      result = deleteFromBranch((Node.Branch) resolved, path, offset);
    }
    // Keep the unresolved reference when nothing changed, so the parent stays clean too.
    return result == resolved ? node : result;
  }

  private Node deleteFromBranch(Node.Branch branch, byte[] path, int offset) {
    Node[] children = branch.children;
    byte[] value = branch.value;
    if (offset == path.length) {
      if (value == null) {
        return branch;
      }
      value = null;
    } else {
      int index = path[offset];
      Node child = delete(children[index], path, offset + 1);
      if (child == children[index]) {
        return branch;
      }
      children = children.clone();
      children[index] = child;
    }
    int count = 0;
    int only = -1;
    for (int i = 0; i < 16; i++) {
      if (children[i] != null) {
        count++;
        only = i;
      }
    }
    if (count + (value == null ? 0 : 1) >= 2) {
      return new Node.Branch(children, value);
    }
    if (count == 0) {
      return value == null ? null : new Node.Leaf(new byte[0], value);
    }
    // A branch left with one child and no value is replaced by that child, one nibble longer.
    return joinPath(new byte[] {(byte) only}, children[only]);
  }

  /** The node reached by walking {@code prefix} and then {@code child}, in canonical form. */
  private Node joinPath(byte[] prefix, Node child) {
    if (child == null) {
      return null;
    }
    Node resolved = resolve(child);
    if (resolved instanceof Node.Leaf leaf) {
      return new Node.Leaf(concat(prefix, leaf.path), leaf.value);
    }
    if (resolved instanceof Node.Extension ext) {
      return new Node.Extension(concat(prefix, ext.path), ext.child);
    }
    return new Node.Extension(prefix, child);
  }

  private static byte[] nibblesOf(Bytes key) {
    Objects.requireNonNull(key, "key");
    if (key.size() > KEY_BYTES_MAX) {
      throw new IllegalArgumentException("trie key of " + key.size() + " bytes exceeds " + KEY_BYTES_MAX);
    }
    return NodeCodec.toNibbles(key.unsafeArray());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int commonPrefix(byte[] nodePath, byte[] path, int offset) {
    int max = Math.min(nodePath.length, path.length - offset);
    int i = 0;
    while (i < max && nodePath[i] == path[offset + i]) {
      i++;
    }
    return i;
  }

  private static boolean startsWith(byte[] path, int offset, byte[] prefix) {
    return path.length - offset >= prefix.length
        && Arrays.equals(path, offset, offset + prefix.length, prefix, 0, prefix.length);
  }

  private static boolean matchesRest(byte[] nodePath, byte[] path, int offset) {
    return path.length - offset == nodePath.length && startsWith(path, offset, nodePath);
  }
}
