package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Permissions;
import io.trestle.services.permissions.Role;
import io.trestle.services.supervision.Freezes;

/**
 * Who may send which transaction, asked by the pool at admission and by block execution for every transaction
 * (ADR 0272). One function for both, so a node never admits what execution would skip.
 */
public final class TransactionRules {
  private TransactionRules() {}

  /**
   * Null when {@code sender} may send a transaction at all (and, for {@code creates}, deploy a contract), else
   * the reason. At execution a refused transaction is skipped: no receipt, no nonce, no fee (ADR 0004).
   */
  public static String senderRefusal(StorageReader s, Address sender, boolean creates) throws SystemCall.Halt {
    if (Freezes.count(s, Freezes.Kind.ACCOUNT) > 0 && Freezes.isFrozen(s, Freezes.Kind.ACCOUNT, sender)) {
      Freezes.Record r = Freezes.record(s, Freezes.Kind.ACCOUNT, Slots.word(sender));
      return "account " + sender.toChecksumHex() + " is frozen by the regulator"
          + (r == null ? "" : " since block " + r.sinceBlock() + " (reference " + r.reference().toHex() + ")");
    }
    PermissionMode mode = Permissions.mode(s);
    if (!Permissions.mayTransact(s, sender)) {
      return "account " + sender.toChecksumHex() + " holds no role and this chain is " + mode.label();
    }
    if (creates && !Permissions.mayDeploy(s, sender)) {
      return "account " + sender.toChecksumHex() + " may not deploy contracts: this chain is " + mode.label()
          + " and the account lacks the " + Role.CONTRACT_DEPLOYER + " role";
    }
    return null;
  }

  /**
   * Null when a call from {@code sender} to {@code to} with {@code data} would get past the call guard, else the
   * reason. Checked at admission so the sender hears of it at once; at execution the guard reverts the call.
   */
  public static String callRefusal(StorageReader s, Address sender, Address to, Bytes data) throws SystemCall.Halt {
    String refused = GovernanceGuard.frozenTarget(s, to);
    if (refused != null) {
      return refused;
    }
    Bytes selector = data.size() >= 4 ? data.slice(0, 4) : Bytes.EMPTY;
    return GovernanceGuard.methodRefusal(s, sender, to, selector);
  }

  /** Whether {@code account} holds {@code role}, for callers outside the contract. */
  public static boolean hasRole(StorageReader s, String role, Address account) throws SystemCall.Halt {
    return io.trestle.services.permissions.Roles.has(s, role, account);
  }
}
