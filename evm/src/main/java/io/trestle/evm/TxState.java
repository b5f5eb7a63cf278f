package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable world of one transaction: a cache of the accounts it reads over a {@link WorldView}, every change
 * recorded in a journal so that a failing call frame can be undone by {@link #revertTo(int)}. Also holds what
 * EIP-2929 (warm sets), EIP-1153 (transient storage), EIP-2200 (original values) and EIP-3529 (refund counter)
 * need per transaction. Not thread-safe; one instance per transaction.
 */
final class TxState {
  /** One account as this transaction sees it. Fields are changed only through TxState so the journal stays exact. */
  static final class Account {
    final Address address;
    boolean exists;
    long nonce;
    BigInteger balance;
    Hash codeHash;
    Bytes code;
    boolean codeDeployed;
    boolean worldHasStorage;
    boolean storageCleared;
    boolean createdInTx;
    boolean selfDestructed;
    int dirtyCount;
    final HashMap<UInt256, UInt256> storage = new HashMap<>(4);
    HashMap<UInt256, UInt256> committed;

    Account(Address address, AccountState state) {
      this.address = address;
      if (state == null) {
        exists = false;
        nonce = 0;
        balance = BigInteger.ZERO;
        codeHash = Hash.EMPTY_KECCAK;
        code = Bytes.EMPTY;
      } else {
        exists = true;
        nonce = state.nonce();
        balance = state.balance();
        codeHash = state.codeHash();
        code = state.hasCode() ? null : Bytes.EMPTY;
        worldHasStorage = state.hasStorage();
      }
    }

    boolean isEmpty() {
      return nonce == 0 && balance.signum() == 0 && codeHash.equals(Hash.EMPTY_KECCAK);
    }

    /** EIP-161 "dead": absent or empty. */
    boolean isDead() {
      return !exists || isEmpty();
    }

    boolean hasCode() {
      return !codeHash.equals(Hash.EMPTY_KECCAK);
    }
  }

  record SlotKey(Address address, UInt256 slot) {}

  private interface Entry {
    void revert(TxState state);
  }

  final WorldView world;
  private final HashMap<Address, Account> accounts = new HashMap<>(8);
  private final ArrayList<Entry> journal = new ArrayList<>(16);
  private final HashSet<Address> warmAddresses = new HashSet<>(8);
  private final HashSet<SlotKey> warmSlots = new HashSet<>(4);
  private HashMap<SlotKey, UInt256> transient_;
  private final ArrayList<EvmLog> logs = new ArrayList<>(2);
  private long refund;

  TxState(WorldView world) {
    this.world = world;
  }

  // ---- accounts -------------------------------------------------------------------------------------------

  Account account(Address address) {
    Account a = accounts.get(address);
    if (a == null) {
      AccountState loaded;
      try {
        loaded = world.account(address);
      } catch (RuntimeException e) {
        throw new WorldViewException("reading account " + address + " failed", e);
      }
      a = new Account(address, loaded);
      accounts.put(address, a);
    }
    return a;
  }

  boolean exists(Address address) {
    return account(address).exists;
  }

  BigInteger balance(Address address) {
    return account(address).balance;
  }

  Bytes code(Account a) {
    if (a.code == null) {
      Bytes loaded;
      try {
        loaded = world.code(a.address);
      } catch (RuntimeException e) {
        throw new WorldViewException("reading code of " + a.address + " failed", e);
      }
      a.code = loaded == null ? Bytes.EMPTY : loaded;
    }
    return a.code;
  }

  /** Marks an account changed so it appears in the diff (EIP-161 touch). Creates it if absent, as geth does. */
  void touch(Account a) {
    dirty(a);
    if (!a.exists) {
      boolean prev = a.exists;
      a.exists = true;
      journal.add(s -> a.exists = prev);
    }
  }

  private void dirty(Account a) {
    a.dirtyCount++;
    journal.add(s -> a.dirtyCount--);
  }

  void addBalance(Account a, BigInteger amount) {
    touch(a);
    if (amount.signum() != 0) {
      BigInteger prev = a.balance;
      a.balance = prev.add(amount);
      journal.add(s -> a.balance = prev);
    }
  }

  void subBalance(Account a, BigInteger amount) {
    touch(a);
    if (amount.signum() != 0) {
      BigInteger prev = a.balance;
      a.balance = prev.subtract(amount);
      journal.add(s -> a.balance = prev);
    }
  }

  void setBalance(Account a, BigInteger amount) {
    touch(a);
    BigInteger prev = a.balance;
    a.balance = amount;
    journal.add(s -> a.balance = prev);
  }

  void setNonce(Account a, long nonce) {
    touch(a);
    long prev = a.nonce;
    a.nonce = nonce;
    journal.add(s -> a.nonce = prev);
  }

  void setCode(Account a, Bytes code, Hash codeHash) {
    touch(a);
    Bytes prevCode = a.code;
    Hash prevHash = a.codeHash;
    boolean prevDeployed = a.codeDeployed;
    a.code = code;
    a.codeHash = codeHash;
    a.codeDeployed = true;
    journal.add(s -> {
      a.code = prevCode;
      a.codeHash = prevHash;
      a.codeDeployed = prevDeployed;
    });
  }

  /**
   * Creates a contract account at {@code a}: its balance stays, everything else starts fresh and its storage
   * in the world is ignored from now on (EIP-684/7610 already refused addresses with storage).
   */
  void createContract(Account a) {
    touch(a);
    long prevNonce = a.nonce;
    boolean prevCleared = a.storageCleared;
    boolean prevCreated = a.createdInTx;
    HashMap<UInt256, UInt256> prevStorage = new HashMap<>(a.storage);
    a.storageCleared = true;
    a.createdInTx = true;
    a.storage.clear();
    journal.add(s -> {
      a.nonce = prevNonce;
      a.storageCleared = prevCleared;
      a.createdInTx = prevCreated;
      a.storage.clear();
      a.storage.putAll(prevStorage);
    });
  }

  /** EIP-6780: only an account created in this transaction is really destroyed (at the end of it). */
  void markSelfDestructed(Account a) {
    touch(a);
    boolean prev = a.selfDestructed;
    a.selfDestructed = true;
    journal.add(s -> a.selfDestructed = prev);
  }

  // ---- storage --------------------------------------------------------------------------------------------

  UInt256 storage(Account a, UInt256 slot) {
    UInt256 v = a.storage.get(slot);
    if (v != null) {
      return v;
    }
    return a.storageCleared ? UInt256.ZERO : committed(a, slot);
  }

  /** The value at the start of the transaction (EIP-2200's "original value"). */
  UInt256 original(Account a, UInt256 slot) {
    return a.createdInTx ? UInt256.ZERO : committed(a, slot);
  }

  private UInt256 committed(Account a, UInt256 slot) {
    if (!a.exists && a.dirtyCount == 0) {
      return UInt256.ZERO;
    }
    if (a.committed == null) {
      a.committed = new HashMap<>(4);
    }
    UInt256 v = a.committed.get(slot);
    if (v == null) {
      try {
        v = world.storage(a.address, slot);
      } catch (RuntimeException e) {
        throw new WorldViewException("reading storage of " + a.address + " failed", e);
      }
      if (v == null) {
        v = UInt256.ZERO;
      }
      a.committed.put(slot, v);
    }
    return v;
  }

  void setStorage(Account a, UInt256 slot, UInt256 value) {
    dirty(a);
    UInt256 prev = a.storage.put(slot, value);
    journal.add(s -> {
      if (prev == null) {
        a.storage.remove(slot);
      } else {
        a.storage.put(slot, prev);
      }
    });
  }

  UInt256 transientLoad(Address address, UInt256 slot) {
    if (transient_ == null) {
      return UInt256.ZERO;
    }
    UInt256 v = transient_.get(new SlotKey(address, slot));
    return v == null ? UInt256.ZERO : v;
  }

  void transientStore(Address address, UInt256 slot, UInt256 value) {
    if (transient_ == null) {
      transient_ = new HashMap<>();
    }
    SlotKey key = new SlotKey(address, slot);
    UInt256 prev = transient_.put(key, value);
    journal.add(s -> {
      if (prev == null) {
        s.transient_.remove(key);
      } else {
        s.transient_.put(key, prev);
      }
    });
  }

  // ---- EIP-2929 access sets -------------------------------------------------------------------------------

  boolean isWarm(Address address) {
    return warmAddresses.contains(address);
  }

  /** Warms {@code address}; returns true when it was cold. */
  boolean warmAddress(Address address) {
    if (warmAddresses.add(address)) {
      journal.add(s -> s.warmAddresses.remove(address));
      return true;
    }
    return false;
  }

  /** Warms a slot; returns true when it was cold. */
  boolean warmSlot(Address address, UInt256 slot) {
    SlotKey key = new SlotKey(address, slot);
    if (warmSlots.add(key)) {
      journal.add(s -> s.warmSlots.remove(key));
      return true;
    }
    return false;
  }

  // ---- refunds and logs -----------------------------------------------------------------------------------

  long refund() {
    return refund;
  }

  void addRefund(long delta) {
    long prev = refund;
    refund = prev + delta;
    journal.add(s -> s.refund = prev);
  }

  void addLog(EvmLog log) {
    logs.add(log);
    journal.add(s -> s.logs.remove(s.logs.size() - 1));
  }

  List<EvmLog> logs() {
    return logs;
  }

  // ---- journal --------------------------------------------------------------------------------------------

  int snapshot() {
    return journal.size();
  }

  void revertTo(int snapshot) {
    for (int i = journal.size() - 1; i >= snapshot; i--) {
      journal.remove(i).revert(this);
    }
  }

  // ---- end of transaction ---------------------------------------------------------------------------------

  /**
   * The diff of every changed account, after EIP-6780 destruction and EIP-161 removal of touched empty
   * accounts.
   */
  StateDiff toDiff(java.util.function.Predicate<Address> keepAlive) {
    TreeMap<Address, StateDiff.AccountDiff> out = new TreeMap<>();
    for (Account a : accounts.values()) {
      if (a.dirtyCount <= 0) {
        continue;
      }
      if (a.selfDestructed || ((a.isEmpty() || !a.exists) && !keepAlive.test(a.address))) {
        out.put(a.address, new StateDiff.AccountDiff(
            a.address, true, 0, BigInteger.ZERO, Hash.EMPTY_KECCAK, null, false, Map.of()));
        continue;
      }
      Map<UInt256, UInt256> writes = a.storage;
      if (!a.storageCleared && a.committed != null) {
        writes = new HashMap<>(a.storage);
        writes.entrySet().removeIf(e -> e.getValue().equals(a.committed.get(e.getKey())));
      }
      out.put(a.address, new StateDiff.AccountDiff(a.address, false, a.nonce, a.balance, a.codeHash,
          a.codeDeployed ? a.code : null, a.storageCleared, writes));
    }
    return new StateDiff(new ArrayList<>(out.values()));
  }
}
