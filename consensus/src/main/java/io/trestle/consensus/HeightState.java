package io.trestle.consensus;

import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.Proposal;
import io.trestle.consensus.wire.Timeout;
import io.trestle.consensus.wire.TimeoutCertificate;
import io.trestle.core.Hash;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything the engine knows about the one height it decides; discarded when the next height starts. */
final class HeightState {
  record QcKey(int round, Hash blockHash) {}

  final long height;
  final ValidatorSet validators;
  final Hash parentHash;
  final long parentTimestampMs;
  final Optional<CommitCertificate> parentCertificate;
  private final int blocksMax;

  int round;
  /** TC_{round−1} when the current round was entered by one; justifies our proposal (line 10). */
  TimeoutCertificate lastTc;
  final Map<Hash, Block> blocks = new LinkedHashMap<>();
  /** The first validly signed proposal per round, for equivocation evidence (line 13). */
  final Map<Integer, Proposal> signedProposals = new HashMap<>();
  final Map<Integer, Hash> signedProposalIds = new HashMap<>();
  final VoteBook prepares = new VoteBook();
  final VoteBook commits = new VoteBook();
  final TimeoutBook timeouts = new TimeoutBook();
  final Map<QcKey, QuorumCertificate> verifiedQcs = new HashMap<>();
  final Map<Integer, TimeoutCertificate> acceptedTcs = new HashMap<>();
  /** A commit certificate whose block we do not hold yet (line 30). */
  CommitCertificate pendingCertificate;
  /** The block our re-proposal needs and we are fetching (line 47). */
  Hash wantedForProposal;
  Timeout ownTimeout;
  /** Blocks we asked the driver to persist, so each is written once. */
  final Set<Hash> persistedBlocks = new HashSet<>();
  final Set<String> reportedEvidence = new HashSet<>();

  HeightState(long height, ValidatorSet validators, ChainTip parent, int blocksMax) {
    this.height = height;
    this.validators = validators;
    this.parentHash = parent.blockHash();
    this.parentTimestampMs = parent.timestampMs();
    this.parentCertificate = parent.certificate();
    this.blocksMax = blocksMax;
  }

  /** Keeps at most {@code blocksMax} blocks, evicting the oldest that no certificate of ours still needs. */
  void addBlock(Hash id, Block block, Hash keep) {
    blocks.put(id, block);
    Iterator<Map.Entry<Hash, Block>> it = blocks.entrySet().iterator();
    while (blocks.size() > blocksMax && it.hasNext()) {
      Hash candidate = it.next().getKey();
      if (!candidate.equals(keep) && !candidate.equals(id)
          && (pendingCertificate == null || !candidate.equals(pendingCertificate.blockHash()))) {
        it.remove();
      }
    }
  }

  void pruneBelow(int minRound) {
    prepares.pruneBelow(minRound);
    commits.pruneBelow(minRound);
    timeouts.pruneBelow(minRound);
    signedProposals.keySet().removeIf(r -> r < minRound);
    signedProposalIds.keySet().removeIf(r -> r < minRound);
    acceptedTcs.keySet().removeIf(r -> r < minRound - 1);
    verifiedQcs.keySet().removeIf(k -> k.round() < minRound);
  }

  /** Messages held for this height, for tests that check memory stays bounded under floods. */
  int retainedMessages() {
    return prepares.size() + commits.size() + timeouts.size() + signedProposals.size() + blocks.size()
        + verifiedQcs.size() + acceptedTcs.size() + reportedEvidence.size();
  }
}
