package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.GovernanceAccount;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;

/**
 * Tunable parameters of system contracts (fees, limits), set by committee proposals and read by the contract they
 * belong to: {@code SystemParameters.get(GovernanceAccount.reader(call), call.self(), key)}. The keys are each
 * contract's business; zero means "use the built-in default".
 */
public final class SystemParameters {
  private static final byte[] VALUE = Slots.root("gov.sysparam");

  private SystemParameters() {}

  public static UInt256 get(StorageReader s, Address contract, UInt256 key) throws SystemCall.Halt {
    return s.load(Slots.of(VALUE, Slots.word(contract), key));
  }

  /** Read from inside {@code contract}'s own call. */
  public static UInt256 get(SystemCall call, UInt256 key) throws SystemCall.Halt {
    return get(GovernanceAccount.reader(call), call.self(), key);
  }

  static void set(Storage s, Address contract, UInt256 key, UInt256 value) throws SystemCall.Halt {
    s.store(Slots.of(VALUE, Slots.word(contract), key), value);
  }
}
