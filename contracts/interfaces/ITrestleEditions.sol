// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IERC1155.sol";
import "./IERC2981.sol";
import "./ITrestleWorks.sol";

/// @title A Trestle collection of editions (ERC-1155)
/// @notice Each id is one work with one fingerprint and one rights record, minted in a number of identical editions
///         (below 2^128). A work is live, and holds its fingerprint, while any edition of it exists. Mints and
///         transfers ask contract recipients onERC1155Received / onERC1155BatchReceived. Created by
///         ICollectionFactory.createEditions; the same freezes as ITrestleCollection apply.
interface ITrestleEditions is IERC1155MetadataURI, IERC2981, ITrestleWorks {
    function name() external view returns (string memory);

    function symbol() external view returns (string memory);

    function totalSupply(uint256 id) external view returns (uint256);

    function nextTokenId() external view returns (uint256);

    /// @return The new work's id.
    function mintEdition(address to, uint256 amount, bytes32 fingerprint, bytes32 perceptualHash, string calldata uri,
        address creator, string calldata licenseURI, bytes32 licenseHash) external returns (uint256);

    /// @notice 1 to 1000 works, amounts[i] editions of work i.
    /// @return The first work's id.
    function mintEditionBatch(address to, uint256[] calldata amounts, bytes32[] calldata fingerprints,
        bytes32[] calldata perceptualHashes, address creator, string calldata licenseURI, bytes32 licenseHash)
        external returns (uint256);

    /// @notice More editions of a live work (platform only).
    function mintMore(address to, uint256 id, uint256 amount) external;

    /// @notice By the holder or an approved operator.
    function burn(address from, uint256 id, uint256 amount) external;
}
