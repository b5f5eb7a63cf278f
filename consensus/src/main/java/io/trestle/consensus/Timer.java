package io.trestle.consensus;

import java.util.Objects;

/**
 * A timer the engine asked for. Timers are never cancelled: one that fires after the engine left its height or
 * round is ignored, which keeps drivers simple.
 */
public record Timer(Kind kind, long height, int round) {
  /** ROUND: the round's timeout (lines 4, 31, 45). PROPOSE: the block interval of round 0 has passed (line 5). */
  public enum Kind {
    ROUND,
    PROPOSE
  }

  public Timer {
    Objects.requireNonNull(kind, "kind");
  }
}
