package io.trestle.consensus.cert;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import java.util.List;
import java.util.Objects;

/**
 * 2f+1 PREPARE signatures on one block in one round: {@code QC_r(b)} (docs/consensus.md line 20). Proves
 * that honest validators accepted the block; carried in timeouts, timeout certificates and safety state.
 */
public record QuorumCertificate(long height, int round, Hash blockHash, List<VoteSignature> signatures) {
  public static final int MAX_ENCODED_BYTES = 256 * 1024;

  public QuorumCertificate {
    Objects.requireNonNull(blockHash, "blockHash");
    if (height < 0) {
      throw new IllegalArgumentException("quorum certificate height must be >= 0, got " + height);
    }
    if (round < 0 || round > Codec.MAX_ROUND) {
      throw new IllegalArgumentException("quorum certificate round must be 0.." + Codec.MAX_ROUND + ", got " + round);
    }
    signatures = List.copyOf(signatures);
    if (signatures.size() > ValidatorSet.MAX_VALIDATORS) {
      throw new IllegalArgumentException("quorum certificate has " + signatures.size() + " signatures, more than "
          + ValidatorSet.MAX_VALIDATORS);
    }
  }

  public VoteKind kind() {
    return VoteKind.PREPARE;
  }

  /** rlp([height, round, blockHash, [[signer, signature], …]]) */
  public byte[] encode() {
    return Rlp.encodeList(
        Rlp.encodeLong(height), Rlp.encodeLong(round), Rlp.encodeBytes(blockHash.unsafeArray()),
        Codec.encodeVoteSignatures(signatures));
  }

  public static QuorumCertificate decode(byte[] input) throws DecodeException {
    return decode(Codec.decodeItem(input, MAX_ENCODED_BYTES, "quorum certificate"));
  }

  public static QuorumCertificate decode(RlpItem item) throws DecodeException {
    List<RlpItem> f = Codec.fields(item, 4, "quorum certificate");
    return new QuorumCertificate(
        Codec.readLong(f.get(0), "quorum certificate height"),
        Codec.readRound(f.get(1), "quorum certificate round"),
        Codec.readHash(f.get(2), "quorum certificate blockHash"),
        Codec.readVoteSignatures(f.get(3), "quorum certificate signatures"));
  }
}
