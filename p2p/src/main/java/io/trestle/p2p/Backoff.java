package io.trestle.p2p;

import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter for re-dialing: the n-th consecutive failure waits a uniform time in
 * [d/2, d] with d = min(max, base · 2^n). The jitter keeps nodes that lost a peer at the same moment from
 * dialing it in lock-step.
 */
final class Backoff {
  private Backoff() {}

  static long delayMs(int failures, long baseMs, long maxMs, RandomGenerator random) {
    int shift = Math.min(Math.max(failures, 0), 30);
    long ceiling = baseMs << shift;
    long d = ceiling <= 0 || ceiling > maxMs ? maxMs : ceiling;
    long half = d / 2;
    return half + random.nextLong(d - half + 1);
  }
}
