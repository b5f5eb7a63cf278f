/**
 * Hashes (Keccak-256, SHA-256, SM3), signatures (secp256k1, SM2, Ed25519), crypto suites and keystores.
 * Owns every use of BouncyCastle; everything above asks for a {@link io.trestle.crypto.CryptoSuite}.
 * Must not import any other Trestle module: it is the bottom of the stack.
 */
package io.trestle.crypto;
