// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle platform registry
/// @notice At 0x000000000000000000000000000000007e570301. Digital-collectible sites, publishers and museums register
///         here under their DID (the implicit did:trestle:<chainId>:<address> of the registering account); a
///         committee member approves them. Only approved platforms that hold a valid licence and are not frozen
///         create collections and mint. Reverts carry reasons starting "PlatformRegistry: ".
interface IPlatformRegistry {
    event PlatformRegistered(address indexed platform, string did, string name, string uri);
    event PlatformApproved(address indexed platform, address indexed by);
    event PlatformSuspended(address indexed platform, address indexed by, string reason);

    /// @param name 1 to 64 bytes of UTF-8 @param uri "" or a URI with a scheme, at most 512 bytes
    function registerPlatform(string calldata name, string calldata uri) external;

    /// @notice Committee only; also reinstates a suspended platform.
    function approvePlatform(address platform) external;

    /// @notice Committee only; reason 1 to 256 bytes.
    function suspendPlatform(address platform, string calldata reason) external;

    /// @return status (0 none, 1 pending, 2 approved, 3 suspended), name, uri, did
    function getPlatform(address platform) external view returns (uint8, string memory, string memory, string memory);

    /// @return Whether the platform may create and mint now (approved, licensed, not frozen).
    function isApproved(address platform) external view returns (bool);

    function platformCount() external view returns (uint256);
}
