package io.trestle.p2p;

import java.util.List;

/**
 * Tunables of the network, each with a limit and a unit in its name; {@link #defaults()} fits a node of a
 * 4–5 node network sharing two cores. Validated at construction: a bad value is a programmer's or operator's
 * error caught before anything starts.
 *
 * @param name short label for thread names and log lines (e.g. {@code node0}); empty means the node address
 * @param ioThreads Netty worker threads (one more thread accepts connections)
 * @param staticPeers peers to dial and keep dialing
 * @param handshakeTimeoutMs a connection not authenticated by then is closed
 * @param connectTimeoutMs TCP connect timeout when dialing
 * @param pendingHandshakesMax unauthenticated inbound connections held at once; more are closed at once
 * @param peersMax authenticated connections held at once
 * @param redialBaseMs first back-off after a failed dial; doubles per failure
 * @param redialMaxMs back-off ceiling
 * @param banMs how long an authenticated peer that misbehaved stays banned
 * @param unauthenticatedBanMs how long a host that sent junk before authenticating stays banned; 0 disables
 * @param outboundQueueMessagesMax messages queued to one peer before it is disconnected
 * @param outboundQueueBytesMax bytes queued to one peer before it is disconnected
 * @param inboundMessagesPerSecond token-bucket rate (and one-second burst) of messages read from one peer
 * @param inboundBytesPerSecond token-bucket rate (and one-second burst) of bytes read from one peer
 * @param keepaliveIntervalMs a keep-alive frame is sent after this long without writing
 * @param idleTimeoutMs a connection silent for this long is closed
 * @param framesPerDirectionMax frames one session may carry per direction before it is closed to re-key
 * @param maintenanceIntervalMs period of the tick that re-checks admission, bans and dialing
 */
public record P2pConfig(
    String name,
    int ioThreads,
    List<PeerEndpoint> staticPeers,
    long handshakeTimeoutMs,
    int connectTimeoutMs,
    int pendingHandshakesMax,
    int peersMax,
    long redialBaseMs,
    long redialMaxMs,
    long banMs,
    long unauthenticatedBanMs,
    int outboundQueueMessagesMax,
    long outboundQueueBytesMax,
    int inboundMessagesPerSecond,
    long inboundBytesPerSecond,
    long keepaliveIntervalMs,
    long idleTimeoutMs,
    long framesPerDirectionMax,
    long maintenanceIntervalMs) {

  public P2pConfig {
    name = name == null ? "" : name;
    staticPeers = List.copyOf(staticPeers);
    requireRange("ioThreads", ioThreads, 1, 64);
    requireRange("handshakeTimeoutMs", handshakeTimeoutMs, 10, 600_000);
    requireRange("connectTimeoutMs", connectTimeoutMs, 10, 600_000);
    requireRange("pendingHandshakesMax", pendingHandshakesMax, 1, 100_000);
    requireRange("peersMax", peersMax, 1, 100_000);
    requireRange("redialBaseMs", redialBaseMs, 1, 3_600_000);
    requireRange("redialMaxMs", redialMaxMs, redialBaseMs, 3_600_000);
    requireRange("banMs", banMs, 0, 86_400_000);
    requireRange("unauthenticatedBanMs", unauthenticatedBanMs, 0, 86_400_000);
    requireRange("outboundQueueMessagesMax", outboundQueueMessagesMax, 1, 10_000_000);
    requireRange("outboundQueueBytesMax", outboundQueueBytesMax, Frames.SESSION_FRAME_BYTES_MAX, 1L << 40);
    requireRange("inboundMessagesPerSecond", inboundMessagesPerSecond, 1, 100_000_000);
    requireRange("inboundBytesPerSecond", inboundBytesPerSecond, 1024, 1L << 40);
    requireRange("keepaliveIntervalMs", keepaliveIntervalMs, 10, 3_600_000);
    requireRange("idleTimeoutMs", idleTimeoutMs, keepaliveIntervalMs + 1, 3_600_000);
    requireRange("framesPerDirectionMax", framesPerDirectionMax, 2, Long.MAX_VALUE);
    requireRange("maintenanceIntervalMs", maintenanceIntervalMs, 10, 600_000);
  }

  public static P2pConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.ioThreads = ioThreads;
    b.staticPeers = staticPeers;
    b.handshakeTimeoutMs = handshakeTimeoutMs;
    b.connectTimeoutMs = connectTimeoutMs;
    b.pendingHandshakesMax = pendingHandshakesMax;
    b.peersMax = peersMax;
    b.redialBaseMs = redialBaseMs;
    b.redialMaxMs = redialMaxMs;
    b.banMs = banMs;
    b.unauthenticatedBanMs = unauthenticatedBanMs;
    b.outboundQueueMessagesMax = outboundQueueMessagesMax;
    b.outboundQueueBytesMax = outboundQueueBytesMax;
    b.inboundMessagesPerSecond = inboundMessagesPerSecond;
    b.inboundBytesPerSecond = inboundBytesPerSecond;
    b.keepaliveIntervalMs = keepaliveIntervalMs;
    b.idleTimeoutMs = idleTimeoutMs;
    b.framesPerDirectionMax = framesPerDirectionMax;
    b.maintenanceIntervalMs = maintenanceIntervalMs;
    return b;
  }

  private static void requireRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + value);
    }
  }

  /** Defaults, each overridable. */
  public static final class Builder {
    private String name = "";
    private int ioThreads = 2;
    private List<PeerEndpoint> staticPeers = List.of();
    private long handshakeTimeoutMs = 5_000;
    private int connectTimeoutMs = 3_000;
    private int pendingHandshakesMax = 32;
    private int peersMax = 64;
    private long redialBaseMs = 250;
    private long redialMaxMs = 30_000;
    private long banMs = 60_000;
    private long unauthenticatedBanMs = 60_000;
    private int outboundQueueMessagesMax = 4_096;
    private long outboundQueueBytesMax = 48L * 1024 * 1024;
    private int inboundMessagesPerSecond = 5_000;
    private long inboundBytesPerSecond = 32L * 1024 * 1024;
    private long keepaliveIntervalMs = 5_000;
    private long idleTimeoutMs = 30_000;
    private long framesPerDirectionMax = 1L << 32;
    private long maintenanceIntervalMs = 1_000;

    private Builder() {}

    public Builder name(String v) { name = v; return this; }
    public Builder ioThreads(int v) { ioThreads = v; return this; }
    public Builder staticPeers(List<PeerEndpoint> v) { staticPeers = v; return this; }
    public Builder handshakeTimeoutMs(long v) { handshakeTimeoutMs = v; return this; }
    public Builder connectTimeoutMs(int v) { connectTimeoutMs = v; return this; }
    public Builder pendingHandshakesMax(int v) { pendingHandshakesMax = v; return this; }
    public Builder peersMax(int v) { peersMax = v; return this; }
    public Builder redialBaseMs(long v) { redialBaseMs = v; return this; }
    public Builder redialMaxMs(long v) { redialMaxMs = v; return this; }
    public Builder banMs(long v) { banMs = v; return this; }
    public Builder unauthenticatedBanMs(long v) { unauthenticatedBanMs = v; return this; }
    public Builder outboundQueueMessagesMax(int v) { outboundQueueMessagesMax = v; return this; }
    public Builder outboundQueueBytesMax(long v) { outboundQueueBytesMax = v; return this; }
    public Builder inboundMessagesPerSecond(int v) { inboundMessagesPerSecond = v; return this; }
    public Builder inboundBytesPerSecond(long v) { inboundBytesPerSecond = v; return this; }
    public Builder keepaliveIntervalMs(long v) { keepaliveIntervalMs = v; return this; }
    public Builder idleTimeoutMs(long v) { idleTimeoutMs = v; return this; }
    public Builder framesPerDirectionMax(long v) { framesPerDirectionMax = v; return this; }
    public Builder maintenanceIntervalMs(long v) { maintenanceIntervalMs = v; return this; }

    public P2pConfig build() {
      return new P2pConfig(name, ioThreads, staticPeers, handshakeTimeoutMs, connectTimeoutMs, pendingHandshakesMax,
          peersMax, redialBaseMs, redialMaxMs, banMs, unauthenticatedBanMs, outboundQueueMessagesMax,
          outboundQueueBytesMax, inboundMessagesPerSecond, inboundBytesPerSecond, keepaliveIntervalMs, idleTimeoutMs,
          framesPerDirectionMax, maintenanceIntervalMs);
    }
  }
}
