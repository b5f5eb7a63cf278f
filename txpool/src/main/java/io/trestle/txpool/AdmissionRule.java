package io.trestle.txpool;

import io.trestle.core.Address;
import io.trestle.core.tx.Transaction;

/**
 * A chain-level rule on who may send what, asked for every transaction after its sender is recovered and before
 * the pool looks at nonces and funds (governance: frozen accounts, permissioned chains, method allow-lists, the
 * committee's minimum gas price; ADR 0272). Runs outside the pool's lock on RPC and gossip threads, so it must be
 * thread-safe and cheap.
 */
@FunctionalInterface
public interface AdmissionRule {
  AdmissionRule NONE = (tx, sender) -> { };

  /** Returns normally to admit; throws with a reason ({@code NOT_PERMITTED}, {@code FROZEN}, …) to refuse. */
  void check(Transaction tx, Address sender) throws TxPoolException;
}
