/**
 * Hashes (Keccak-256, SHA-256, SM3), signatures (secp256k1, SM2, Ed25519), key agreement (secp256k1 ECDH,
 * X25519, SM2 key exchange), SM4 encryption and the two crypto suites; keystores live in {@code .keystore}.
 * Owns every use of BouncyCastle and of libsecp256k1 (JNI, recovery and verification only, ADR 0400); everything
 * above asks for a {@link io.trestle.crypto.CryptoSuite} or one of the primitives here. Must not import any other
 * Trestle module: it is the bottom of the stack.
 */
package io.trestle.crypto;
