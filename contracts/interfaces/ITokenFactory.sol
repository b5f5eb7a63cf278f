// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle token factory
/// @notice At 0x000000000000000000000000000000007e570304. Approved platforms and holders of the asset-issuer role
///         create ERC-20 tokens (ITrestleToken); the new token takes the next free address of the range it shares
///         with ICollectionFactory and starts with no supply: the issuer mints.
interface ITokenFactory {
    event TokenCreated(address indexed token, address indexed issuer, string name, string symbol, uint8 decimals,
        uint256 cap);

    /// @param decimals at most 36 @param cap most tokens that may exist; 0 for uncapped
    /// @return The token's address.
    function createToken(string calldata name, string calldata symbol, uint8 decimals, uint256 cap)
        external returns (address);

    function kindOf(address asset) external view returns (uint8);

    function assetCount() external view returns (uint256);
}
