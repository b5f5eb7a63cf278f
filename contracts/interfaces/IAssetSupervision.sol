// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle asset supervision
/// @notice At 0x000000000000000000000000000000007e570305. A regulator freezes and unfreezes one token or work, a
///         whole collection or fungible token, or an account's assets, always with a reason (1 to 256 bytes) that
///         the event records on chain. Frozen assets do not move: transfers, approvals, burns and rights transfers
///         revert naming the freeze. A frozen account may still receive. Reverts carry reasons starting
///         "AssetSupervision: ".
interface IAssetSupervision {
    event TokenFrozen(address indexed asset, uint256 indexed id, address indexed regulator, string reason);
    event TokenUnfrozen(address indexed asset, uint256 indexed id, address indexed regulator, string reason);
    event AssetFrozen(address indexed asset, address indexed regulator, string reason);
    event AssetUnfrozen(address indexed asset, address indexed regulator, string reason);
    event AccountFrozen(address indexed account, address indexed regulator, string reason);
    event AccountUnfrozen(address indexed account, address indexed regulator, string reason);

    function freezeToken(address asset, uint256 id, string calldata reason) external;

    function unfreezeToken(address asset, uint256 id, string calldata reason) external;

    function freezeAsset(address asset, string calldata reason) external;

    function unfreezeAsset(address asset, string calldata reason) external;

    function freezeAccount(address account, string calldata reason) external;

    function unfreezeAccount(address account, string calldata reason) external;

    function isAccountFrozen(address account) external view returns (bool);

    function isAssetFrozen(address asset) external view returns (bool);

    function isTokenFrozen(address asset, uint256 id) external view returns (bool);
}
