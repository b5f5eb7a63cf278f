/**
 * Block sync over the transport (ADR 0204): status exchange, range requests answered with opaque
 * (block, certificate) encodings, and a client that fetches from several peers in parallel and delivers in
 * height order to the node, which verifies and executes. Knows no block type; rides on
 * {@link io.trestle.p2p.P2pNetwork}'s public API. Must not import consensus, execution, state or node.
 */
package io.trestle.p2p.sync;
