package io.trestle.consensus;

import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.core.Address;
import java.util.Objects;

/**
 * Two statements signed by one validator for the same height, round and kind that contradict each other
 * (two different proposals, prepare votes or commit votes): proof of Byzantine behaviour that governance can
 * act on. An honest validator never produces it (S2).
 */
public record Evidence(Address offender, ConsensusMessage first, ConsensusMessage second) {
  public Evidence {
    Objects.requireNonNull(offender, "offender");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
  }
}
