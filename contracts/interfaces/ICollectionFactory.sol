// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle collection factory
/// @notice At 0x000000000000000000000000000000007e570302. An approved platform creates an ERC-721 collection
///         (ITrestleCollection) or ERC-1155 editions (ITrestleEditions); each takes the next free address of the
///         range 0x…7e574000 to 0x…7e57bfff, shared with ITokenFactory, and is usable at once like any deployed
///         contract. Reverts carry reasons starting "CollectionFactory: " or naming the bad field.
interface ICollectionFactory {
    /// @param kind 1 ERC-721 collection, 2 ERC-1155 editions
    event CollectionCreated(address indexed collection, address indexed platform, uint8 kind, string name,
        string symbol);

    /// @param baseURI "" or a URI with a scheme; token URIs are baseURI followed by the token id
    /// @param royaltyBps EIP-2981 royalty in basis points, at most 10000 (0 for none)
    /// @return The collection's address.
    function createCollection(string calldata name, string calldata symbol, string calldata baseURI,
        address royaltyReceiver, uint96 royaltyBps) external returns (address);

    /// @param baseURI The ERC-1155 URI template, {id} replaced by clients.
    function createEditions(string calldata name, string calldata symbol, string calldata baseURI,
        address royaltyReceiver, uint96 royaltyBps) external returns (address);

    /// @return 0 nothing, 1 ERC-721 collection, 2 ERC-1155 editions, 3 ERC-20 token
    function kindOf(address asset) external view returns (uint8);

    /// @return How many collections and tokens exist.
    function assetCount() external view returns (uint256);
}
