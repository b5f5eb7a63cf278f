/**
 * The load generator behind {@code trestle bench}: funds fresh accounts, pre-signs transactions of a pluggable
 * {@link io.trestle.node.loadgen.Workload}, submits them over JSON-RPC and measures throughput and commit latency.
 * A client of a node like any other: talks to it only over JSON-RPC and must not import execution, txpool or rpc.
 */
package io.trestle.node.loadgen;
