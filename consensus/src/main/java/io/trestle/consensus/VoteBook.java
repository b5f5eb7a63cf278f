package io.trestle.consensus;

import io.trestle.consensus.cert.VoteSignature;
import io.trestle.consensus.wire.Vote;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The votes of one kind at one height: one per (round, signer), so memory is bounded by rounds kept × n.
 * A second, different vote of a signer in a round is returned as a conflict for evidence, never counted.
 */
final class VoteBook {
  private final TreeMap<Integer, RoundVotes> rounds = new TreeMap<>();

  /** The first vote this signer cast in the vote's round when it differs from {@code vote}, else null. */
  Vote conflicting(Vote vote) {
    RoundVotes r = rounds.get(vote.round());
    if (r == null) {
      return null;
    }
    Vote first = r.bySigner.get(vote.signature().signer());
    return first != null && !first.blockHash().equals(vote.blockHash()) ? first : null;
  }

  boolean hasVoted(int round, Address signer) {
    RoundVotes r = rounds.get(round);
    return r != null && r.bySigner.containsKey(signer);
  }

  /** Adds the vote; false when the signer already voted in that round. */
  boolean add(Vote vote) {
    RoundVotes r = rounds.computeIfAbsent(vote.round(), k -> new RoundVotes());
    Address signer = vote.signature().signer();
    if (r.bySigner.containsKey(signer)) {
      return false;
    }
    r.bySigner.put(signer, vote);
    r.byBlock.computeIfAbsent(vote.blockHash(), k -> new ArrayList<>()).add(vote.signature());
    return true;
  }

  List<VoteSignature> signatures(int round, Hash blockHash) {
    RoundVotes r = rounds.get(round);
    if (r == null) {
      return List.of();
    }
    return r.byBlock.getOrDefault(blockHash, List.of());
  }

  /** Marks the round certified; false when it already was, so each round yields one certificate. */
  boolean markCertified(int round) {
    RoundVotes r = rounds.computeIfAbsent(round, k -> new RoundVotes());
    if (r.certified) {
      return false;
    }
    r.certified = true;
    return true;
  }

  void pruneBelow(int round) {
    rounds.headMap(round).clear();
  }

  int size() {
    int total = 0;
    for (RoundVotes r : rounds.values()) {
      total += r.bySigner.size();
    }
    return total;
  }

  private static final class RoundVotes {
    final Map<Address, Vote> bySigner = new HashMap<>();
    final Map<Hash, List<VoteSignature>> byBlock = new LinkedHashMap<>();
    boolean certified;
  }
}
