/**
 * Ethereum's world state over Merkle-Patricia tries: {@link io.trestle.state.world.WorldState} (accounts, storage,
 * code, per-block commit, eth_getProof proofs) and the {@link io.trestle.state.world.Account} record.
 * Imports core and this module's kv and trie packages; never evm or execution (they call it, not the reverse).
 */
package io.trestle.state.world;
