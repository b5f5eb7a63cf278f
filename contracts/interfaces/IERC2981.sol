// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IERC165.sol";

/// @title EIP-2981 royalty information (interface id 0x2a55205a)
interface IERC2981 is IERC165 {
    /// @return receiver and the royalty owed on a sale at salePrice.
    function royaltyInfo(uint256 tokenId, uint256 salePrice) external view returns (address, uint256);
}
