package io.trestle.p2p;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Banned peers until a deadline. Keys are node addresses (authenticated peers) or {@link java.net.InetAddress}es
 * (hosts that sent junk before authenticating). Thread-safe; expired entries go on lookup and on
 * {@link #expire}.
 */
final class BanList {
  private final Map<Object, Long> untilNanos = new ConcurrentHashMap<>();

  void ban(Object key, long durationMs, long nowNanos) {
    long until = nowNanos + durationMs * 1_000_000L;
    untilNanos.merge(key, until, Math::max);
  }

  boolean isBanned(Object key, long nowNanos) {
    Long until = untilNanos.get(key);
    if (until == null) {
      return false;
    }
    if (until - nowNanos <= 0) {
      untilNanos.remove(key, until);
      return false;
    }
    return true;
  }

  /** Milliseconds left on a ban, 0 if none. */
  long remainingMs(Object key, long nowNanos) {
    Long until = untilNanos.get(key);
    return until == null ? 0 : Math.max(0, (until - nowNanos) / 1_000_000L);
  }

  void expire(long nowNanos) {
    untilNanos.entrySet().removeIf(e -> e.getValue() - nowNanos <= 0);
  }
}
