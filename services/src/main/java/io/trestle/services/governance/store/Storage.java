package io.trestle.services.governance.store;

import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;

/** Read and write access to the governance contract's storage. */
public interface Storage extends StorageReader {
  void store(UInt256 slot, UInt256 value) throws SystemCall.Halt;

  /** The storage of a running system-contract call: every access is priced like SLOAD/SSTORE. */
  static Storage of(SystemCall call) {
    return new Storage() {
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
}
