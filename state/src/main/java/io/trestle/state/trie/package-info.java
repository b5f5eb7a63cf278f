/**
 * Ethereum's Merkle-Patricia trie ({@link io.trestle.state.trie.MerklePatriciaTrie}) and its keccak-keyed view
 * ({@link io.trestle.state.trie.SecureTrie}): roots equal Ethereum's, nodes are stored by hash in the TRIE_NODES
 * column, proofs follow EIP-1186. Imports core (Bytes, Hash, RLP) and the kv package; knows nothing of accounts.
 */
package io.trestle.state.trie;
