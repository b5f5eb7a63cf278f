/**
 * Roles, the chain's permission mode and method-level allow-lists, kept in the governance contract's storage
 * and answered through the {@code IRoles} ABI (contracts/interfaces/IRoles.sol). Changed only by executed
 * committee proposals. Imports core, evm and {@code io.trestle.services.governance.store}.
 */
package io.trestle.services.permissions;
