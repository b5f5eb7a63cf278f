/**
 * JMH benchmarks of the block path of a node: building, executing and committing a block of transfers on a
 * RocksDB-backed chain. Measures only; imports execution and below, nothing imports it.
 */
package io.trestle.bench.execution;
