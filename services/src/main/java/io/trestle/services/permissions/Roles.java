package io.trestle.services.permissions;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.AddressSet;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;
import java.util.List;

/** Role membership in governance storage: one enumerable set per role and a count of roles per account. */
public final class Roles {
  /** Most holders one role may have. */
  public static final int HOLDERS_MAX = 10_000;
  private static final AddressSet MEMBERS = AddressSet.named("roles.members");
  private static final byte[] COUNT = Slots.root("roles.count");

  private Roles() {}

  public static boolean has(StorageReader s, UInt256 role, Address account) throws SystemCall.Halt {
    return MEMBERS.scoped(role).contains(s, account);
  }

  public static boolean has(StorageReader s, String role, Address account) throws SystemCall.Halt {
    return has(s, Role.id(role), account);
  }

  /** How many roles {@code account} holds. */
  public static long count(StorageReader s, Address account) throws SystemCall.Halt {
    return Slots.asLong(s.load(Slots.of(COUNT, Slots.word(account))));
  }

  /** Grants a role; false when the account already held it. Callers check who may grant. */
  public static boolean grant(Storage s, UInt256 role, Address account) throws SystemCall.Halt {
    if (!MEMBERS.scoped(role).add(s, account)) {
      return false;
    }
    UInt256 slot = Slots.of(COUNT, Slots.word(account));
    s.store(slot, Slots.word(Slots.asLong(s.load(slot)) + 1));
    return true;
  }

  /** Revokes a role; false when the account did not hold it. */
  public static boolean revoke(Storage s, UInt256 role, Address account) throws SystemCall.Halt {
    if (!MEMBERS.scoped(role).remove(s, account)) {
      return false;
    }
    UInt256 slot = Slots.of(COUNT, Slots.word(account));
    s.store(slot, Slots.word(Slots.asLong(s.load(slot)) - 1));
    return true;
  }

  public static long holders(StorageReader s, UInt256 role) throws SystemCall.Halt {
    return MEMBERS.scoped(role).size(s);
  }

  public static List<Address> members(StorageReader s, UInt256 role, int max) throws SystemCall.Halt {
    return MEMBERS.scoped(role).list(s, max);
  }
}
