package io.trestle.services.supervision;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.GovernanceAccount;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.Roles;

/**
 * What other system contracts ask supervision, in one place. Inside a call, pass
 * {@code GovernanceAccount.reader(call)}; each answer then costs a few SLOADs. For example the asset registry
 * refuses a transfer with:
 *
 * <pre>{@code
 * if (SupervisionQuery.isAssetFrozen(GovernanceAccount.reader(call), call.self(), tokenId)) {
 *   return SystemResult.revert("asset " + tokenId + " is frozen by the regulator");
 * }
 * }</pre>
 */
public final class SupervisionQuery {
  private SupervisionQuery() {}

  public static StorageReader reader(SystemCall call) {
    return GovernanceAccount.reader(call);
  }

  public static boolean isAccountFrozen(StorageReader s, Address account) throws SystemCall.Halt {
    return Freezes.isFrozen(s, Freezes.Kind.ACCOUNT, account);
  }

  public static boolean isContractFrozen(StorageReader s, Address contract) throws SystemCall.Halt {
    return Freezes.isFrozen(s, Freezes.Kind.CONTRACT, contract);
  }

  /** Whether the regulator froze asset {@code assetId} of the registry (system contract) at {@code registry}. */
  public static boolean isAssetFrozen(StorageReader s, Address registry, UInt256 assetId) throws SystemCall.Halt {
    return Freezes.isAssetFrozen(s, registry, assetId);
  }

  public static LicenseStatus licenseStatus(StorageReader s, Address account) throws SystemCall.Halt {
    return Licenses.status(s, account);
  }

  /** True only for an active licence: what a service checks before it lets an issuer issue or a bank finance. */
  public static boolean isLicensed(StorageReader s, Address account) throws SystemCall.Halt {
    return Licenses.status(s, account) == LicenseStatus.ACTIVE;
  }

  public static boolean hasRole(StorageReader s, String role, Address account) throws SystemCall.Halt {
    return Roles.has(s, role, account);
  }
}
