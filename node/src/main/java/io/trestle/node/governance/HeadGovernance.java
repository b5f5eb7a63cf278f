package io.trestle.node.governance;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.execution.Chain;
import io.trestle.services.governance.ChainParameter;
import io.trestle.services.governance.GovernanceContract;
import io.trestle.services.governance.TransactionRules;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.Roles;
import io.trestle.services.supervision.SupervisionQuery;
import io.trestle.state.world.WorldState;
import io.trestle.txpool.AdmissionRule;
import io.trestle.txpool.TxPoolException;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Governance state at the head for everything outside execution: the pool's admission rule (ADR 0272), role checks
 * of the audit endpoint. Slot reads are cached per head block, so thousands of admissions per second do not walk the
 * trie; a new head starts a new cache, and a value read from an older head can never land in it.
 */
public final class HeadGovernance implements AdmissionRule {
  private static final int SLOTS_MAX = 200_000;

  private final Chain chain;
  private volatile HeadCache current;

  /** The slots read at one head. */
  private record HeadCache(long number, WorldState state, ConcurrentHashMap<UInt256, UInt256> slots) {}

  public HeadGovernance(Chain chain) {
    this.chain = chain;
  }

  /** Governance storage at the head. */
  public StorageReader reader() {
    HeadCache cache = cache();
    return slot -> {
      UInt256 v = cache.slots().get(slot);
      if (v == null) {
        synchronized (cache) {
          v = UInt256.fromBytes(cache.state().storage(GovernanceContract.ADDRESS, Bytes.wrap(slot.toArray())).unsafeArray());
        }
        if (cache.slots().size() < SLOTS_MAX) {
          cache.slots().put(slot, v);
        }
      }
      return v;
    };
  }

  private HeadCache cache() {
    long head = chain.head().number();
    HeadCache c = current;
    if (c == null || c.number() != head) {
      synchronized (this) {
        c = current;
        if (c == null || c.number() != head) {
          c = new HeadCache(head, chain.stateAt(head), new ConcurrentHashMap<>());
          current = c;
        }
      }
    }
    return c;
  }

  public boolean hasRole(String role, Address account) {
    try {
      return Roles.has(reader(), role, account);
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @Override
  public void check(Transaction tx, Address sender) throws TxPoolException {
    StorageReader r = reader();
    try {
      String refused = TransactionRules.senderRefusal(r, sender, tx.to() == null);
      if (refused != null) {
        throw new TxPoolException(SupervisionQuery.isAccountFrozen(r, sender)
            ? TxPoolException.Reason.FROZEN : TxPoolException.Reason.NOT_PERMITTED, refused);
      }
      if (tx.to() != null) {
        refused = TransactionRules.callRefusal(r, sender, tx.to(), tx.data());
        if (refused != null) {
          throw new TxPoolException(TxPoolException.Reason.NOT_PERMITTED, refused);
        }
      }
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException(impossible);
    }
    BigInteger min = chain.governance().flatMap(g -> g.parameter(ChainParameter.MIN_GAS_PRICE)).orElse(BigInteger.ZERO);
    if (tx.maxFeePerGas().compareTo(min) < 0) {
      throw new TxPoolException(TxPoolException.Reason.UNDERPRICED, "transaction underpriced: fee cap "
          + tx.maxFeePerGas() + " below the committee's minimum gas price " + min);
    }
  }
}
