/**
 * Ethereum JSON-RPC over HTTP and WebSocket, REST resources and the metrics endpoint.
 * Translates between JSON and the chain's query and submission interfaces.
 * May import everything below it; never node.
 */
package io.trestle.rpc;
