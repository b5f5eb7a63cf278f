package io.trestle.p2p;

import io.trestle.core.Address;

/**
 * Receives the payloads of one protocol from authenticated peers. Runs where the protocol's
 * {@link ProtocolOptions} say: on the connection's I/O thread (then it must not block; messages of one peer
 * arrive in order) or on the given executor. Exceptions it throws are logged and the message is dropped; to
 * punish a peer for what it sent, call {@link P2pNetwork#reportMisbehaviour}.
 */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(Address peer, byte[] payload);
}
