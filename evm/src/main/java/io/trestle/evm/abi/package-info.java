/**
 * The Solidity contract ABI: encoding and decoding of static and dynamic types, function selectors, event
 * topics and revert reasons. Used by system contracts, tests and tools. Imports core and crypto only.
 */
package io.trestle.evm.abi;
