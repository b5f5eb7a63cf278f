/**
 * The Ethereum JSON-RPC methods (eth_, net_, web3_, txpool_, debug_traceTransaction) over the chain and the pool,
 * the JSON shapes of execution-apis, log queries, polling filters, the transport-independent subscription hub,
 * and the tracers that turn replays into geth-shaped traces and access lists.
 * Imports execution, state, txpool, evm and core; never http, ws, Netty or node.
 */
package io.trestle.rpc.eth;
