// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IERC165.sol";

/// @title ERC-1155 multi-tokens (interface id 0xd9b67a26)
interface IERC1155 is IERC165 {
    event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value);
    event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids,
        uint256[] values);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
    event URI(string value, uint256 indexed id);

    function balanceOf(address account, uint256 id) external view returns (uint256);

    function balanceOfBatch(address[] calldata accounts, uint256[] calldata ids) external view returns (uint256[] memory);

    function setApprovalForAll(address operator, bool approved) external;

    function isApprovedForAll(address account, address operator) external view returns (bool);

    function safeTransferFrom(address from, address to, uint256 id, uint256 value, bytes calldata data) external;

    function safeBatchTransferFrom(address from, address to, uint256[] calldata ids, uint256[] calldata values,
        bytes calldata data) external;
}

/// @title ERC-1155 metadata URI extension (interface id 0x0e89341c)
interface IERC1155MetadataURI is IERC1155 {
    /// @notice Clients replace {id} with the id in lower-case hex, 64 digits.
    function uri(uint256 id) external view returns (string memory);
}

/// @title What a contract that accepts ERC-1155 tokens answers
interface IERC1155Receiver {
    /// @return 0xf23a6e61 to accept.
    function onERC1155Received(address operator, address from, uint256 id, uint256 value, bytes calldata data)
        external returns (bytes4);

    /// @return 0xbc197c81 to accept.
    function onERC1155BatchReceived(address operator, address from, uint256[] calldata ids, uint256[] calldata values,
        bytes calldata data) external returns (bytes4);
}
