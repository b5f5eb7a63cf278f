/**
 * The node's side of digital assets (issue 6): registering the asset system contracts, an index of their events
 * (by owner, creator, fingerprint, history; ADR 0299) kept beside the chain, and the REST routes, JSON-RPC methods
 * and rights certificates built on it. May import every module; nothing imports it but the node's wiring and CLI.
 */
package io.trestle.node.assets;
