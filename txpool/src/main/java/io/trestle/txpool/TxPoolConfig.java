package io.trestle.txpool;

import java.math.BigInteger;

/**
 * Bounds and admission rules of the pool.
 *
 * @param chainId transactions must carry this chain id (EIP-155 / typed)
 * @param allowUnprotected whether legacy transactions without a chain id are admitted
 * @param minGasPrice the lowest fee cap accepted (0 is common on consortium chains)
 * @param txBytesMax largest accepted transaction encoding
 * @param senderTxsMax most transactions one sender may hold in the pool
 * @param nonceGapMax how far ahead of the account nonce a transaction may be queued
 * @param poolTxsMax most transactions in the pool overall; past it the lowest-paying is evicted
 * @param replacementBumpPercent how much higher a replacement's fee cap and tip must be
 */
public record TxPoolConfig(
    long chainId,
    boolean allowUnprotected,
    BigInteger minGasPrice,
    int txBytesMax,
    int senderTxsMax,
    int nonceGapMax,
    int poolTxsMax,
    int replacementBumpPercent) {

  public static TxPoolConfig defaults(long chainId, BigInteger minGasPrice) {
    return new TxPoolConfig(chainId, false, minGasPrice, 128 * 1024, 1024, 1024, 100_000, 10);
  }
}
