/**
 * A tiny example system contract showing how native contracts use the dispatch point: ABI decoding, gas,
 * storage, events and revert reasons. Imports core and evm only.
 */
package io.trestle.services.example;
