/**
 * The Netty HTTP endpoint: JSON-RPC POSTs, REST routes and hooks for other protocols on the same port.
 * Imports Netty and jsonrpc; never eth or node.
 */
package io.trestle.rpc.http;
