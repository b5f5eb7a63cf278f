/**
 * Password-protected key files: Ethereum's Web3 Secret Storage v3 (what geth, ethers.js and web3j read) and
 * its {@code sm} variant. Uses only {@code io.trestle.crypto}, BouncyCastle and Jackson; imports no other
 * Trestle module.
 */
package io.trestle.crypto.keystore;
