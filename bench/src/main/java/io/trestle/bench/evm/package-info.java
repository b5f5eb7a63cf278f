/**
 * EVM interpreter benchmarks: Solidity contracts (contracts/bench, compiled by bench/js/compile.mjs with solc-js)
 * run through {@code io.trestle.evm.TransactionProcessor}, reported as gas per second. bench/js/evm-bench.mjs runs
 * the same bytes and call data in {@code @ethereumjs/evm} for the comparison. Imports evm, core and Jackson (to
 * read the artifacts) only.
 */
package io.trestle.bench.evm;
