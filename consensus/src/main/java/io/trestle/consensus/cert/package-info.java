/**
 * What a light client needs to trust a committed block: block headers, validator sets, quorum and commit
 * certificates, the signing digests and {@link io.trestle.consensus.cert.CertificateVerifier}.
 * Imports core and crypto only; never the engine ({@code io.trestle.consensus}) or the wire messages.
 */
package io.trestle.consensus.cert;
