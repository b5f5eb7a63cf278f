package io.trestle.state.trie;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.state.kv.WriteBatch;
import java.util.List;
import java.util.Optional;

/**
 * A trie keyed by keccak-256 of the caller's key, as Ethereum's account and storage tries are: hashing spreads keys
 * evenly, so no one can make a path long by choosing keys. The original keys are not recoverable from it.
 */
public final class SecureTrie {
  private final MerklePatriciaTrie trie;

  private SecureTrie(MerklePatriciaTrie trie) {
    this.trie = trie;
  }

  public static SecureTrie empty(NodeStore store) {
    return new SecureTrie(MerklePatriciaTrie.empty(store));
  }

  public static SecureTrie at(NodeStore store, Hash root) {
    return new SecureTrie(MerklePatriciaTrie.at(store, root));
  }

  public Bytes get(Bytes key) {
    return trie.get(hashed(key));
  }

  public void put(Bytes key, Bytes value) {
    trie.put(hashed(key), value);
  }

  public void remove(Bytes key) {
    trie.remove(hashed(key));
  }

  public Hash rootHash() {
    return trie.rootHash();
  }

  public Hash commit(WriteBatch batch) {
    return trie.commit(batch);
  }

  /** The proof for {@code key}; as in eth_getProof, it walks the path of keccak256(key). */
  public List<Bytes> proof(Bytes key) {
    return trie.proof(hashed(key));
  }

  public static Optional<Bytes> verifyProof(Hash root, Bytes key, List<Bytes> proof) throws TrieProofException {
    return MerklePatriciaTrie.verifyProof(root, hashed(key), proof);
  }

  /** The underlying trie, keyed by the hashes. */
  public MerklePatriciaTrie hashedTrie() {
    return trie;
  }

  private static Bytes hashed(Bytes key) {
    return Bytes.wrap(Hash.keccak(key.unsafeArray()).unsafeArray());
  }
}
