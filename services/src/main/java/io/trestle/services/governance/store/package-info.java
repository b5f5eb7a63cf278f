/**
 * The storage layout shared by the governance system contract and everything that reads its state: slot
 * derivation, enumerable address sets and byte strings over a {@link io.trestle.services.governance.store.Storage}.
 * Imports core and the evm API only.
 */
package io.trestle.services.governance.store;
