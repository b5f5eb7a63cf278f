package io.trestle.consensus;

import io.trestle.consensus.wire.Block;

/**
 * Tuning of one engine. All validators of a chain must agree on {@code chainId}; the timing values may differ
 * per node but {@code maxRoundTimeoutMs} must exceed the round-trip budget of docs/consensus.md §5.
 *
 * @param chainId signed into every consensus digest, so a signature never counts on another chain
 * @param blockIntervalMs the leader of round 0 waits this long after the parent's timestamp (line 7)
 * @param baseRoundTimeoutMs T(0); T(r) = base·2^r capped (line 45)
 * @param maxRoundTimeoutMs the cap of T(r)
 * @param maxClockSkewMs a fresh block's timestamp may be at most this far ahead of the voter's clock (line 15)
 * @param roundsAheadMax votes and timeouts for rounds further ahead of the current round are dropped
 * @param nextHeightMessagesPerSenderMax messages of the next height kept per validator until it starts
 * @param maxPayloadBytes proposals with larger payloads are refused
 * @param replyIntervalMs the same peer gets the same catch-up reply at most once per interval (lines 50, 51)
 */
public record EngineConfig(
    long chainId,
    long blockIntervalMs,
    long baseRoundTimeoutMs,
    long maxRoundTimeoutMs,
    long maxClockSkewMs,
    int roundsAheadMax,
    int nextHeightMessagesPerSenderMax,
    int maxPayloadBytes,
    long replyIntervalMs) {
  public EngineConfig {
    requireNonNegative(chainId, "chainId");
    requireNonNegative(blockIntervalMs, "blockIntervalMs");
    if (baseRoundTimeoutMs <= 0) {
      throw new IllegalArgumentException("baseRoundTimeoutMs must be > 0, got " + baseRoundTimeoutMs);
    }
    if (maxRoundTimeoutMs < baseRoundTimeoutMs) {
      throw new IllegalArgumentException(
          "maxRoundTimeoutMs " + maxRoundTimeoutMs + " must be >= baseRoundTimeoutMs " + baseRoundTimeoutMs);
    }
    requireNonNegative(maxClockSkewMs, "maxClockSkewMs");
    if (roundsAheadMax < 1) {
      throw new IllegalArgumentException("roundsAheadMax must be >= 1, got " + roundsAheadMax);
    }
    if (nextHeightMessagesPerSenderMax < 1) {
      throw new IllegalArgumentException(
          "nextHeightMessagesPerSenderMax must be >= 1, got " + nextHeightMessagesPerSenderMax);
    }
    if (maxPayloadBytes < 0 || maxPayloadBytes > Block.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be 0.." + Block.MAX_PAYLOAD_BYTES + ", got " + maxPayloadBytes);
    }
    requireNonNegative(replyIntervalMs, "replyIntervalMs");
  }

  /** One-second blocks and round timeouts from 1 s doubling to 60 s: comfortable for LAN and WAN sets. */
  public static EngineConfig defaults(long chainId) {
    return new EngineConfig(chainId, 1_000, 1_000, 60_000, 500, 16, 16, 4 * 1024 * 1024, 1_000);
  }

  public EngineConfig withBlockIntervalMs(long value) {
    return new EngineConfig(chainId, value, baseRoundTimeoutMs, maxRoundTimeoutMs, maxClockSkewMs, roundsAheadMax,
        nextHeightMessagesPerSenderMax, maxPayloadBytes, replyIntervalMs);
  }

  public EngineConfig withRoundTimeouts(long baseMs, long maxMs) {
    return new EngineConfig(chainId, blockIntervalMs, baseMs, maxMs, maxClockSkewMs, roundsAheadMax,
        nextHeightMessagesPerSenderMax, maxPayloadBytes, baseMs);
  }

  public EngineConfig withMaxClockSkewMs(long value) {
    return new EngineConfig(chainId, blockIntervalMs, baseRoundTimeoutMs, maxRoundTimeoutMs, value, roundsAheadMax,
        nextHeightMessagesPerSenderMax, maxPayloadBytes, replyIntervalMs);
  }

  /** T(r) = min(base·2^r, max) (docs/consensus.md line 45). */
  public long roundTimeoutMs(int round) {
    if (round >= 62 || baseRoundTimeoutMs > (maxRoundTimeoutMs >> Math.min(round, 62))) {
      return maxRoundTimeoutMs;
    }
    return Math.min(baseRoundTimeoutMs << round, maxRoundTimeoutMs);
  }

  private static void requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }
}
