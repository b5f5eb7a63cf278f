/**
 * The key-value abstraction under all persistent data: {@link io.trestle.state.kv.KeyValueStore} with one ordered
 * key space per {@link io.trestle.state.kv.Column} and atomic, optionally fsynced multi-column batches; an in-memory
 * implementation for tests and the RocksDB one for nodes.
 * Knows nothing of tries, blocks or accounts; imports only the JDK and RocksDB.
 */
package io.trestle.state.kv;
