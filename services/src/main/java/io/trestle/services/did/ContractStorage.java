package io.trestle.services.did;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;

/**
 * A contract's storage as 32-byte slots. Inside a transaction it is the contract's own storage, metered and
 * journaled by {@link SystemCall}; outside (a resolver at the node) it is a read-only view of committed state,
 * so the same layout code serves both.
 */
public interface ContractStorage {
  UInt256 load(UInt256 slot) throws SystemCall.Halt;

  void store(UInt256 slot, UInt256 value) throws SystemCall.Halt;

  /** The calling contract's own storage. */
  static ContractStorage of(SystemCall call) {
    return new ContractStorage() {
      @Override
      public UInt256 load(UInt256 slot) throws SystemCall.Halt {
        return call.load(slot);
      }

      @Override
      public void store(UInt256 slot, UInt256 value) throws SystemCall.Halt {
        call.store(slot, value);
      }
    };
  }

  /** Another system contract's storage, read through {@link SystemCall#loadFrom}; writes are a programmer error. */
  static ContractStorage readOnly(SystemCall call, Address contract) {
    return new ContractStorage() {
      @Override
      public UInt256 load(UInt256 slot) throws SystemCall.Halt {
        return call.loadFrom(contract, slot);
      }

      @Override
      public void store(UInt256 slot, UInt256 value) {
        throw new IllegalStateException("storage of " + contract + " is read-only from " + call.self());
      }
    };
  }
}
