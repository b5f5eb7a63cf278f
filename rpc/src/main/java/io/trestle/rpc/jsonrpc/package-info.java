/**
 * JSON-RPC 2.0 framing independent of transport: parsing, batches, error codes, typed parameters.
 * Imports only Jackson; never a transport or the chain.
 */
package io.trestle.rpc.jsonrpc;
