package io.trestle.p2p;

import io.trestle.core.Address;
import java.util.Optional;

/**
 * One line of {@link P2pNetwork#peers()}. The address is empty for a static peer never reached; the
 * direction says who dialed ({@code outbound}: this node) for a connected peer.
 */
public record PeerInfo(Optional<Address> address, String endpoint, PeerState state, Direction direction, long sinceMs) {
  /** Who opened a connection. */
  public enum Direction { INBOUND, OUTBOUND }
}
