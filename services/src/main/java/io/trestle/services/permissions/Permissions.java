package io.trestle.services.permissions;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;

/** The chain's permission mode and the checks derived from it and from roles. */
public final class Permissions {
  public static final UInt256 MODE = Slots.of(Slots.root("perm.mode"));

  private Permissions() {}

  public static PermissionMode mode(StorageReader s) throws SystemCall.Halt {
    return PermissionMode.ofCode(Slots.asLong(s.load(MODE))).orElse(PermissionMode.PERMISSIONED);
  }

  public static void setMode(Storage s, PermissionMode mode) throws SystemCall.Halt {
    s.store(MODE, Slots.word(mode.code()));
  }

  /** On a permissioned chain only accounts holding some role transact. */
  public static boolean mayTransact(StorageReader s, Address account) throws SystemCall.Halt {
    return mode(s) != PermissionMode.PERMISSIONED || Roles.count(s, account) > 0;
  }

  /** On any chain but an open one only contract-deployer holders deploy. */
  public static boolean mayDeploy(StorageReader s, Address account) throws SystemCall.Halt {
    return mode(s) == PermissionMode.OPEN || Roles.has(s, Role.CONTRACT_DEPLOYER, account);
  }

  public static boolean mayCall(StorageReader s, Address caller, Address target, Bytes selector) throws SystemCall.Halt {
    return selector.size() != 4 || MethodRules.activeCount(s) == 0 || MethodRules.mayCall(s, caller, target, selector);
  }
}
