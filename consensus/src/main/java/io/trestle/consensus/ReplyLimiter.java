package io.trestle.consensus;

import io.trestle.core.Address;
import java.util.HashMap;
import java.util.Map;

/**
 * Rate limit for catch-up replies (docs/consensus.md lines 50, 51, 54): a peer gets a reply when it asks about a
 * later (height, round) than last time, or when {@code intervalMs} passed since the last reply, so a lagging
 * peer whose first reply was lost still gets another one, while a flood earns at most one reply per message.
 * Bounded: the map is cleared when it reaches {@link #PEERS_MAX} entries.
 */
final class ReplyLimiter {
  static final int PEERS_MAX = 256;

  private final long intervalMs;
  private final Map<Address, long[]> last = new HashMap<>();

  ReplyLimiter(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  boolean allow(Address peer, long height, long round, long nowMs) {
    long[] previous = last.get(peer);
    boolean later = previous == null || height > previous[0] || (height == previous[0] && round > previous[1]);
    if (!later && nowMs - previous[2] < intervalMs) {
      return false;
    }
    if (last.size() >= PEERS_MAX && previous == null) {
      last.clear();
    }
    last.put(peer, new long[] {height, round, nowMs});
    return true;
  }

  int size() {
    return last.size();
  }
}
