/**
 * World state over an Ethereum-compatible Merkle-Patricia trie, the key-value abstraction (memory, RocksDB),
 * the block store and indexes. One atomic WriteBatch per committed block.
 * May import crypto and core only; never evm, execution, consensus, p2p, rpc or node.
 */
package io.trestle.state;
