// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IERC165.sol";

/// @title ERC-721 non-fungible tokens (interface id 0x80ac58cd)
interface IERC721 is IERC165 {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    function balanceOf(address owner) external view returns (uint256);

    function ownerOf(uint256 tokenId) external view returns (address);

    /// @notice Moves the token, then asks a contract recipient onERC721Received and reverts unless it accepts.
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes calldata data) external;

    function safeTransferFrom(address from, address to, uint256 tokenId) external;

    /// @notice Moves the token without asking the recipient.
    function transferFrom(address from, address to, uint256 tokenId) external;

    function approve(address to, uint256 tokenId) external;

    function setApprovalForAll(address operator, bool approved) external;

    function getApproved(uint256 tokenId) external view returns (address);

    function isApprovedForAll(address owner, address operator) external view returns (bool);
}

/// @title ERC-721 metadata extension (interface id 0x5b5e139f)
interface IERC721Metadata is IERC721 {
    function name() external view returns (string memory);

    function symbol() external view returns (string memory);

    function tokenURI(uint256 tokenId) external view returns (string memory);
}

/// @title What a contract that accepts ERC-721 tokens answers
interface IERC721Receiver {
    /// @return Its own selector, 0x150b7a02, to accept the token.
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external returns (bytes4);
}
