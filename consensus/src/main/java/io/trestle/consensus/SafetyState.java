package io.trestle.consensus;

import io.trestle.consensus.cert.Codec;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a validator must never forget about the height it votes in (docs/consensus.md §3, rule P): the rounds
 * it last prepare-voted, commit-voted, timed out and proposed in (−1 for none), and its highest QC. The
 * driver saves it durably before sending the messages that follow a {@link Action.Persist}.
 */
public record SafetyState(
    long height,
    int lastVotedRound,
    int lastCommitVotedRound,
    int lastTimedOutRound,
    int lastProposedRound,
    Optional<QuorumCertificate> highQc) {
  public static final int MAX_ENCODED_BYTES = QuorumCertificate.MAX_ENCODED_BYTES + 64;

  public SafetyState {
    Objects.requireNonNull(highQc, "highQc");
    if (height < 1) {
      throw new IllegalArgumentException("safety state height must be >= 1, got " + height);
    }
    requireRound(lastVotedRound, "lastVotedRound");
    requireRound(lastCommitVotedRound, "lastCommitVotedRound");
    requireRound(lastTimedOutRound, "lastTimedOutRound");
    requireRound(lastProposedRound, "lastProposedRound");
    if (highQc.isPresent() && highQc.get().height() != height) {
      throw new IllegalArgumentException(
          "safety state highQc is for height " + highQc.get().height() + ", state for " + height);
    }
  }

  public static SafetyState initial(long height) {
    return new SafetyState(height, -1, -1, -1, -1, Optional.empty());
  }

  /** The round a restarted node resumes in (docs/consensus.md line 3). */
  public int resumeRound() {
    int round = Math.max(Math.max(lastVotedRound, lastCommitVotedRound), Math.max(lastTimedOutRound, lastProposedRound));
    return Math.max(0, Math.max(round, highQc.map(QuorumCertificate::round).orElse(-1)));
  }

  /** rlp([height, [lastVoted]?, [lastCommitVoted]?, [lastTimedOut]?, [lastProposed]?, [highQc]?]) */
  public byte[] encode() {
    return Rlp.encodeList(
        Rlp.encodeLong(height),
        Codec.encodeOptionalRound(lastVotedRound),
        Codec.encodeOptionalRound(lastCommitVotedRound),
        Codec.encodeOptionalRound(lastTimedOutRound),
        Codec.encodeOptionalRound(lastProposedRound),
        highQc.isEmpty() ? Rlp.encodeList() : Rlp.encodeList(highQc.get().encode()));
  }

  public static SafetyState decode(byte[] input) throws DecodeException {
    RlpItem root = Codec.decodeItem(input, MAX_ENCODED_BYTES, "safety state");
    List<RlpItem> f = Codec.fields(root, 6, "safety state");
    List<RlpItem> qc = Codec.list(f.get(5), 1, "safety state highQc");
    try {
      return new SafetyState(
          Codec.readLong(f.get(0), "safety state height"),
          Codec.readOptionalRound(f.get(1), "lastVotedRound"),
          Codec.readOptionalRound(f.get(2), "lastCommitVotedRound"),
          Codec.readOptionalRound(f.get(3), "lastTimedOutRound"),
          Codec.readOptionalRound(f.get(4), "lastProposedRound"),
          qc.isEmpty() ? Optional.empty() : Optional.of(QuorumCertificate.decode(qc.get(0))));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage(), e);
    }
  }

  private static void requireRound(int round, String name) {
    if (round < -1 || round > Codec.MAX_ROUND) {
      throw new IllegalArgumentException(name + " must be -1.." + Codec.MAX_ROUND + ", got " + round);
    }
  }
}
