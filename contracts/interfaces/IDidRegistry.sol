// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle DID registry (did:trestle, docs/did-method.md)
/// @notice Native Java contract at 0x000000000000000000000000000000007e571001
///         (io.trestle.services.did.DidRegistry). Every account has the implicit DID
///         did:trestle:<chainId>:<address>; its controllers change it here. Every change is a new version and
///         emits an event; nothing is deleted, so resolvers can answer any past version or time.
///         keyType: 1 secp256k1, 2 sm2, 3 ed25519. relationships (bit set): 1 authentication, 2 assertionMethod,
///         4 keyAgreement, 8 capabilityInvocation, 16 capabilityDelegation. Reverts carry Error(string) reasons.
interface IDidRegistry {
    event KeyAdded(address indexed identity, uint32 indexed version, string keyId, uint8 keyType, bytes publicKey, uint8 relationships);
    event KeyRevoked(address indexed identity, uint32 indexed version, string keyId);
    event ServiceAdded(address indexed identity, uint32 indexed version, string serviceId, string serviceType, string endpoint);
    event ServiceRemoved(address indexed identity, uint32 indexed version, string serviceId);
    event ControllerAdded(address indexed identity, uint32 indexed version, address controller);
    event ControllerRemoved(address indexed identity, uint32 indexed version, address controller);
    event Deactivated(address indexed identity, uint32 indexed version);

    /// @notice Adds a verification method. keyId: 1-31 of [A-Za-z0-9._-], never reused once revoked.
    ///         publicKey: 64-byte x||y, 65-byte 04||x||y or 33-byte compressed (curves), 32 bytes (ed25519).
    function addKey(address identity, string calldata keyId, uint8 keyType, bytes calldata publicKey, uint8 relationships) external;

    /// @notice Revokes a verification method; earlier versions keep it.
    function revokeKey(address identity, string calldata keyId) external;

    /// @notice Adds a service; endpoint is an absolute URI of printable ASCII, at most 512 characters.
    function addService(address identity, string calldata serviceId, string calldata serviceType, string calldata endpoint) external;

    function removeService(address identity, string calldata serviceId) external;

    /// @notice Lets another account change this DID (the account itself always may).
    function addController(address identity, address controller) external;

    function removeController(address identity, address controller) external;

    /// @notice Deactivates the DID for good. A deactivated DID cannot notarize evidence or be changed again.
    function deactivate(address identity) external;

    /// @notice The current version (0: never changed) and whether the DID is deactivated.
    function versionOf(address identity) external view returns (uint32 versionId, bool deactivated);

    function isController(address identity, address who) external view returns (bool);

    /// @notice A key as stored (curve keys as 64-byte x||y); revokedVersion 0 means in force.
    function keyOf(address identity, string calldata keyId) external view
        returns (uint8 keyType, bytes memory publicKey, uint8 relationships, uint32 addedVersion, uint32 revokedVersion);
}
