package io.trestle.evm.system;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.UInt256;
import java.util.List;

/**
 * One call into a system contract and its handle on state. Storage reads and writes are priced exactly as
 * SLOAD and SSTORE (EIP-2929 warm/cold, EIP-2200/3529 with refunds) and logs as LOG0..LOG4; everything goes
 * through the caller's journal, so a revert of the caller undoes it. Gas runs out by throwing {@link Halt}.
 */
public interface SystemCall {
  /** The system contract's own address: whose storage {@link #load}/{@link #store} use and who emits logs. */
  Address self();

  /**
   * The immediate caller. For DELEGATECALL and CALLCODE into a system contract this is the delegating
   * contract itself, never its caller, so a contract cannot act in the name of whoever called it.
   */
  Address caller();

  /** Wei sent with the call (already credited to {@link #self()}); zero for DELEGATECALL/CALLCODE/STATICCALL. */
  UInt256 value();

  Bytes input();

  /** True inside STATICCALL: {@link #store} and {@link #log} then halt the call. */
  boolean isStatic();

  Address origin();

  BlockEnv block();

  long gasLeft();

  /** Charges gas for work the contract does beyond storage and logs. */
  void charge(long gas) throws Halt;

  UInt256 load(UInt256 slot) throws Halt;

  void store(UInt256 slot, UInt256 value) throws Halt;

  /**
   * Reads a slot of another system contract's storage, priced as SLOAD. Lets system contracts that work together
   * (an evidence registry checking a DID registry) read each other's state without a nested call; writes stay
   * private to each contract. {@code contract} must be in the reserved range.
   */
  UInt256 loadFrom(Address contract, UInt256 slot) throws Halt;

  void log(List<Hash> topics, Bytes data) throws Halt;

  /** Ends the call as a failure that consumes all its gas (out of gas, or a write inside a static call). */
  final class Halt extends Exception {
    private static final long serialVersionUID = 1L;

    public Halt(String reason) {
      super(reason, null, false, false);
    }
  }
}
