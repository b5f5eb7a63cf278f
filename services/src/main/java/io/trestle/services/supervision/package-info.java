/**
 * Supervision: the regulator freezes and unfreezes accounts, contracts and assets and sets licence statuses,
 * each with a reason and a reference and each an event ({@code ISupervision}, contracts/interfaces/ISupervision.sol).
 * {@link io.trestle.services.supervision.SupervisionQuery} is what other system contracts consult. Imports core,
 * evm, {@code io.trestle.services.governance.store} and {@code io.trestle.services.permissions}.
 */
package io.trestle.services.supervision;
