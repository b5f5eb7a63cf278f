package io.trestle.node.assets;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.assets.AssetGovernance;
import io.trestle.services.governance.Committee;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.Role;
import io.trestle.services.supervision.LicenseStatus;
import io.trestle.services.supervision.SupervisionQuery;

/**
 * The asset contracts' governance answered by the governance contract's state (ADR 0294): the committee is whoever
 * holds committee weight, roles {@code regulator} and {@code asset-issuer} are governance roles (granted at genesis
 * from {@code roles}, later by proposal), and the regulator's governance freezes of accounts and of single assets
 * ({@code freezeAsset(collection, tokenId)}) stop assets exactly as {@code IAssetSupervision}'s own freezes do. Every answer is a few SLOADs through the asking
 * contract's {@link SystemCall}, so it is priced and deterministic.
 *
 * <p>A platform's licence is checked only when the regulator set one: {@code NONE} (never licensed) leaves the
 * committee's approval in the platform registry as the gate, while {@code SUSPENDED} and {@code REVOKED} stop the
 * platform creating and minting.
 */
public final class ChainAssetGovernance implements AssetGovernance {
  @Override
  public boolean isCommittee(SystemCall call, Address account) throws SystemCall.Halt {
    return Committee.isMember(reader(call), account);
  }

  @Override
  public boolean isRegulator(SystemCall call, Address account) throws SystemCall.Halt {
    return SupervisionQuery.hasRole(reader(call), Role.REGULATOR, account);
  }

  @Override
  public boolean isAssetIssuer(SystemCall call, Address account) throws SystemCall.Halt {
    return SupervisionQuery.hasRole(reader(call), Role.ASSET_ISSUER, account);
  }

  @Override
  public boolean isLicensed(SystemCall call, Address platform) throws SystemCall.Halt {
    LicenseStatus status = SupervisionQuery.licenseStatus(reader(call), platform);
    return status == LicenseStatus.NONE || status == LicenseStatus.ACTIVE;
  }

  @Override
  public boolean isAccountFrozen(SystemCall call, Address account) throws SystemCall.Halt {
    return SupervisionQuery.isAccountFrozen(reader(call), account);
  }

  /**
   * Never: governance refuses to freeze a system contract's address, and collections and tokens live at system
   * addresses, so a whole collection or token is frozen through {@code IAssetSupervision.freezeAsset} only.
   */
  @Override
  public boolean isAssetFrozen(SystemCall call, Address asset) {
    return false;
  }

  @Override
  public boolean isTokenFrozen(SystemCall call, Address asset, long id) throws SystemCall.Halt {
    return SupervisionQuery.isAssetFrozen(reader(call), asset, UInt256.valueOf(id));
  }

  private static StorageReader reader(SystemCall call) {
    return SupervisionQuery.reader(call);
  }
}
