package io.trestle.p2p;

/**
 * Protocol ids on the wire (2 bytes). The transport owns 0; the ids below are the ones the node uses for its
 * components, gathered here so two components never share one.
 */
public final class Protocols {
  /** The transport's keep-alive; cannot be registered. */
  public static final int KEEPALIVE = 0;
  /** Block sync: status, block-range requests and responses ({@code io.trestle.p2p.sync}). */
  public static final int BLOCK_SYNC = 1;
  /** Transaction gossip ({@code io.trestle.p2p.gossip}). */
  public static final int TX_GOSSIP = 2;
  /** Consensus messages (proposals, votes, timeouts), opaque to the transport. */
  public static final int CONSENSUS = 3;
  /** The largest id a protocol can have. */
  public static final int MAX = 0xffff;

  private Protocols() {}
}
