/**
 * On-chain governance: the committee system contract (proposals, weighted votes, execution), the validator sets by
 * height, admitted nodes, chain and system-contract parameters, genesis state, the call guard and the transaction
 * rules the pool and block execution share (ADRs 0270–0275). Deterministic; imports core, crypto, evm and the
 * sibling packages {@code permissions}, {@code supervision} and {@code governance.store}.
 */
package io.trestle.services.governance;
