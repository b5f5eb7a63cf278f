/**
 * The name registry system contract ({@code contracts/interfaces/INameRegistry.sol}): {@code label.trestle} names
 * owned for a term, resolving to an address and a DID, with verified reverse records. Deterministic; imports core,
 * crypto, evm and the did package only.
 */
package io.trestle.services.names;
