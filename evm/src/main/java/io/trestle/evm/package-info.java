/**
 * The EVM interpreter (Cancun rules), gas schedule, precompiles and the system-contract dispatch point.
 * Sees the world only through its own narrow interfaces; free of storage, network and clock.
 * May import crypto and core only.
 */
package io.trestle.evm;
