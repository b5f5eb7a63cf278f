package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;

/**
 * The read-only world one transaction runs against. The processor never writes through it: it returns a
 * {@link StateDiff} that the caller applies before it runs the next transaction. Implementations must answer
 * the same question the same way for the whole transaction.
 */
public interface WorldView {
  /** The account, or null when none exists at {@code address}. */
  AccountState account(Address address);

  /** The stored value of {@code slot} ({@link UInt256#ZERO} when unset or the account does not exist). */
  UInt256 storage(Address address, UInt256 slot);

  /** The code of the account ({@link Bytes#EMPTY} when none). Only called for accounts whose code hash is not empty. */
  Bytes code(Address address);

  /**
   * The hash of block {@code number}; only asked for the 256 blocks before the current one. Return
   * {@link Hash#ZERO} when unknown.
   */
  Hash blockHash(long number);
}
