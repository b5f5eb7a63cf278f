// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Example Trestle system contract
/// @notice Native Java contract at 0x000000000000000000000000000000007e57ff01
///         (io.trestle.services.example.EchoContract). It shows how system contracts look to Solidity:
///         call it like any contract; reverts carry Error(string) reasons.
interface IEcho {
    /// @notice Emitted by increment() with the caller and the counter's new value.
    event Incremented(address indexed caller, uint256 value);

    /// @notice Returns the message unchanged. Costs 1 gas per byte of call data on top of the dispatch charge.
    function echo(string calldata message) external view returns (string memory);

    /// @notice Adds one to the counter and returns its new value. Refuses ether.
    function increment() external returns (uint256);

    /// @notice The counter.
    function count() external view returns (uint256);
}
