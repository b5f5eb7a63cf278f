package io.trestle.node;

import io.trestle.core.Address;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import io.trestle.txpool.AccountReader;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nonces and balances at the head for the pool's admission checks, cached so thousands of admissions per second
 * do not each walk the trie. Entries of accounts a block touched are dropped when it commits.
 */
final class HeadAccounts implements AccountReader, Chain.Listener {
  private static final int ENTRIES_MAX = 500_000;
  private static final Account ABSENT = Account.EMPTY;

  private final Chain chain;
  private final ConcurrentHashMap<Address, Account> cache = new ConcurrentHashMap<>();
  private volatile WorldState headState;
  private volatile long headNumber = -1;

  HeadAccounts(Chain chain) {
    this.chain = chain;
  }

  private Account lookup(Address address) {
    Account cached = cache.get(address);
    if (cached != null) {
      return cached;
    }
    // Read and cache under the lock onCommitted takes: a value read from the previous head is then either cached
    // before that block's invalidation runs (and dropped by it) or never cached. Caching it after the invalidation
    // would keep a stale nonce until the account's next transaction, and wallets asking for the pending nonce
    // would sign with one already used.
    synchronized (this) {
      long head = chain.head().number();
      if (headState == null || head != headNumber) {
        headState = chain.stateAt(head);
        headNumber = head;
      }
      Account a = headState.account(address);
      if (cache.size() > ENTRIES_MAX) {
        cache.clear();
      }
      Account value = a == null ? ABSENT : a;
      cache.put(address, value);
      return value;
    }
  }

  @Override
  public long nonce(Address account) {
    return lookup(account).nonce();
  }

  @Override
  public BigInteger balance(Address account) {
    return lookup(account).balance();
  }

  @Override
  public synchronized void onCommitted(Chain.CommittedBlock block) {
    cache.remove(block.block().header().proposer());
    for (ExecutedTransaction e : block.executed()) {
      cache.remove(e.sender());
      if (e.transaction().to() != null) {
        cache.remove(e.transaction().to());
      }
    }
    for (var s : block.skipped()) {
      try {
        cache.remove(s.transaction().sender());
      } catch (io.trestle.core.tx.InvalidTransactionException ignored) {
        // a transaction without a valid sender touched no account
      }
    }
    if (!block.executed().isEmpty() && block.executed().stream().anyMatch(e -> e.transaction().data().size() > 0)) {
      // contract calls can move value to accounts the receipts do not name
      cache.clear();
    }
  }
}
