/**
 * The EVM (Cancun rules): {@link io.trestle.evm.TransactionProcessor} runs one transaction against a read-only
 * {@link io.trestle.evm.WorldView} and returns a {@link io.trestle.evm.TxResult} with the
 * {@link io.trestle.evm.StateDiff} to apply. Owns the interpreter, gas schedule, journal and code cache.
 * Free of storage, network and clock; may import crypto and core only.
 */
package io.trestle.evm;
