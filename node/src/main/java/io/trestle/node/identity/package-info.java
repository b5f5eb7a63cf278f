/**
 * Identity and evidence at the node's edges: registration of the DID, name and evidence system contracts, the W3C
 * DID resolver ({@code GET /1.0/identifiers/{did}}), evidence REST routes, the {@code trestle_} identity JSON-RPC
 * methods, and the self-contained evidence receipt: building it from the chain, its JSON form and its offline
 * verification against a genesis file. Reads chain state; never writes it.
 */
package io.trestle.node.identity;
