package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.evm.system.SystemCall;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Governance as {@code genesis.json} fixes it, until on-chain governance replaces it (ADR 0294): roles
 * {@value #COMMITTEE}, {@value #REGULATOR} and {@value #ASSET_ISSUER}; every approved platform is licensed, and
 * only {@code IAssetSupervision} freezes accounts, assets and tokens. The roles cannot change without a new genesis.
 */
public final class GenesisAssetGovernance implements AssetGovernance {
  public static final String COMMITTEE = "committee";
  public static final String REGULATOR = "regulator";
  public static final String ASSET_ISSUER = "asset-issuer";

  private final Set<Address> committee;
  private final Set<Address> regulators;
  private final Set<Address> issuers;

  /** {@code roles}: role name → members, as {@code Genesis.roles()} holds them. */
  public GenesisAssetGovernance(Map<String, List<Address>> roles) {
    this.committee = Set.copyOf(roles.getOrDefault(COMMITTEE, List.of()));
    this.regulators = Set.copyOf(roles.getOrDefault(REGULATOR, List.of()));
    this.issuers = Set.copyOf(roles.getOrDefault(ASSET_ISSUER, List.of()));
  }

  @Override
  public boolean isCommittee(SystemCall call, Address account) {
    return committee.contains(account);
  }

  @Override
  public boolean isRegulator(SystemCall call, Address account) {
    return regulators.contains(account);
  }

  @Override
  public boolean isAssetIssuer(SystemCall call, Address account) {
    return issuers.contains(account);
  }

  @Override
  public boolean isLicensed(SystemCall call, Address platform) {
    return true;
  }

  @Override
  public boolean isAccountFrozen(SystemCall call, Address account) {
    return false;
  }

  @Override
  public boolean isAssetFrozen(SystemCall call, Address asset) {
    return false;
  }

  @Override
  public boolean isTokenFrozen(SystemCall call, Address asset, long id) {
    return false;
  }
}
