package io.trestle.p2p.gossip;

import io.trestle.core.Address;

/** Receives each gossiped item once. */
@FunctionalInterface
public interface GossipHandler {
  /**
   * Takes a new item from {@code from}; returns whether to forward it to the other peers (false for an item
   * that fails cheap validity checks, so junk stops at the first honest node).
   */
  boolean onItem(Address from, byte[] payload);
}
