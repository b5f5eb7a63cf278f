package io.trestle.p2p;

import io.netty.channel.Channel;
import io.trestle.core.Address;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An authenticated, admitted connection to one peer. Sending may happen from any thread: the message is
 * counted against the peer's outbound bounds here and encrypted later, on the channel's event loop, in write
 * order (so frame counters follow the order of the bytes on the wire).
 */
final class Session {
  /** Frame header, protocol id and tag around a payload, for the byte bound. */
  static final int FRAME_OVERHEAD_BYTES = Frames.HEADER_BYTES + Envelope.HEADER_BYTES + SessionSuite.TAG_BYTES;

  final Address peer;
  final Channel channel;
  final PeerInfo.Direction direction;
  final long connectedAtMs;
  final SessionCipher send;
  final SessionCipher receive;
  private final TokenBucket inboundMessages;
  private final TokenBucket inboundBytes;
  private final int queuedMessagesMax;
  private final long queuedBytesMax;
  private final AtomicInteger queuedMessages = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  /** Set by the network when admitted: false when this connection replaced another to the same peer. */
  boolean firstForPeer;

  Session(Address peer, Channel channel, PeerInfo.Direction direction, Handshake.Result keys, P2pConfig config,
      long nowNanos) {
    this.peer = peer;
    this.channel = channel;
    this.direction = direction;
    this.connectedAtMs = System.currentTimeMillis();
    this.send = keys.send();
    this.receive = keys.receive();
    this.inboundMessages = new TokenBucket(config.inboundMessagesPerSecond(), config.inboundMessagesPerSecond(), nowNanos);
    this.inboundBytes = new TokenBucket(config.inboundBytesPerSecond(), config.inboundBytesPerSecond(), nowNanos);
    this.queuedMessagesMax = config.outboundQueueMessagesMax();
    this.queuedBytesMax = config.outboundQueueBytesMax();
  }

  /** The peer who opened the connection. */
  Address initiator(Address self) {
    return direction == PeerInfo.Direction.OUTBOUND ? self : peer;
  }

  /**
   * Queues a message; false when the connection is gone or the queue is full. A full queue means the peer
   * cannot keep up: {@code onOverflow} is told so the connection is closed (and re-dialed) rather than
   * silently dropping a consensus message while the connection looks healthy.
   */
  boolean send(int protocol, byte[] payload, Runnable onOverflow) {
    if (!channel.isActive()) {
      return false;
    }
    long size = (long) payload.length + FRAME_OVERHEAD_BYTES;
    int messages = queuedMessages.incrementAndGet();
    long bytes = queuedBytes.addAndGet(size);
    if (messages > queuedMessagesMax || bytes > queuedBytesMax) {
      queuedMessages.decrementAndGet();
      queuedBytes.addAndGet(-size);
      onOverflow.run();
      return false;
    }
    channel.writeAndFlush(new Outbound(protocol, payload)).addListener(done -> {
      queuedMessages.decrementAndGet();
      queuedBytes.addAndGet(-size);
    });
    return true;
  }

  int queuedMessages() {
    return queuedMessages.get();
  }

  long queuedBytes() {
    return queuedBytes.get();
  }

  /** Charges one received frame to the rate limits; the nanoseconds to stop reading, 0 if none. */
  long chargeInbound(int frameBytes, long nowNanos) {
    return Math.max(inboundMessages.take(1, nowNanos), inboundBytes.take(frameBytes, nowNanos));
  }

  /** A message waiting for its turn on the event loop to be encrypted and framed. */
  record Outbound(int protocol, byte[] payload) {}
}
