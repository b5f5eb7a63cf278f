package io.trestle.crypto;

import java.security.SecureRandom;

/**
 * The cryptography a chain is built on, chosen once at genesis: {@code ethereum} (secp256k1 + Keccak-256)
 * or {@code sm} (SM2 + SM3). Suite hashes name transactions, headers and addresses; the Merkle-Patricia
 * trie and the EVM's KECCAK256 opcode always use Keccak-256 so contracts and proofs stay Ethereum's.
 */
public interface CryptoSuite {
  /** {@code ethereum} or {@code sm}. */
  String name();

  /** The suite hash: Keccak-256 or SM3, 32 bytes. */
  byte[] hash(byte[] data);

  KeyPair generateKeyPair(SecureRandom random);

  /** The key pair for a 32-byte private key; IllegalArgumentException when it is zero or not below the order. */
  KeyPair keyPair(byte[] privateKey);

  /** Signs a 32-byte message digest. Deterministic where the scheme allows it (RFC 6979 for secp256k1). */
  Signature sign(byte[] digest, KeyPair key);

  /** The 64-byte public key that produced {@code signature} over {@code digest}, or why it cannot be recovered. */
  byte[] recoverPublicKey(byte[] digest, Signature signature) throws SignatureException;

  boolean verify(byte[] digest, Signature signature, byte[] publicKey);

  /** The 20-byte account address of a 64-byte public key. */
  byte[] address(byte[] publicKey);

  /** Whether signatures of this suite carry the signer's public key (SM2) rather than being recoverable. */
  boolean signatureCarriesPublicKey();

  default byte[] recoverAddress(byte[] digest, Signature signature) throws SignatureException {
    return address(recoverPublicKey(digest, signature));
  }

  /** The suite called {@code ethereum} or {@code sm}; IllegalArgumentException for any other name. */
  static CryptoSuite named(String name) {
    return CryptoSuites.byName(name);
  }
}
