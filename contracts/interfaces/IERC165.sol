// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title ERC-165: standard interface detection
interface IERC165 {
    /// @notice True when the contract implements the interface with this id (the XOR of its selectors).
    function supportsInterface(bytes4 interfaceId) external view returns (bool);
}
