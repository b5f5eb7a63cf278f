/**
 * JMH benchmarks of the state module: trie insert and commit, the fsynced RocksDB block batch, and a block of
 * account updates through the world state. Measures only; nothing imports it.
 */
package io.trestle.bench.state;
