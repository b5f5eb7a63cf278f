// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IERC721.sol";
import "./IERC2981.sol";
import "./ITrestleWorks.sol";

/// @title A Trestle NFT collection (ERC-721)
/// @notice Lives at its own address from 0x…7e574000 on, created by ICollectionFactory.createCollection; answered by
///         the node in Java (its code is the one byte 0xfe). Token ids count up from 1. Only the collection's
///         platform mints, while it is approved and licensed and the collection is not frozen. Transfers, approvals
///         and burns revert while the regulator froze the token, the collection, the owner's account or the acting
///         account. Reverts carry Error(string) reasons (OpenZeppelin's wording for the ERC-721 ones).
interface ITrestleCollection is IERC721Metadata, IERC2981, ITrestleWorks {
    /// @notice Live tokens (minted minus burned).
    function totalSupply() external view returns (uint256);

    function nextTokenId() external view returns (uint256);

    /// @notice Mints one work. tokenURI "" means baseURI followed by the id. The fingerprint must not be held by a
    ///         live work anywhere on the chain unless its right holder authorised a re-issue into this collection;
    ///         the perceptual hash (0 for none) likewise. The license URI and hash come together or not at all.
    /// @return tokenId
    function mint(address to, bytes32 fingerprint, bytes32 perceptualHash, string calldata tokenURI, address creator,
        string calldata licenseURI, bytes32 licenseHash) external returns (uint256);

    /// @notice Mints 1 to 1000 works to one owner under one rights record; perceptualHashes empty or one per work.
    /// @return The first token id; the others follow in order.
    function mintBatch(address to, bytes32[] calldata fingerprints, bytes32[] calldata perceptualHashes, address creator,
        string calldata licenseURI, bytes32 licenseHash) external returns (uint256);

    /// @notice By the owner or an approved account; the fingerprint is free again afterwards.
    function burn(uint256 tokenId) external;
}
