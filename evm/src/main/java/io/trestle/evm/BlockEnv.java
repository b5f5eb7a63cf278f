package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a transaction sees of its block. {@code prevRandao} is whatever deterministic value the header carries
 * (Trestle has no beacon randomness). {@code blobBaseFee} is 1 on a chain without blobs (the EIP-4844 minimum).
 * When {@code burnBaseFee} is false the base-fee share of every gas payment goes to the coinbase as well
 * instead of vanishing.
 */
public record BlockEnv(
    long number,
    long timestamp,
    Address coinbase,
    long gasLimit,
    BigInteger baseFee,
    Hash prevRandao,
    long chainId,
    BigInteger blobBaseFee,
    boolean burnBaseFee) {
  public BlockEnv {
    Objects.requireNonNull(coinbase, "coinbase");
    Objects.requireNonNull(baseFee, "baseFee");
    Objects.requireNonNull(prevRandao, "prevRandao");
    Objects.requireNonNull(blobBaseFee, "blobBaseFee");
    if (number < 0) {
      throw new IllegalArgumentException("number must be >= 0, got " + number);
    }
    if (gasLimit < 0) {
      throw new IllegalArgumentException("gasLimit must be >= 0, got " + gasLimit);
    }
    if (baseFee.signum() < 0 || baseFee.bitLength() > 256) {
      throw new IllegalArgumentException("baseFee out of range: " + baseFee);
    }
    if (blobBaseFee.signum() < 0 || blobBaseFee.bitLength() > 256) {
      throw new IllegalArgumentException("blobBaseFee out of range: " + blobBaseFee);
    }
  }

  /** A block of a chain without blobs that burns the base fee, as Ethereum does. */
  public static BlockEnv of(
      long number, long timestamp, Address coinbase, long gasLimit, BigInteger baseFee, Hash prevRandao, long chainId) {
    return new BlockEnv(number, timestamp, coinbase, gasLimit, baseFee, prevRandao, chainId, BigInteger.ONE, true);
  }

  public BlockEnv withBurnBaseFee(boolean burn) {
    return new BlockEnv(number, timestamp, coinbase, gasLimit, baseFee, prevRandao, chainId, blobBaseFee, burn);
  }
}
