package io.trestle.txpool;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The mempool. Transactions are kept per sender in nonce order; a block takes each sender's executable run
 * (consecutive nonces from the account nonce) merged by tip. Bounded per sender and in total; when full, the
 * lowest-paying transaction makes room for a better one. Sender recovery happens once, at admission, outside
 * the lock, and is cached in the transaction (DESIGN §9).
 */
public final class TxPool {
  private final TxPoolConfig config;
  private final AccountReader accounts;
  private final Map<Hash, Entry> byHash = new HashMap<>();
  private final Map<Address, TreeMap<Long, Entry>> bySender = new HashMap<>();
  /** Cheapest first; among equals the newest first, so older transactions survive eviction. */
  private final TreeSet<Entry> byPrice = new TreeSet<>(
      Comparator.comparing((Entry e) -> e.tx.maxFeePerGas()).thenComparing(e -> -e.seq));
  private final List<Consumer<Transaction>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<TxPoolException.Reason>> rejectionListeners = new CopyOnWriteArrayList<>();
  private long blockGasLimit;
  private volatile AdmissionRule admissionRule = AdmissionRule.NONE;
  private long seq;
  /** Sum of the gas limits of everything in the pool, kept so the producer's "is a block full?" poll is O(1). */
  private long gasTotal;
  /**
   * Hashes of the last {@link #INCLUDED_REMEMBERED_MAX} transactions included in blocks. In a network a validator
   * often gets a transaction by gossip only after the block holding it (it recovered that block's copy when
   * validating the proposal): without this, each late copy costs a second sender recovery, the most expensive step
   * of admission, only to be refused for its nonce.
   */
  private final java.util.LinkedHashSet<Hash> included = new java.util.LinkedHashSet<>();
  static final int INCLUDED_REMEMBERED_MAX = 200_000;

  private record Entry(Transaction tx, Address sender, long seq) {}

  public TxPool(TxPoolConfig config, AccountReader accounts, long blockGasLimit) {
    this.config = config;
    this.accounts = accounts;
    this.blockGasLimit = blockGasLimit;
  }

  /** Called with every transaction newly admitted (gossip, pending-transaction subscriptions). */
  public void onAdmitted(Consumer<Transaction> listener) {
    listeners.add(listener);
  }

  /** Called with the reason of every refused transaction (metrics). */
  public void onRejected(Consumer<TxPoolException.Reason> listener) {
    rejectionListeners.add(listener);
  }

  public synchronized void setBlockGasLimit(long gasLimit) {
    this.blockGasLimit = gasLimit;
  }

  /** Installs the chain's admission rule (ADR 0272); transactions already pooled are not re-checked. */
  public void setAdmissionRule(AdmissionRule rule) {
    this.admissionRule = java.util.Objects.requireNonNull(rule, "rule");
  }

  /**
   * Admits a transaction or says precisely why not. Returns the transaction's hash.
   */
  public Hash add(Transaction tx) throws TxPoolException {
    try {
      return admitChecked(tx);
    } catch (TxPoolException e) {
      for (Consumer<TxPoolException.Reason> listener : rejectionListeners) {
        listener.accept(e.reason());
      }
      throw e;
    }
  }

  private Hash admitChecked(Transaction tx) throws TxPoolException {
    refuseKnown(tx.hash());
    checkStateless(tx);
    Address sender;
    try {
      sender = tx.sender();
    } catch (InvalidTransactionException e) {
      throw new TxPoolException(TxPoolException.Reason.INVALID_SIGNATURE, "invalid sender: " + e.getMessage());
    }
    admissionRule.check(tx, sender);
    long accountNonce = accounts.nonce(sender);
    BigInteger balance = accounts.balance(sender);
    synchronized (this) {
      admit(tx, sender, accountNonce, balance);
    }
    for (Consumer<Transaction> listener : listeners) {
      listener.accept(tx);
    }
    return tx.hash();
  }

  /** Refuses, before any signature work, a transaction the pool holds or a block has already included. */
  private synchronized void refuseKnown(Hash hash) throws TxPoolException {
    if (byHash.containsKey(hash)) {
      throw new TxPoolException(TxPoolException.Reason.ALREADY_KNOWN, "already known");
    }
    if (included.contains(hash)) {
      throw new TxPoolException(TxPoolException.Reason.NONCE_TOO_LOW,
          "nonce too low: transaction " + hash + " is already included in a block");
    }
  }

  private void checkStateless(Transaction tx) throws TxPoolException {
    if (tx.size() > config.txBytesMax()) {
      throw new TxPoolException(TxPoolException.Reason.OVERSIZED,
          "oversized data: transaction of " + tx.size() + " bytes exceeds " + config.txBytesMax());
    }
    Long chainId = tx.chainId();
    if (chainId == null) {
      if (!config.allowUnprotected()) {
        throw new TxPoolException(TxPoolException.Reason.UNPROTECTED,
            "only replay-protected (EIP-155) transactions allowed over RPC");
      }
    } else if (chainId != config.chainId()) {
      throw new TxPoolException(TxPoolException.Reason.WRONG_CHAIN_ID,
          "invalid chain id: transaction is for chain " + chainId + ", this chain is " + config.chainId());
    }
    try {
      tx.validate();
    } catch (InvalidTransactionException e) {
      TxPoolException.Reason reason = e.reason() == InvalidTransactionException.Reason.INVALID_SIGNATURE
          ? TxPoolException.Reason.INVALID_SIGNATURE
          : TxPoolException.Reason.INVALID_TRANSACTION;
      throw new TxPoolException(reason, e.getMessage());
    }
    if (tx.maxFeePerGas().compareTo(config.minGasPrice()) < 0) {
      throw new TxPoolException(TxPoolException.Reason.UNDERPRICED,
          "transaction underpriced: fee cap " + tx.maxFeePerGas() + " below the minimum gas price " + config.minGasPrice());
    }
  }

  private void admit(Transaction tx, Address sender, long accountNonce, BigInteger balance) throws TxPoolException {
    if (byHash.containsKey(tx.hash())) {
      throw new TxPoolException(TxPoolException.Reason.ALREADY_KNOWN, "already known");
    }
    if (tx.gasLimit() > blockGasLimit) {
      throw new TxPoolException(TxPoolException.Reason.GAS_LIMIT_EXCEEDED,
          "exceeds block gas limit: gas " + tx.gasLimit() + " > block limit " + blockGasLimit);
    }
    if (tx.nonce() < accountNonce) {
      throw new TxPoolException(TxPoolException.Reason.NONCE_TOO_LOW,
          "nonce too low: address " + sender.toChecksumHex() + ", tx nonce " + tx.nonce() + ", account nonce " + accountNonce);
    }
    if (tx.nonce() - accountNonce >= config.nonceGapMax()) {
      throw new TxPoolException(TxPoolException.Reason.NONCE_TOO_HIGH,
          "nonce too high: tx nonce " + tx.nonce() + " is more than " + config.nonceGapMax() + " ahead of account nonce " + accountNonce);
    }
    if (balance.compareTo(tx.maxCost()) < 0) {
      throw new TxPoolException(TxPoolException.Reason.INSUFFICIENT_FUNDS,
          "insufficient funds for gas * price + value: address " + sender.toChecksumHex()
              + " have " + balance + " want " + tx.maxCost());
    }
    TreeMap<Long, Entry> queue = bySender.computeIfAbsent(sender, s -> new TreeMap<>());
    Entry existing = queue.get(tx.nonce());
    if (existing != null) {
      if (!outbids(tx, existing.tx)) {
        throw new TxPoolException(TxPoolException.Reason.REPLACEMENT_UNDERPRICED,
            "replacement transaction underpriced: fee cap and tip must both rise by " + config.replacementBumpPercent() + "%");
      }
      remove(existing);
    } else if (queue.size() >= config.senderTxsMax()) {
      throw new TxPoolException(TxPoolException.Reason.SENDER_LIMIT,
          "sender " + sender.toChecksumHex() + " already has " + queue.size() + " pending transactions");
    }
    if (byHash.size() >= config.poolTxsMax()) {
      Entry cheapest = byPrice.first();
      if (cheapest.tx.maxFeePerGas().compareTo(tx.maxFeePerGas()) >= 0) {
        if (queue.isEmpty()) {
          bySender.remove(sender);
        }
        throw new TxPoolException(TxPoolException.Reason.POOL_FULL,
            "txpool is full: fee cap must exceed " + cheapest.tx.maxFeePerGas() + " to enter");
      }
      evictFrom(cheapest);
    }
    Entry entry = new Entry(tx, sender, seq++);
    bySender.computeIfAbsent(sender, s -> new TreeMap<>()).put(tx.nonce(), entry);
    byHash.put(tx.hash(), entry);
    byPrice.add(entry);
    gasTotal += tx.gasLimit();
  }

  private boolean outbids(Transaction replacement, Transaction old) {
    BigInteger pct = BigInteger.valueOf(100L + config.replacementBumpPercent());
    BigInteger hundred = BigInteger.valueOf(100);
    boolean feeCap = replacement.maxFeePerGas().multiply(hundred).compareTo(old.maxFeePerGas().multiply(pct)) >= 0;
    boolean tip = replacement.maxPriorityFeePerGas().multiply(hundred).compareTo(old.maxPriorityFeePerGas().multiply(pct)) >= 0;
    return feeCap && tip;
  }

  /** Evicts a transaction and every later nonce of its sender, which it would leave unexecutable. */
  private void evictFrom(Entry entry) {
    TreeMap<Long, Entry> queue = bySender.get(entry.sender);
    for (Entry later : new ArrayList<>(queue.tailMap(entry.tx.nonce(), true).values())) {
      remove(later);
    }
  }

  private void remove(Entry entry) {
    if (byHash.remove(entry.tx.hash()) != null) {
      gasTotal -= entry.tx.gasLimit();
    }
    byPrice.remove(entry);
    TreeMap<Long, Entry> queue = bySender.get(entry.sender);
    if (queue != null) {
      queue.remove(entry.tx.nonce());
      if (queue.isEmpty()) {
        bySender.remove(entry.sender);
      }
    }
  }

  /**
   * The transactions for the next block: per sender the run of consecutive nonces starting at the account
   * nonce, merged across senders by the tip they pay at {@code baseFee}, within the gas and count limits.
   * A transaction whose fee cap is below the base fee ends its sender's run.
   */
  public synchronized List<Transaction> selectForBlock(long gasLimit, BigInteger baseFee, int txsMax) {
    record Head(Entry entry, BigInteger tip, Iterator<Entry> rest, long expectedNext) {}
    PriorityQueue<Head> heads = new PriorityQueue<>(
        Comparator.comparing(Head::tip).reversed().thenComparingLong(h -> h.entry.seq));
    for (Map.Entry<Address, TreeMap<Long, Entry>> s : bySender.entrySet()) {
      long nonce = accounts.nonce(s.getKey());
      NavigableMap<Long, Entry> run = s.getValue().tailMap(nonce, true);
      Iterator<Entry> it = run.values().iterator();
      if (it.hasNext()) {
        Entry first = it.next();
        if (first.tx.nonce() == nonce && includable(first.tx, baseFee)) {
          heads.add(new Head(first, tip(first.tx, baseFee), it, nonce + 1));
        }
      }
    }
    List<Transaction> out = new ArrayList<>();
    long gasLeft = gasLimit;
    while (!heads.isEmpty() && out.size() < txsMax) {
      Head head = heads.poll();
      Transaction tx = head.entry.tx;
      if (tx.gasLimit() > gasLeft) {
        continue;
      }
      out.add(tx);
      gasLeft -= tx.gasLimit();
      if (head.rest.hasNext()) {
        Entry next = head.rest.next();
        if (next.tx.nonce() == head.expectedNext && includable(next.tx, baseFee)) {
          heads.add(new Head(next, tip(next.tx, baseFee), head.rest, head.expectedNext + 1));
        }
      }
    }
    return out;
  }

  private static boolean includable(Transaction tx, BigInteger baseFee) {
    return tx.maxFeePerGas().compareTo(baseFee) >= 0;
  }

  private static BigInteger tip(Transaction tx, BigInteger baseFee) {
    return tx.effectiveGasPrice(baseFee).subtract(baseFee);
  }

  /**
   * After a block is executed: drops every transaction of the given senders whose nonce the chain has passed
   * (included, or replaced by another with the same nonce), and any whose sender can no longer pay.
   */
  public synchronized void onBlockExecuted(Collection<Address> touchedSenders) {
    for (Address sender : touchedSenders) {
      TreeMap<Long, Entry> queue = bySender.get(sender);
      if (queue == null) {
        continue;
      }
      long nonce = accounts.nonce(sender);
      for (Entry stale : new ArrayList<>(queue.headMap(nonce, false).values())) {
        remove(stale);
      }
      TreeMap<Long, Entry> rest = bySender.get(sender);
      if (rest != null && !rest.isEmpty()) {
        Entry first = rest.firstEntry().getValue();
        if (first.tx.nonce() == nonce && accounts.balance(sender).compareTo(first.tx.maxCost()) < 0) {
          evictFrom(first);
        }
      }
    }
  }

  /**
   * Removes transactions a committed block included, whoever built it, and remembers their hashes (the last
   * {@value #INCLUDED_REMEMBERED_MAX}) so that a copy arriving later is refused without recovering its sender.
   */
  public synchronized void removeIncluded(Collection<Hash> hashes) {
    removeIncluded(hashes, hashes);
  }

  /**
   * Removes every transaction a committed block ordered, but remembers only those it {@code executed}: one the
   * block skipped (ADR 0004) changed nothing, and the same signed transaction may be valid and welcome later.
   */
  public synchronized void removeIncluded(Collection<Hash> ordered, Collection<Hash> executed) {
    for (Hash h : ordered) {
      Entry e = byHash.get(h);
      if (e != null) {
        remove(e);
      }
    }
    for (Hash h : executed) {
      included.remove(h);
      included.add(h);
    }
    java.util.Iterator<Hash> oldest = included.iterator();
    for (int excess = included.size() - INCLUDED_REMEMBERED_MAX; excess > 0; excess--) {
      oldest.next();
      oldest.remove();
    }
  }

  /** The nonce the sender's next transaction should carry: account nonce plus its consecutive pooled run. */
  public synchronized long pendingNonce(Address sender) {
    long nonce = accounts.nonce(sender);
    TreeMap<Long, Entry> queue = bySender.get(sender);
    if (queue == null) {
      return nonce;
    }
    while (queue.containsKey(nonce)) {
      nonce++;
    }
    return nonce;
  }

  public synchronized Transaction get(Hash hash) {
    Entry e = byHash.get(hash);
    return e == null ? null : e.tx;
  }

  public synchronized int size() {
    return byHash.size();
  }

  /** Whether the pool holds at least {@code gasLimit} worth of gas: the block producer then proposes at once. */
  public synchronized boolean holdsAtLeastGas(long gasLimit) {
    return gasTotal >= gasLimit;
  }

  /** Pending (executable now) and queued (nonce gap) transactions per sender, for txpool_content/status. */
  public synchronized Content content() {
    Map<Address, List<Transaction>> pending = new HashMap<>();
    Map<Address, List<Transaction>> queued = new HashMap<>();
    for (Map.Entry<Address, TreeMap<Long, Entry>> s : bySender.entrySet()) {
      long expected = accounts.nonce(s.getKey());
      for (Entry e : s.getValue().values()) {
        boolean executable = e.tx.nonce() == expected;
        if (executable) {
          expected++;
        }
        (executable ? pending : queued).computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(e.tx);
      }
    }
    return new Content(pending, queued);
  }

  /** A snapshot of the pool split into executable and gapped transactions. */
  public record Content(Map<Address, List<Transaction>> pending, Map<Address, List<Transaction>> queued) {
    public int pendingCount() {
      return pending.values().stream().mapToInt(List::size).sum();
    }

    public int queuedCount() {
      return queued.values().stream().mapToInt(List::size).sum();
    }
  }

  /** Senders with something in the pool. */
  public synchronized Set<Address> senders() {
    return new HashSet<>(bySender.keySet());
  }
}
