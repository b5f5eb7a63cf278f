// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle roles and permissions
/// @notice Answered by the governance contract at 0x000000000000000000000000000000007e570100 (see ICommittee).
///         A role is keccak256 of its name: committee, validator-operator, contract-deployer, asset-issuer, bank,
///         platform, regulator, auditor, transactor, or any name a service defines. Roles change only through
///         executed committee proposals; the committee role follows committee membership.
///         Permission modes: 0 open (anyone transacts and deploys), 1 deploy-permissioned (only contract-deployer
///         holders deploy), 2 permissioned (only holders of some role transact; only contract-deployer holders
///         deploy). Method rules restrict a contract's function to an allow-list of callers (msg.sender of CALL and
///         STATICCALL, at any depth); refused calls revert. Both are checked when a transaction is admitted to the
///         pool and again when it executes.
interface IRoles {
    event RoleGranted(bytes32 indexed role, address indexed account, uint256 indexed proposalId);
    event RoleRevoked(bytes32 indexed role, address indexed account, uint256 indexed proposalId);
    event MethodAccessChanged(address indexed target, bytes4 indexed selector, address indexed caller, bool allowed,
        uint256 proposalId);
    event MethodRuleCleared(address indexed target, bytes4 indexed selector, uint256 proposalId);

    function hasRole(bytes32 role, address account) external view returns (bool);

    function roleMembers(bytes32 role) external view returns (address[] memory);

    function permissionMode() external view returns (uint8);

    function canTransact(address account) external view returns (bool);

    function canDeploy(address account) external view returns (bool);

    function canCall(address caller, address target, bytes4 selector) external view returns (bool);

    /// @return restricted whether a rule applies, and the callers it allows
    function methodRule(address target, bytes4 selector) external view returns (bool restricted, address[] memory);
}
