package io.trestle.evm.system;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;

/**
 * A chain-wide rule consulted before every message call and contract creation, at any depth, including the
 * transaction's own call (ADR 0271). Governance uses it to make calls into frozen contracts revert, to enforce
 * method allow-lists and to refuse creations on a permissioned chain. A refused call reverts with
 * {@code Error(reason)} before anything happens (no value moves, no code runs) and hands all its gas back to
 * the caller; a refused creation fails the same way, so CREATE pushes zero.
 *
 * <p>Must be deterministic and read state only through the {@link StateReader} it is given, which sees the
 * transaction's own uncommitted writes, charges no gas and warms nothing (EIP-2929 is unaffected).
 */
@FunctionalInterface
public interface CallGuard {
  /** Lets everything through: chains and tests without governance. */
  CallGuard NONE = (call, state) -> null;

  /** Returns null to let the call go ahead, or the reason it is refused. */
  String check(Guarded call, StateReader state);

  /** How a frame is entered. */
  enum Kind { CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE }

  /**
   * One call or creation about to start.
   *
   * @param kind the opcode (top-level transactions are {@link Kind#CALL} or {@link Kind#CREATE})
   * @param origin the transaction's sender
   * @param caller {@code msg.sender} as the entered code will see it
   * @param target the account whose code runs (for DELEGATECALL and CALLCODE the library, not the caller);
   *     for a creation the new contract's address
   * @param selector the first four bytes of the input, or empty when the input is shorter (always empty for
   *     creations)
   */
  record Guarded(Kind kind, Address origin, Address caller, Address target, Bytes selector) {}

  /** Storage of any account as the running transaction currently sees it. */
  @FunctionalInterface
  interface StateReader {
    UInt256 load(Address account, UInt256 slot);
  }
}
