package io.trestle.consensus.cert;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import java.util.List;
import java.util.Objects;

/**
 * The proof that a block is final: ≥ ⌊2n/3⌋+1 COMMIT signatures from the validators of its height on
 * {@code (height, round, blockHash)} (docs/consensus.md line 28). Stored with every block, carried by the next
 * height's proposal, and checked offline by {@link CertificateVerifier} — the base for light clients, evidence
 * receipts and cross-chain proofs.
 */
public record CommitCertificate(long height, int round, Hash blockHash, List<VoteSignature> signatures) {
  public static final int MAX_ENCODED_BYTES = 256 * 1024;

  public CommitCertificate {
    Objects.requireNonNull(blockHash, "blockHash");
    if (height < 0) {
      throw new IllegalArgumentException("commit certificate height must be >= 0, got " + height);
    }
    if (round < 0 || round > Codec.MAX_ROUND) {
      throw new IllegalArgumentException("commit certificate round must be 0.." + Codec.MAX_ROUND + ", got " + round);
    }
    signatures = List.copyOf(signatures);
    if (signatures.size() > ValidatorSet.MAX_VALIDATORS) {
      throw new IllegalArgumentException("commit certificate has " + signatures.size() + " signatures, more than "
          + ValidatorSet.MAX_VALIDATORS);
    }
  }

  public VoteKind kind() {
    return VoteKind.COMMIT;
  }

  /** rlp([height, round, blockHash, [[signer, signature], …]]) */
  public byte[] encode() {
    return Rlp.encodeList(
        Rlp.encodeLong(height), Rlp.encodeLong(round), Rlp.encodeBytes(blockHash.unsafeArray()),
        Codec.encodeVoteSignatures(signatures));
  }

  public static CommitCertificate decode(byte[] input) throws DecodeException {
    return decode(Codec.decodeItem(input, MAX_ENCODED_BYTES, "commit certificate"));
  }

  public static CommitCertificate decode(RlpItem item) throws DecodeException {
    List<RlpItem> f = Codec.fields(item, 4, "commit certificate");
    return new CommitCertificate(
        Codec.readLong(f.get(0), "commit certificate height"),
        Codec.readRound(f.get(1), "commit certificate round"),
        Codec.readHash(f.get(2), "commit certificate blockHash"),
        Codec.readVoteSignatures(f.get(3), "commit certificate signatures"));
  }
}
