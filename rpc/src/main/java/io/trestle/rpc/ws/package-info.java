/**
 * JSON-RPC over WebSocket on the HTTP port: the upgrade, per-connection limits, and eth_subscribe bound to a
 * connection. Imports Netty, jsonrpc, http and eth's subscription hub; never node.
 */
package io.trestle.rpc.ws;
