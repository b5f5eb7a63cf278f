// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle supervision
/// @notice Answered by the governance contract at 0x000000000000000000000000000000007e570100 (see ICommittee).
///         Holders of the regulator role freeze and unfreeze accounts (their transactions are refused at admission
///         and skipped at execution), contracts (every call into them reverts, also from other contracts) and assets
///         of asset registries (which the registries check), and set licence statuses that services check. Every
///         action needs a reason (1 to 256 bytes) and carries a reference (a case number or document hash); every one
///         is an event, which the audit stream serves. Committee members, regulators, precompiles and system
///         contracts cannot be frozen. Refusals revert with a reason starting "Supervision: ".
interface ISupervision {
    event AccountFrozen(address indexed account, address indexed regulator, string reason, bytes32 reference);
    event AccountUnfrozen(address indexed account, address indexed regulator, string reason, bytes32 reference);
    event ContractFrozen(address indexed target, address indexed regulator, string reason, bytes32 reference);
    event ContractUnfrozen(address indexed target, address indexed regulator, string reason, bytes32 reference);
    event AssetFrozen(address indexed registry, uint256 indexed assetId, address indexed regulator, string reason,
        bytes32 reference);
    event AssetUnfrozen(address indexed registry, uint256 indexed assetId, address indexed regulator, string reason,
        bytes32 reference);
    /// @param status 0 none, 1 active, 2 suspended, 3 revoked
    event LicenseChanged(address indexed account, uint8 status, address indexed regulator, string reason,
        bytes32 reference);

    function freezeAccount(address account, string calldata reason, bytes32 reference) external;

    function unfreezeAccount(address account, string calldata reason, bytes32 reference) external;

    function freezeContract(address target, string calldata reason, bytes32 reference) external;

    function unfreezeContract(address target, string calldata reason, bytes32 reference) external;

    function freezeAsset(address registry, uint256 assetId, string calldata reason, bytes32 reference) external;

    function unfreezeAsset(address registry, uint256 assetId, string calldata reason, bytes32 reference) external;

    function setLicense(address account, uint8 status, string calldata reason, bytes32 reference) external;

    function isAccountFrozen(address account) external view returns (bool);

    function isContractFrozen(address target) external view returns (bool);

    function isAssetFrozen(address registry, uint256 assetId) external view returns (bool);

    /// @return frozen, regulator, sinceBlock, reference
    function accountFreeze(address account) external view returns (bool, address, uint64, bytes32);

    function contractFreeze(address target) external view returns (bool, address, uint64, bytes32);

    function assetFreeze(address registry, uint256 assetId) external view returns (bool, address, uint64, bytes32);

    function frozenAccounts() external view returns (address[] memory);

    function frozenContracts() external view returns (address[] memory);

    function licenseOf(address account) external view returns (uint8);
}
