package io.trestle.consensus;

import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.consensus.wire.Proposal;
import io.trestle.core.Address;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signature-checked messages for the height after the current one, replayed when it starts: faster validators
 * move on and propose and vote while this node still executes. Per validator at most one proposal (the
 * lowest round) and {@code perSenderMax} other messages; the oldest are dropped first.
 */
final class NextHeightBuffer {
  private final int perSenderMax;
  private long height;
  private final Map<Address, Proposal> proposals = new LinkedHashMap<>();
  private final Map<Address, ArrayDeque<ConsensusMessage>> others = new LinkedHashMap<>();

  NextHeightBuffer(int perSenderMax) {
    this.perSenderMax = perSenderMax;
  }

  long height() {
    return height;
  }

  void reset(long newHeight) {
    height = newHeight;
    proposals.clear();
    others.clear();
  }

  void add(Address signer, ConsensusMessage message) {
    if (message instanceof Proposal p) {
      Proposal kept = proposals.get(signer);
      if (kept == null || p.round() < kept.round()) {
        proposals.put(signer, p);
      }
      return;
    }
    ArrayDeque<ConsensusMessage> queue = others.computeIfAbsent(signer, k -> new ArrayDeque<>());
    if (queue.size() >= perSenderMax) {
      queue.pollFirst();
    }
    queue.addLast(message);
  }

  /** Everything kept, proposals first, then the rest in arrival order per sender; empties the buffer. */
  List<ConsensusMessage> drain() {
    List<ConsensusMessage> all = new ArrayList<>(proposals.values());
    for (ArrayDeque<ConsensusMessage> q : others.values()) {
      all.addAll(q);
    }
    proposals.clear();
    others.clear();
    return all;
  }

  int size() {
    int total = proposals.size();
    for (ArrayDeque<ConsensusMessage> q : others.values()) {
      total += q.size();
    }
    return total;
  }
}
