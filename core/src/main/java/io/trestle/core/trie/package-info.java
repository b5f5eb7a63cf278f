/**
 * Root hashes of Ethereum Merkle-Patricia tries built in memory from a complete set of pairs: the ordered
 * roots of block transactions and receipts. No storage, no proofs: the state module owns the persistent trie.
 * May import only {@code io.trestle.core} and {@code io.trestle.crypto}.
 */
package io.trestle.core.trie;
