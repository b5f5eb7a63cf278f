/**
 * The system-contract dispatch point: native Java contracts at reserved addresses
 * ({@link io.trestle.evm.system.SystemContracts#FIRST} to {@link io.trestle.evm.system.SystemContracts#LAST}),
 * called like any contract, charged gas, journaled with the caller's frame. Imports core, crypto and the evm API.
 */
package io.trestle.evm.system;
