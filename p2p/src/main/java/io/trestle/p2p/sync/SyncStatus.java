package io.trestle.p2p.sync;

/**
 * Where sync stands: the local height, the best height a connected peer reported, and the work in flight.
 * {@link #caughtUp()} is what the node waits for before joining consensus.
 */
public record SyncStatus(long localHeight, long bestPeerHeight, int peersWithStatus, int requestsInFlight,
    int batchesBuffered) {
  public boolean caughtUp() {
    return localHeight >= bestPeerHeight;
  }
}
