package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.system.CallGuard;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.GovernanceAccount;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.Permissions;
import io.trestle.services.permissions.Role;
import io.trestle.services.supervision.Freezes;

/**
 * Governance's rule at every call and creation (ADR 0271): calls into frozen contracts revert, a method
 * restricted by an allow-list reverts for other callers, and on a chain that is not open a creation reverts unless
 * the transaction's sender holds contract-deployer. While nothing is frozen or restricted a call costs the guard
 * two storage reads of the transaction's cache.
 */
final class GovernanceGuard implements CallGuard {
  @Override
  public String check(Guarded call, StateReader state) {
    StorageReader s = slot -> state.load(GovernanceAccount.ADDRESS, slot);
    try {
      if (call.kind() == Kind.CREATE) {
        return Permissions.mayDeploy(s, call.origin()) ? null
            : "contract creation needs the " + Role.CONTRACT_DEPLOYER + " role: " + call.origin().toChecksumHex()
                + " does not hold it and this chain is " + Permissions.mode(s).label();
      }
      String refused = frozenTarget(s, call.target());
      if (refused != null || (call.kind() != Kind.CALL && call.kind() != Kind.STATICCALL)) {
        return refused;
      }
      return methodRefusal(s, call.caller(), call.target(), call.selector());
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException("the guard's reads charge no gas", impossible);
    }
  }

  static String frozenTarget(StorageReader s, Address target) throws SystemCall.Halt {
    if (Freezes.count(s, Freezes.Kind.CONTRACT) > 0 && Freezes.isFrozen(s, Freezes.Kind.CONTRACT, target)) {
      return "contract " + target.toChecksumHex() + " is frozen by the regulator";
    }
    return null;
  }

  static String methodRefusal(StorageReader s, Address caller, Address target, Bytes selector) throws SystemCall.Halt {
    if (!Permissions.mayCall(s, caller, target, selector)) {
      return "caller " + caller.toChecksumHex() + " is not on the allow-list of " + selector.toHex() + " on "
          + target.toChecksumHex();
    }
    return null;
  }
}
