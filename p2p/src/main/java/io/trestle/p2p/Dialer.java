package io.trestle.p2p;

import io.trestle.core.Address;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one static peer connected. Level-triggered: {@link #maybeDial} is safe to call at any time (timers,
 * events, the maintenance tick) and dials only when there is no live session with the peer, no attempt in
 * flight and the back-off has passed. Consecutive failures back off exponentially with jitter; a session that
 * authenticated resets the count.
 */
final class Dialer {
  private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);

  private final P2pNetwork network;
  final PeerEndpoint endpoint;
  private Address knownAddress;
  private int failures;
  private long nextAttemptNanos;
  private long attempt;
  private boolean inProgress;
  private boolean stopped;
  private long stateSinceMs = System.currentTimeMillis();

  Dialer(P2pNetwork network, PeerEndpoint endpoint) {
    this.network = network;
    this.endpoint = endpoint;
    this.knownAddress = endpoint.expectedAddress().orElse(null);
  }

  synchronized Optional<Address> knownAddress() {
    return Optional.ofNullable(knownAddress);
  }

  synchronized void maybeDial() {
    if (stopped || inProgress) {
      return;
    }
    if (knownAddress != null && network.isConnected(knownAddress)) {
      return;
    }
    long now = System.nanoTime();
    if (knownAddress != null && network.isBanned(knownAddress)) {
      nextAttemptNanos = Math.max(nextAttemptNanos, now + network.banRemainingMs(knownAddress) * 1_000_000L);
    }
    if (now - nextAttemptNanos < 0) {
      return;
    }
    inProgress = true;
    stateSinceMs = System.currentTimeMillis();
    long thisAttempt = ++attempt;
    network.dial(this, thisAttempt);
  }

  /** The connection of attempt {@code n} closed or never opened; {@code authenticated} if it had become a session. */
  void attemptEnded(long n, boolean authenticated, String reason) {
    long delayMs;
    synchronized (this) {
      if (n != attempt || !inProgress) {
        return;
      }
      inProgress = false;
      failures = authenticated ? 0 : failures + 1;
      delayMs = Backoff.delayMs(failures, network.config().redialBaseMs(), network.config().redialMaxMs(),
          ThreadLocalRandom.current());
      nextAttemptNanos = System.nanoTime() + delayMs * 1_000_000L;
      stateSinceMs = System.currentTimeMillis();
      if (stopped) {
        return;
      }
    }
    if (!authenticated) {
      LOG.debug("dial failed node={} endpoint={} reason={} retryMs={}", network.name(), endpoint, reason, delayMs);
    }
    network.schedule(this::maybeDial, delayMs);
  }

  /** The handshake of our connection named this peer. */
  synchronized void learned(Address address) {
    knownAddress = address;
    failures = 0;
    stateSinceMs = System.currentTimeMillis();
  }

  /** The last session with our peer ended (whichever side dialed it): dial again soon. */
  void peerLost() {
    long delayMs = Backoff.delayMs(0, network.config().redialBaseMs(), network.config().redialMaxMs(),
        ThreadLocalRandom.current());
    synchronized (this) {
      nextAttemptNanos = Math.max(nextAttemptNanos, System.nanoTime() + delayMs * 1_000_000L);
      stateSinceMs = System.currentTimeMillis();
    }
    network.schedule(this::maybeDial, delayMs);
  }

  /** The endpoint is this node itself: never dial it again. */
  void stopAsSelf() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    LOG.warn("static peer is this node itself, no longer dialing node={} endpoint={}", network.name(), endpoint);
  }

  synchronized void stop() {
    stopped = true;
  }

  synchronized boolean isInProgress() {
    return inProgress;
  }

  synchronized PeerInfo info() {
    PeerState state;
    if (knownAddress != null && network.isConnected(knownAddress)) {
      state = PeerState.CONNECTED;
    } else if (knownAddress != null && network.isBanned(knownAddress)) {
      state = PeerState.BANNED;
    } else if (inProgress) {
      state = PeerState.CONNECTING;
    } else {
      state = PeerState.BACKING_OFF;
    }
    return new PeerInfo(Optional.ofNullable(knownAddress), endpoint.toString(), state, PeerInfo.Direction.OUTBOUND,
        stateSinceMs);
  }
}
