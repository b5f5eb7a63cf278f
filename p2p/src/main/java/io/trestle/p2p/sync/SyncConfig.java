package io.trestle.p2p.sync;

/**
 * Tunables of block sync.
 *
 * @param blocksPerRequest heights asked for in one request
 * @param requestsInFlightMax requests outstanding at once, over all peers
 * @param requestsPerPeerMax requests outstanding at once to one peer
 * @param requestTimeoutMs a request unanswered by then goes to another peer
 * @param peerCooldownMs a peer that timed out or had nothing is not asked again for this long
 * @param responseBytesMax soft size of one response (the first block always fits up to the payload limit)
 * @param windowBlocks how far beyond the local height requests may run ahead (bounds buffered responses)
 * @param statusIntervalMs period of the status broadcast
 * @param tickIntervalMs period of the timeout check
 * @param serveBlocksMax heights served for one request
 * @param servePendingPerPeerMax requests from one peer being served at once; more get it banned
 */
public record SyncConfig(
    int blocksPerRequest,
    int requestsInFlightMax,
    int requestsPerPeerMax,
    long requestTimeoutMs,
    long peerCooldownMs,
    int responseBytesMax,
    long windowBlocks,
    long statusIntervalMs,
    long tickIntervalMs,
    int serveBlocksMax,
    int servePendingPerPeerMax) {

  public SyncConfig {
    requireRange("blocksPerRequest", blocksPerRequest, 1, SyncMessage.BLOCKS_PER_MESSAGE_MAX);
    requireRange("requestsInFlightMax", requestsInFlightMax, 1, 1024);
    requireRange("requestsPerPeerMax", requestsPerPeerMax, 1, requestsInFlightMax);
    requireRange("requestTimeoutMs", requestTimeoutMs, 10, 600_000);
    requireRange("peerCooldownMs", peerCooldownMs, 0, 600_000);
    requireRange("responseBytesMax", responseBytesMax, 1024, SyncMessage.PAYLOAD_BYTES_MAX);
    requireRange("windowBlocks", windowBlocks, blocksPerRequest, 1_000_000);
    requireRange("statusIntervalMs", statusIntervalMs, 10, 600_000);
    requireRange("tickIntervalMs", tickIntervalMs, 10, 60_000);
    requireRange("serveBlocksMax", serveBlocksMax, 1, SyncMessage.BLOCKS_PER_MESSAGE_MAX);
    requireRange("servePendingPerPeerMax", servePendingPerPeerMax, 1, 1024);
  }

  public static SyncConfig defaults() {
    return new SyncConfig(32, 8, 2, 5_000, 2_000, 4 * 1024 * 1024, 512, 2_000, 200, 256, 4);
  }

  public SyncConfig withBlocksPerRequest(int v) {
    return new SyncConfig(v, requestsInFlightMax, requestsPerPeerMax, requestTimeoutMs, peerCooldownMs,
        responseBytesMax, Math.max(windowBlocks, v), statusIntervalMs, tickIntervalMs, serveBlocksMax,
        servePendingPerPeerMax);
  }

  public SyncConfig withRequestTimeoutMs(long v) {
    return new SyncConfig(blocksPerRequest, requestsInFlightMax, requestsPerPeerMax, v, peerCooldownMs,
        responseBytesMax, windowBlocks, statusIntervalMs, tickIntervalMs, serveBlocksMax, servePendingPerPeerMax);
  }

  public SyncConfig withStatusIntervalMs(long v) {
    return new SyncConfig(blocksPerRequest, requestsInFlightMax, requestsPerPeerMax, requestTimeoutMs, peerCooldownMs,
        responseBytesMax, windowBlocks, v, tickIntervalMs, serveBlocksMax, servePendingPerPeerMax);
  }

  private static void requireRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
