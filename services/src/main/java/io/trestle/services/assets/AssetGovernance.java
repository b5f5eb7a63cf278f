package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.evm.system.SystemCall;

/**
 * What the asset contracts ask governance (ADR 0294): who sits on the committee and who is regulator, whether a
 * platform holds a valid licence, and whether governance froze an account chain-wide. Answers come from state
 * through the {@link SystemCall} of the asking contract, so they are deterministic and priced. Until on-chain
 * governance lands, {@link GenesisAssetGovernance} answers from the roles of {@code genesis.json}.
 */
public interface AssetGovernance {
  /** Members approve and suspend platforms. */
  boolean isCommittee(SystemCall call, Address account) throws SystemCall.Halt;

  /** Regulators freeze and unfreeze assets and accounts. */
  boolean isRegulator(SystemCall call, Address account) throws SystemCall.Halt;

  /** Issuers create fungible tokens without registering as a platform (genesis role {@code asset-issuer}). */
  boolean isAssetIssuer(SystemCall call, Address account) throws SystemCall.Halt;

  /**
   * Whether a platform's licence is valid, on top of its approval in the platform registry. A platform that is
   * approved but not licensed creates and mints nothing.
   */
  boolean isLicensed(SystemCall call, Address platform) throws SystemCall.Halt;

  /**
   * Whether governance froze {@code account} chain-wide. Freezes made through {@code IAssetSupervision} are
   * checked as well, separately; either one stops the account's assets.
   */
  boolean isAccountFrozen(SystemCall call, Address account) throws SystemCall.Halt;

  /** Whether governance froze a whole collection or token contract (besides {@code IAssetSupervision}'s freezes). */
  boolean isAssetFrozen(SystemCall call, Address asset) throws SystemCall.Halt;

  /** Whether governance froze one token or work of a collection (besides {@code IAssetSupervision}'s freezes). */
  boolean isTokenFrozen(SystemCall call, Address asset, long id) throws SystemCall.Halt;
}
