package io.trestle.node.loadgen;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.abi.AbiException;
import io.trestle.services.evidence.BatchMerkle;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence notarizations (issue 5): each transaction notarizes a fresh digest, or, as {@code anchor}, anchors the
 * RFC 9162 root of {@link #BATCH_DIGESTS} fresh digests in one transaction. Digests are derived from sender and nonce,
 * so no two transactions of a run notarize the same one.
 */
final class NotarizeWorkload implements Workload {
  static final String NAME = "notarize";
  static final String ANCHOR = "anchor";
  static final int BATCH_DIGESTS = 1_000;
  /**
   * A record costs 150,911 gas once the chain has one and the sender has one (five new storage words, two updated,
   * log, calldata; ADR 0252), but 185,111 for the first record of a chain, whose counter and submitter head are new
   * words. A limit below that fails every notarization of a fresh chain (out of gas undoes the counter, so the next
   * one is "first" again). The block builder packs by gas used, so the margin costs no block space.
   */
  static final long GAS = 200_000;

  private final boolean batch;
  private volatile HashAlgorithm algorithm = HashAlgorithm.SHA256;

  NotarizeWorkload(boolean batch) {
    this.batch = batch;
  }

  @Override
  public String name() {
    return batch ? ANCHOR : NAME;
  }

  @Override
  public long gasLimitPerTx() {
    return GAS;
  }

  @Override
  public BigInteger valuePerTx() {
    return BigInteger.ZERO;
  }

  @Override
  public void prepare(LoadContext context) {
    algorithm = context.suite().signatureCarriesPublicKey() ? HashAlgorithm.SM3 : HashAlgorithm.SHA256;
  }

  @Override
  public Call call(int senderIndex, long nonce, List<Address> senders) {
    Address sender = senders.get(senderIndex);
    try {
      if (!batch) {
        Bytes data = EvidenceRegistry.NOTARIZE.encodeCall(Bytes.wrap(digest(sender, nonce, 0)),
            BigInteger.valueOf(algorithm.code()), "");
        return new Call(EvidenceRegistry.ADDRESS, BigInteger.ZERO, data);
      }
      List<byte[]> digests = new ArrayList<>(BATCH_DIGESTS);
      for (int i = 0; i < BATCH_DIGESTS; i++) {
        digests.add(digest(sender, nonce, i));
      }
      Bytes data = EvidenceRegistry.ANCHOR_BATCH.encodeCall(Bytes.wrap(BatchMerkle.root(algorithm, digests)),
          BigInteger.valueOf(algorithm.code()), BigInteger.valueOf(BATCH_DIGESTS), "");
      return new Call(EvidenceRegistry.ADDRESS, BigInteger.ZERO, data);
    } catch (AbiException e) {
      throw new IllegalStateException("evidence calls encode their own arguments", e);
    }
  }

  private byte[] digest(Address sender, long nonce, int leaf) {
    return algorithm.hash(ByteBuffer.allocate(32).put(sender.unsafeArray()).putLong(nonce).putInt(leaf).array());
  }
}
