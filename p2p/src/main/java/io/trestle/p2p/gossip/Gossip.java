package io.trestle.p2p.gossip;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.crypto.Sha256;
import io.trestle.p2p.P2pNetwork;
import io.trestle.p2p.ProtocolOptions;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Gossip over one protocol id (ADR 0203). {@link #publish} sends a local item to all peers; an item from a
 * peer is handed to the {@link GossipHandler} once and, if it says so, forwarded to every peer except the one
 * it came from. Items are de-duplicated by their id (by default SHA-256 of the payload; the node passes the
 * transaction hash) in a bounded {@link SeenSet}.
 *
 * <p>Construct before {@link P2pNetwork#start}. The handler runs where {@code options} say; forwarding happens
 * after it returns, on the same thread.
 */
public final class Gossip {
  /** Payload limit when none is given: a large transaction with room to spare. */
  public static final int DEFAULT_PAYLOAD_BYTES_MAX = 256 * 1024;
  public static final int DEFAULT_SEEN_MAX = 50_000;

  private final P2pNetwork network;
  private final int protocol;
  private final Function<byte[], Hash> idOf;
  private final GossipHandler handler;
  private final SeenSet seen;
  private final AtomicLong duplicates = new AtomicLong();

  public Gossip(P2pNetwork network, int protocol, GossipHandler handler) {
    this(network, protocol, ProtocolOptions.onIoThread(DEFAULT_PAYLOAD_BYTES_MAX), DEFAULT_SEEN_MAX,
        payload -> Hash.wrap(Sha256.hash(payload)), handler);
  }

  public Gossip(P2pNetwork network, int protocol, ProtocolOptions options, int seenMax, Function<byte[], Hash> idOf,
      GossipHandler handler) {
    this.network = Objects.requireNonNull(network, "network");
    this.protocol = protocol;
    this.idOf = Objects.requireNonNull(idOf, "idOf");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.seen = new SeenSet(seenMax);
    network.register(protocol, options, this::onMessage);
  }

  /** Sends a local item to every peer; false (sending nothing) if it was already seen. */
  public boolean publish(byte[] payload) {
    if (!seen.add(idOf.apply(payload))) {
      return false;
    }
    network.broadcast(protocol, payload);
    return true;
  }

  /** Items received again after their first arrival; a measure of redundancy. */
  public long duplicates() {
    return duplicates.get();
  }

  public boolean hasSeen(Hash id) {
    return seen.contains(id);
  }

  private void onMessage(Address from, byte[] payload) {
    if (!seen.add(idOf.apply(payload))) {
      duplicates.incrementAndGet();
      return;
    }
    if (handler.onItem(from, payload)) {
      network.broadcastExcept(from, protocol, payload);
    }
  }
}
