/**
 * Ethereum's precompiled contracts 0x01-0x0a (Cancun): pure functions of their input with a gas price.
 * Imports crypto and BouncyCastle digests; must not import the interpreter or state.
 */
package io.trestle.evm.precompile;
