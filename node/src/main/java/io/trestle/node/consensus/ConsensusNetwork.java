package io.trestle.node.consensus;

import io.trestle.core.Address;

/** How the driver reaches other validators; the p2p module implements it, a single validator needs none. */
public interface ConsensusNetwork {
  ConsensusNetwork NONE = new ConsensusNetwork() {
    @Override
    public void send(Address peer, byte[] message) {}

    @Override
    public void broadcast(byte[] message) {}

    @Override
    public void requestSync(Address peer, long fromHeight, long toHeight) {}
  };

  void send(Address peer, byte[] message);

  void broadcast(byte[] message);

  /** A peer sent something provably bad (its own invalid signature): disconnect and ban it for a while. */
  default void reportMisbehaviour(Address peer, String reason) {}

  /** Fetch committed blocks with certificates; results come back as CommittedBlockReceived events. */
  void requestSync(Address peer, long fromHeight, long toHeight);
}
