package io.trestle.consensus.cert;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.crypto.CryptoSuite;
import java.nio.charset.StandardCharsets;

/**
 * The domain-separated digests validators sign (docs/consensus.md §2, "Signed statements"):
 * {@code suite.hash(rlp([tag, chainId, height, round, x]))}. The tag keeps a signature for one kind of
 * statement from ever counting as another; the chain id keeps it from counting on another chain.
 */
public final class SigningDigest {
  public static final String PROPOSAL_TAG = "trestle/proposal";
  public static final String PREPARE_TAG = "trestle/prepare";
  public static final String COMMIT_TAG = "trestle/commit";
  public static final String TIMEOUT_TAG = "trestle/timeout";

  private SigningDigest() {}

  public static byte[] proposal(CryptoSuite suite, long chainId, long height, int round, Hash blockHash) {
    return forBlock(suite, PROPOSAL_TAG, chainId, height, round, blockHash);
  }

  public static byte[] vote(CryptoSuite suite, VoteKind kind, long chainId, long height, int round, Hash blockHash) {
    return forBlock(suite, kind == VoteKind.PREPARE ? PREPARE_TAG : COMMIT_TAG, chainId, height, round, blockHash);
  }

  /** {@code highQcRound} is −1 when the signer holds no QC at this height. */
  public static byte[] timeout(CryptoSuite suite, long chainId, long height, int round, int highQcRound) {
    byte[] encoded = Rlp.list()
        .addBytes(TIMEOUT_TAG.getBytes(StandardCharsets.US_ASCII))
        .addLong(chainId)
        .addLong(height)
        .addLong(round)
        .addEncoded(Codec.encodeOptionalRound(highQcRound))
        .build();
    return suite.hash(encoded);
  }

  private static byte[] forBlock(CryptoSuite suite, String tag, long chainId, long height, int round, Hash block) {
    byte[] encoded = Rlp.list()
        .addBytes(tag.getBytes(StandardCharsets.US_ASCII))
        .addLong(chainId)
        .addLong(height)
        .addLong(round)
        .addBytes(block.unsafeArray())
        .build();
    return suite.hash(encoded);
  }
}
