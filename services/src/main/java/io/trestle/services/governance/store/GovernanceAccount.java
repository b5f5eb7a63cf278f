package io.trestle.services.governance.store;

import io.trestle.core.Address;
import io.trestle.evm.system.SystemCall;

/**
 * The one account whose storage holds all governance, permission and supervision state (ADR 0270): the
 * committee, roles and supervision interfaces are three ABIs of one system contract at this address, because
 * an executed proposal must change roles and validators atomically and a system contract can only write its own
 * storage.
 */
public final class GovernanceAccount {
  /** {@code 0x000000000000000000000000000000007e570100}. */
  public static final Address ADDRESS = Address.ofLong(0x7e57_0100L);

  private GovernanceAccount() {}

  /**
   * How another system contract reads governance state during its own call: each read is priced as SLOAD.
   * Pass the result to {@code SupervisionQuery} or {@code Permissions}.
   */
  public static StorageReader reader(SystemCall call) {
    return slot -> call.loadFrom(ADDRESS, slot);
  }
}
