/**
 * The {@code did:trestle} method: DID syntax, the DID registry system contract (implicit DID per account,
 * verification methods, services, controllers, deactivation, full version history) and the storage layout that
 * resolvers read. Also the small storage toolkit (slots, packed words, byte strings) the identity contracts share.
 * Deterministic; imports core, crypto and evm only.
 */
package io.trestle.services.did;
