package io.trestle.node.identity;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.services.did.ContractStorage;
import io.trestle.state.world.WorldState;

/** A system contract's storage in a committed world state, read-only: what resolvers and queries read. */
final class StateStorage implements ContractStorage {
  private final WorldState state;
  private final Address contract;

  StateStorage(WorldState state, Address contract) {
    this.state = state;
    this.contract = contract;
  }

  @Override
  public UInt256 load(UInt256 slot) {
    return UInt256.fromBytes(state.storage(contract, Bytes.wrap(slot.toArray())).unsafeArray());
  }

  @Override
  public void store(UInt256 slot, UInt256 value) {
    throw new IllegalStateException("committed state of " + contract + " is read-only");
  }
}
