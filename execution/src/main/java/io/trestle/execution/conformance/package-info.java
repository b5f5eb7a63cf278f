/**
 * Runners for Ethereum's state tests (GeneralStateTests format) over the real execution path: transaction
 * decoding, the EVM's transaction processor and a Merkle-Patricia world state. Used by tests and by the CLI.
 */
package io.trestle.execution.conformance;
