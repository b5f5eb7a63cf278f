// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle name registry (label.trestle)
/// @notice Native Java contract at 0x000000000000000000000000000000007e571002
///         (io.trestle.services.names.NameRegistry). Names are <label>.trestle, the label 3-63 of a-z, 0-9 and '-',
///         lower case only. node = keccak256(bytes(name)). Terms run 1 day to 10 years; after expiry the owner alone
///         may renew for 30 days, then the name is free and its records are cleared. Reverts carry reasons.
interface INameRegistry {
    event NameRegistered(bytes32 indexed node, address indexed owner, string name, uint64 expires);
    event NameRenewed(bytes32 indexed node, uint64 expires);
    event AddressChanged(bytes32 indexed node, address addr);
    event DidChanged(bytes32 indexed node, string did);
    event NameTransferred(bytes32 indexed node, address indexed from, address indexed to);
    event ReverseChanged(address indexed addr, string name);

    /// @notice Registers a free name to owner for durationSeconds; returns the expiry (unix seconds).
    function register(string calldata name, address owner, uint64 durationSeconds) external returns (uint64 expires);

    function renew(string calldata name, uint64 durationSeconds) external returns (uint64 expires);

    function setAddress(string calldata name, address addr) external;

    /// @notice Sets the DID the name stands for ("" clears it); a did:trestle DID of this chain must be active.
    function setDid(string calldata name, string calldata did) external;

    function transfer(string calldata name, address newOwner) external;

    /// @notice Claims name as the caller's reverse record; the name must resolve to the caller. "" clears it.
    function setReverse(string calldata name) external;

    function resolve(string calldata name) external view
        returns (address owner, address addr, string memory did, uint64 expires, bool active);

    /// @notice The verified reverse name: "" unless the claimed name is active and resolves back to addr.
    function reverseOf(address addr) external view returns (string memory name);
}
