package io.trestle.consensus.wire;

import io.trestle.consensus.cert.Codec;

final class Messages {
  private Messages() {}

  static void requireHeightRound(long height, int round, String what) {
    if (height < 0) {
      throw new IllegalArgumentException(what + " height must be >= 0, got " + height);
    }
    if (round < 0 || round > Codec.MAX_ROUND) {
      throw new IllegalArgumentException(what + " round must be 0.." + Codec.MAX_ROUND + ", got " + round);
    }
  }
}
