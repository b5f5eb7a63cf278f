package io.trestle.p2p;

import io.trestle.core.Address;

/**
 * Peer events. Called on I/O threads after the network's state has changed, so {@link P2pNetwork#send} to
 * a just-connected peer works; implementations must not block.
 */
public interface PeerListener {
  /** A peer is authenticated and admitted; fired once per peer even if the connection is later replaced. */
  default void onConnected(Address peer) {}

  /** The last connection to a peer is gone. */
  default void onDisconnected(Address peer, String reason) {}

  /** A peer was banned (its connections are being closed). */
  default void onBanned(Address peer, String reason) {}
}
