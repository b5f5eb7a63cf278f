package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * A mutable in-memory world for tests and tools: holds accounts, code and storage in maps and applies
 * {@link StateDiff}s. Not a replacement for the Merkle-Patricia world state (it computes no root).
 */
public final class InMemoryWorld implements WorldView {
  private final Map<Address, AccountState> accounts = new HashMap<>();
  private final Map<Address, Bytes> code = new HashMap<>();
  private final Map<Address, Map<UInt256, UInt256>> storage = new HashMap<>();
  private final Map<Long, Hash> blockHashes = new HashMap<>();

  @Override
  public AccountState account(Address address) {
    AccountState a = accounts.get(address);
    if (a == null) {
      return null;
    }
    Map<UInt256, UInt256> slots = storage.get(address);
    boolean hasStorage = slots != null && !slots.isEmpty();
    return hasStorage == a.hasStorage() ? a : new AccountState(a.nonce(), a.balance(), a.codeHash(), hasStorage);
  }

  @Override
  public UInt256 storage(Address address, UInt256 slot) {
    Map<UInt256, UInt256> slots = storage.get(address);
    UInt256 v = slots == null ? null : slots.get(slot);
    return v == null ? UInt256.ZERO : v;
  }

  @Override
  public Bytes code(Address address) {
    return code.getOrDefault(address, Bytes.EMPTY);
  }

  @Override
  public Hash blockHash(long number) {
    return blockHashes.getOrDefault(number, Hash.ZERO);
  }

  public InMemoryWorld setBlockHash(long number, Hash hash) {
    blockHashes.put(number, hash);
    return this;
  }

  public InMemoryWorld setAccount(Address address, long nonce, BigInteger balance) {
    AccountState prev = accounts.get(address);
    Hash codeHash = prev == null ? Hash.EMPTY_KECCAK : prev.codeHash();
    accounts.put(address, new AccountState(nonce, balance, codeHash, false));
    return this;
  }

  public InMemoryWorld setBalance(Address address, BigInteger balance) {
    AccountState prev = accounts.get(address);
    return setAccount(address, prev == null ? 0 : prev.nonce(), balance);
  }

  public InMemoryWorld setCode(Address address, Bytes contractCode) {
    AccountState prev = accounts.get(address);
    long nonce = prev == null ? 0 : prev.nonce();
    BigInteger balance = prev == null ? BigInteger.ZERO : prev.balance();
    accounts.put(address, new AccountState(nonce, balance, Hash.keccak(contractCode.unsafeArray()), false));
    code.put(address, contractCode);
    return this;
  }

  public InMemoryWorld setStorage(Address address, UInt256 slot, UInt256 value) {
    if (!accounts.containsKey(address)) {
      setAccount(address, 0, BigInteger.ZERO);
    }
    Map<UInt256, UInt256> slots = storage.computeIfAbsent(address, k -> new HashMap<>());
    if (value.isZero()) {
      slots.remove(slot);
    } else {
      slots.put(slot, value);
    }
    return this;
  }

  public BigInteger balance(Address address) {
    AccountState a = accounts.get(address);
    return a == null ? BigInteger.ZERO : a.balance();
  }

  public boolean exists(Address address) {
    return accounts.containsKey(address);
  }

  /** All accounts, for tools that compute a root from them. */
  public Map<Address, AccountState> accounts() {
    Map<Address, AccountState> out = new HashMap<>();
    for (Address a : accounts.keySet()) {
      out.put(a, account(a));
    }
    return out;
  }

  public Map<UInt256, UInt256> storageOf(Address address) {
    return Map.copyOf(storage.getOrDefault(address, Map.of()));
  }

  public void apply(StateDiff diff) {
    for (StateDiff.AccountDiff d : diff.accounts()) {
      Address a = d.address();
      if (d.deleted()) {
        accounts.remove(a);
        code.remove(a);
        storage.remove(a);
        continue;
      }
      accounts.put(a, new AccountState(d.nonce(), d.balance(), d.codeHash(), false));
      if (d.code() != null) {
        code.put(a, d.code());
      }
      if (d.storageCleared()) {
        storage.remove(a);
      }
      for (Map.Entry<UInt256, UInt256> e : d.storage().entrySet()) {
        setStorage(a, e.getKey(), e.getValue());
      }
    }
  }
}
