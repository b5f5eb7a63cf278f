// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle works: fingerprints, rights and re-issues of the NFTs in a Trestle collection
/// @notice Every work (ERC-721 token, or ERC-1155 id with its editions) carries a content fingerprint registered
///         network-wide (see IFingerprintRegistry), and a rights record: the creator, the current right holder
///         and the license (a URI and the hash of its terms). Rights move apart from ownership, only by the right
///         holder. Accounts are named by address; their DID is did:trestle:<chainId>:<address in lower-case hex>.
///         Supported through ERC-165 with type(ITrestleWorks).interfaceId.
interface ITrestleWorks {
    /// @notice Works firstId, firstId+1, ... were minted under rightsId with these fingerprints (perceptual hashes
    ///         may be empty when none were given).
    event WorksRegistered(uint256 indexed firstId, uint256 indexed rightsId, bytes32[] fingerprints,
        bytes32[] perceptualHashes);
    /// @notice A rights record: the platform that minted attests the creator, who is the first right holder.
    event RightsDefined(uint256 indexed rightsId, address indexed creator, address indexed rightHolder,
        string licenseURI, bytes32 licenseHash);
    event RightsTransferred(uint256 indexed id, address indexed from, address indexed to);
    /// @notice Work id is a licensed re-issue of the original that holds the fingerprint.
    event Reissued(uint256 indexed id, bytes32 indexed fingerprint, address originalAsset, uint256 originalId);

    /// @return creator, rightHolder, licenseURI, licenseHash of a live work; reverts for others.
    function rightsOf(uint256 id) external view returns (address, address, string memory, bytes32);

    /// @notice Only the current right holder; ownership stays where it is. Reverts while frozen.
    function transferRights(uint256 id, address to) external;

    function isReissue(uint256 id) external view returns (bool);

    /// @return The platform that created the collection and alone mints into it.
    function platform() external view returns (address);

    /// @return Whether the regulator froze the whole collection.
    function frozen() external view returns (bool);
}
