/**
 * Authenticated, encrypted transport over Netty: framing, the handshake, peer admission, dialing, bans,
 * queues and rate limits ({@link io.trestle.p2p.P2pNetwork}). Payloads are opaque bytes tagged by a small
 * protocol id, so consensus, gossip and sync messages are all the same to this package.
 * May import crypto and core; never consensus message types, execution, state, rpc or node.
 */
package io.trestle.p2p;
