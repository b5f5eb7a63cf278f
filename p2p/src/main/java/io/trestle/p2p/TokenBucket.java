package io.trestle.p2p;

/**
 * A token bucket that may go into debt: taking more than is there succeeds and says how long until the
 * balance is back to zero. The connection then stops reading for that long, so a fast peer is slowed by TCP
 * back-pressure instead of losing messages, and one large message (a block-sync response) never deadlocks a
 * bucket smaller than itself. Time is passed in, so tests need no clock.
 */
final class TokenBucket {
  private final double ratePerNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
    if (ratePerSecond <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("rate and capacity must be positive, got " + ratePerSecond + ", " + capacity);
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = capacity;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  /** Takes {@code amount} tokens; returns 0 if the balance stays non-negative, else the nanoseconds until it is. */
  long take(double amount, long nowNanos) {
    refill(nowNanos);
    tokens -= amount;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
  }

  double tokens(long nowNanos) {
    refill(nowNanos);
    return tokens;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
      lastNanos = nowNanos;
    }
  }
}
