// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Trestle evidence registry (notarization, docs/evidence-receipt.md)
/// @notice Native Java contract at 0x000000000000000000000000000000007e571003
///         (io.trestle.services.evidence.EvidenceRegistry). hashAlgorithm: 1 sha-256 (32 bytes), 2 sm3 (32 bytes),
///         3 sha-512 (64 bytes). contentMode: 0 none, 1 clear, 2 aes-256-gcm, 3 sm4-gcm. The submitter's DID must not
///         be deactivated; its version is recorded. Notarizing a digest again from the same account returns the first
///         record and changes nothing. Records are numbered from 1 and are never deleted.
interface IEvidence {
    /// @notice digestKey = keccak256(abi.encodePacked(hashAlgorithm, digest)).
    event Notarized(uint64 indexed id, address indexed submitter, bytes32 indexed digestKey, uint8 hashAlgorithm,
        bytes digest, string metadata, uint32 didVersion, uint8 contentMode);
    /// @notice root is the RFC 9162 Merkle tree hash of leafCount digests (leaf 0x00||d, node 0x01||l||r).
    event BatchAnchored(uint64 indexed id, address indexed submitter, bytes32 indexed root, uint8 hashAlgorithm,
        uint32 leafCount, string metadata, uint32 didVersion);
    event Superseded(uint64 indexed oldId, uint64 indexed newId);
    event Revoked(uint64 indexed id, string reason);

    /// @notice Notarizes a digest with a metadata URI or short note (at most 1024 bytes).
    function notarize(bytes calldata digest, uint8 hashAlgorithm, string calldata metadata) external returns (uint64 id);

    /// @notice Notarizes and stores the original (at most 64 KiB): in clear (its digest is checked here) or encrypted
    ///         client-side as nonce||ciphertext||tag, with the content key wrapped for each recipient, named as
    ///         did:trestle:<chainId>:<address>#<keyId> of a current keyAgreement key of an active DID of this chain.
    function notarizeWithContent(bytes calldata digest, uint8 hashAlgorithm, string calldata metadata, uint8 contentMode,
        bytes calldata content, string[] calldata recipients, bytes[] calldata wrappedKeys) external returns (uint64 id);

    /// @notice Anchors the Merkle root of a batch; each member is later proven by its path and the recorded count.
    function anchorBatch(bytes32 root, uint8 hashAlgorithm, uint32 leafCount, string calldata metadata) external returns (uint64 id);

    /// @notice Notarizes a new digest as the successor of one of the caller's records; the old one stays.
    function supersede(uint64 oldId, bytes calldata digest, uint8 hashAlgorithm, string calldata metadata) external returns (uint64 newId);

    /// @notice Marks one of the caller's records revoked with a reason (at most 256 bytes); it stays readable.
    function revoke(uint64 id, string calldata reason) external;

    /// @notice The record the submitter made for this digest, 0 when none.
    function lookup(bytes calldata digest, uint8 hashAlgorithm, address submitter) external view returns (uint64 id);

    /// @notice Record ids of a digest, newest first; page with beforeId (0: from the newest), limit 1-100.
    function findByDigest(bytes calldata digest, uint8 hashAlgorithm, uint64 beforeId, uint32 limit) external view returns (uint64[] memory ids);

    function findBySubmitter(address submitter, uint64 beforeId, uint32 limit) external view returns (uint64[] memory ids);

    /// @notice kind: 1 single, 2 batch (digest then holds the root).
    function record(uint64 id) external view returns (address submitter, uint8 kind, uint8 hashAlgorithm, bytes memory digest,
        string memory metadata, uint64 blockNumber, uint64 timestamp, uint32 didVersion, uint32 leafCount, uint8 contentMode,
        uint64 supersedes, uint64 supersededBy, bool revoked, string memory revocationReason);
}
