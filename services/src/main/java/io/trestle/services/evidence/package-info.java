/**
 * The evidence (notarization) system contract ({@code contracts/interfaces/IEvidence.sol}): single digests bound
 * to the submitter's DID, batch anchors of RFC 6962 Merkle roots, optional small originals in clear or encrypted
 * with wrapped keys, supersede and revoke that keep the original, and queries by digest and submitter.
 * Deterministic; imports core, crypto, evm and the did package only.
 */
package io.trestle.services.evidence;
