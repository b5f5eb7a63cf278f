// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IERC165.sol";
import "./IERC20.sol";

/// @title A Trestle fungible token (ERC-20)
/// @notice Created by ITokenFactory.createToken at its own address from 0x…7e574000 on. The issuer mints (up to the
///         cap, unless it is 0) and burns its own balance, and may pause every movement. The regulator's freezes of
///         the token or of an account stop movements too. Reverts carry Error(string) reasons.
interface ITrestleToken is IERC20Metadata, IERC165 {
    event Paused(address account);
    event Unpaused(address account);

    /// @return The most tokens that may exist; 0 when uncapped.
    function cap() external view returns (uint256);

    function issuer() external view returns (address);

    function paused() external view returns (bool);

    function frozen() external view returns (bool);

    function mint(address to, uint256 amount) external;

    function burn(uint256 amount) external;

    function pause() external;

    function unpause() external;
}
