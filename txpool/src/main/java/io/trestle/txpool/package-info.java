/**
 * The mempool: admission checks, nonce ordering per sender, replacement by fee, bounds and eviction.
 * Reads account state through an injected view.
 * May import crypto and core only.
 */
package io.trestle.txpool;
