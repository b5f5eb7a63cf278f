package io.trestle.state.trie;

/** A Merkle proof that does not prove anything about the key against the given root. */
public final class TrieProofException extends Exception {
  private static final long serialVersionUID = 1L;

  public TrieProofException(String message) {
    super(message);
  }
}
