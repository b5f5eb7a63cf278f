package io.trestle.p2p;

/** Where a peer stands, as {@link P2pNetwork#peers()} reports it. */
public enum PeerState {
  /** A static peer being dialed or in its handshake. */
  CONNECTING,
  /** A static peer waiting for its next dial after a failure or disconnect. */
  BACKING_OFF,
  /** Authenticated, encrypted and admitted. */
  CONNECTED,
  /** A static peer whose address is banned; it is dialed again when the ban ends. */
  BANNED
}
