package io.trestle.services.governance.store;

import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;

/**
 * Read access to the governance contract's storage: from inside a call (gas-charged), from another system
 * contract ({@link SystemCall#loadFrom}), from the call guard, or from a node reading committed state.
 */
@FunctionalInterface
public interface StorageReader {
  UInt256 load(UInt256 slot) throws SystemCall.Halt;
}
