/**
 * The Ethereum JSON-RPC methods (eth_, net_, web3_, txpool_) over the chain and the pool, the JSON shapes of
 * execution-apis, log queries, polling filters and the transport-independent subscription hub.
 * Imports execution, state, txpool, evm and core; never http, ws, Netty or node.
 */
package io.trestle.rpc.eth;
