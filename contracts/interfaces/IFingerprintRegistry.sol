// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle network-wide fingerprint registry
/// @notice At 0x000000000000000000000000000000007e570303. Every minted work registers its content fingerprint (the
///         hash of the content under the chain's hash function: keccak-256, or SM3 on sm chains) and, if the
///         platform gives one, a perceptual hash. A fingerprint held by a live work anywhere on the chain is refused
///         with a reason naming that work, unless the work's right holder authorised one licensed re-issue into the
///         minting collection. Registration happens inside the mint.
interface IFingerprintRegistry {
    event ReissueAuthorized(bytes32 indexed fingerprint, address indexed collection, address indexed rightHolder);
    event ReissueRevoked(bytes32 indexed fingerprint, address indexed collection, address indexed rightHolder);

    /// @return asset, id of the work registered under the fingerprint (0 when none), and whether it is live
    function lookup(bytes32 fingerprint) external view returns (address, uint256, bool);

    function lookupPerceptual(bytes32 perceptualHash) external view returns (address, uint256, bool);

    /// @notice By the right holder of the live work holding the fingerprint: one mint of it into collection may
    ///         follow, as a re-issue. The authorisation lapses if the rights move.
    function authorizeReissue(bytes32 fingerprint, address collection) external;

    function revokeReissue(bytes32 fingerprint, address collection) external;

    function reissueAuthorized(bytes32 fingerprint, address collection) external view returns (bool);
}
