/**
 * Genesis, block execution (transactions against world state through the EVM and system contracts),
 * chain storage and the read-only queries the edges ask. Deterministic: time comes in the block header.
 * May import crypto, core, state, evm, services; never consensus, p2p, rpc or node.
 */
package io.trestle.execution;
