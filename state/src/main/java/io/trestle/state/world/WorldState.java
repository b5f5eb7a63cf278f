package io.trestle.state.world;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.KeyValueReader;
import io.trestle.state.kv.WriteBatch;
import io.trestle.state.trie.MerklePatriciaTrie;
import io.trestle.state.trie.MissingNodeException;
import io.trestle.state.trie.NodeStore;
import io.trestle.state.trie.TrieProofException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ethereum's world state: the account trie (keyed by keccak256(address)), one storage trie per account (keyed by
 * keccak256(slot), values {@code rlp(value without leading zeros)}) and code by code hash in {@link Column#CODE}.
 *
 * <p>Changes collect in memory and reach the tries only in {@link #commit(WriteBatch)}, once per block: each dirty
 * account's storage trie is updated and hashed, then the account trie, each new node hashed once. Reads see the
 * pending changes, except {@link Account#storageRoot()}, which stays the committed root until the next commit
 * (nothing in execution needs it earlier, and computing it per read would hash per transaction).
 *
 * <p>Storage slots and values are 32-byte big-endian words ({@link Bytes} of exactly 32 bytes); an all-zero value
 * deletes the slot. This class keeps no journal: reverting a failed transaction is the executor's job, above it.
 *
 * <p>Not thread-safe. One instance follows the chain head on the executing thread; readers on other threads (RPC)
 * open their own instance at a committed root with {@link #at}: committed nodes are never changed or deleted, so
 * they read safely while the next block executes.
 */
public final class WorldState {
  public static final int WORD_BYTES = 32;
  /** Clean cached accounts kept across commits; past this the caches are dropped after a commit. */
  public static final int CACHED_ACCOUNTS_MAX = 200_000;
  private static final int CACHED_CODES_MAX = 1024;
  /** Per block: past this, slot keys are hashed again at commit rather than remembered. */
  private static final int HASHED_SLOTS_MAX = 1 << 17;
  private static final Bytes ZERO_WORD = Bytes.wrap(new byte[WORD_BYTES]);

  private final KeyValueReader store;
  private final NodeStore nodes;
  private MerklePatriciaTrie accountTrie;
  private Hash root;
  private final Map<Address, AccountEntry> accounts = new HashMap<>();
  private final Set<AccountEntry> dirty = new LinkedHashSet<>();
  /**
   * Trie keys (keccak256 of the slot, whatever the account) of slots read from a storage trie since the last
   * commit: a slot is almost always read (for its gas) before it is written, so commit finds its key here instead
   * of hashing it again.
   */
  private final Map<Bytes, Bytes> hashedSlots = new HashMap<>();
  private final Map<Hash, Bytes> pendingCode = new LinkedHashMap<>();
  private final Map<Hash, Bytes> codeCache = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Hash, Bytes> eldest) {
      return size() > CACHED_CODES_MAX;
    }
  };

  private WorldState(KeyValueReader store, Hash root) {
    this.store = store;
    this.nodes = NodeStore.of(store);
    this.root = root;
    this.accountTrie = MerklePatriciaTrie.at(nodes, root);
  }

  /** An empty state (root {@link Hash#EMPTY_TRIE_ROOT}) reading from and committing for {@code store}. */
  public static WorldState empty(KeyValueReader store) {
    return new WorldState(Objects.requireNonNull(store, "store"), Hash.EMPTY_TRIE_ROOT);
  }

  /**
   * The state with the given root, read lazily from {@code store} (a store or a snapshot of one).
   *
   * @throws UnknownStateRootException when no committed state has this root in the store
   */
  public static WorldState at(KeyValueReader store, Hash root) throws UnknownStateRootException {
    Objects.requireNonNull(store, "store");
    if (!root.equals(Hash.EMPTY_TRIE_ROOT) && !store.contains(Column.TRIE_NODES, root.unsafeArray())) {
      throw new UnknownStateRootException(root);
    }
    return new WorldState(store, root);
  }

  /** The root of the last commit, or of the opened state; pending changes are not in it. */
  public Hash rootHash() {
    return root;
  }

  public boolean hasPendingChanges() {
    return !dirty.isEmpty() || !pendingCode.isEmpty();
  }

  /** The account, or {@code null} when it does not exist. */
  public Account account(Address address) {
    return entry(address).current;
  }

  public boolean exists(Address address) {
    return entry(address).current != null;
  }

  /** The 32-byte value of a storage slot; all zeros when unset or when the account does not exist. */
  public Bytes storage(Address address, Bytes slot) {
    requireWord(slot, "slot");
    AccountEntry entry = entry(address);
    Bytes written = entry.writes.get(slot);
    if (written != null) {
      return written;
    }
    if (entry.current == null || entry.storageCleared) {
      return ZERO_WORD;
    }
    return entry.committedStorage.computeIfAbsent(slot, s -> readStorage(entry, s));
  }

  /** Code by its hash: empty for {@link Hash#EMPTY_KECCAK}, {@code null} when no code with that hash is known. */
  public Bytes code(Hash codeHash) {
    if (codeHash.equals(Hash.EMPTY_KECCAK)) {
      return Bytes.EMPTY;
    }
    Bytes pending = pendingCode.get(codeHash);
    if (pending != null) {
      return pending;
    }
    Bytes cached = codeCache.get(codeHash);
    if (cached == null) {
      byte[] stored = store.get(Column.CODE, codeHash.unsafeArray());
      if (stored == null) {
        return null;
      }
      cached = Bytes.wrap(stored);
      codeCache.put(codeHash, cached);
    }
    return cached;
  }

  /** The code of an account; empty when it has none or does not exist. */
  public Bytes code(Address address) {
    Account account = account(address);
    if (account == null) {
      return Bytes.EMPTY;
    }
    Bytes code = code(account.codeHash());
    if (code == null) {
      throw new MissingNodeException(account.codeHash(), "(code of " + address + ") is not in the code column");
    }
    return code;
  }

  /**
   * Creates or updates an account. Its {@link Account#storageRoot()} is ignored: the state derives the storage root
   * from the slots. An account that existed keeps its storage; use {@link #clearStorage} or {@link #deleteAccount}
   * first to drop it.
   */
  public void setAccount(Address address, Account account) {
    Objects.requireNonNull(account, "account");
    AccountEntry entry = entry(address);
    Hash storageRoot = entry.current != null ? entry.current.storageRoot()
        : entry.original != null && !entry.storageCleared ? entry.original.storageRoot() : Hash.EMPTY_TRIE_ROOT;
    entry.current = account.withStorageRoot(storageRoot);
    markDirty(entry);
  }

  /** Removes an account and all its storage. */
  public void deleteAccount(Address address) {
    AccountEntry entry = entry(address);
    entry.current = null;
    entry.storageCleared = true;
    entry.writes.clear();
    markDirty(entry);
  }

  /** Drops every storage slot of an account (self-destruct, or creation over an address that had storage). */
  public void clearStorage(Address address) {
    AccountEntry entry = entry(address);
    entry.storageCleared = true;
    entry.writes.clear();
    if (entry.current != null) {
      entry.current = entry.current.withStorageRoot(Hash.EMPTY_TRIE_ROOT);
    }
    markDirty(entry);
  }

  /** Writes a storage slot; an all-zero value deletes it. The account must exist when the block commits. */
  public void setStorage(Address address, Bytes slot, Bytes value) {
    requireWord(slot, "slot");
    requireWord(value, "value");
    AccountEntry entry = entry(address);
    entry.writes.put(slot, value);
    markDirty(entry);
  }

  /** Stores code (kept in memory until commit) and returns its hash, for {@link Account#withCodeHash}. */
  public Hash putCode(Bytes code) {
    Hash hash = Hash.keccak(code.unsafeArray());
    if (!code.isEmpty() && !codeCache.containsKey(hash)) {
      pendingCode.put(hash, code);
    }
    return hash;
  }

  /**
   * Applies all pending changes to the tries, adds the new trie nodes and code to {@code batch}, and returns the
   * new state root. The caller writes the batch (with the block) before anyone opens the returned root.
   *
   * @throws IllegalStateException when storage was written for an account that does not exist (an executor bug)
   */
  public Hash commit(WriteBatch batch) {
    for (AccountEntry entry : dirty) {
      if (entry.current == null) {
        if (!entry.writes.isEmpty()) {
          throw new IllegalStateException("storage written for account " + entry.address + " that does not exist");
        }
        accountTrie.remove(entry.hashedAddress);
        entry.original = null;
        entry.storage = null;
        entry.committedStorage.clear();
      } else {
        Hash storageRoot = commitStorage(entry, batch);
        Account updated = entry.current.withStorageRoot(storageRoot);
        accountTrie.put(entry.hashedAddress, Bytes.wrap(updated.encode()));
        entry.original = updated;
        entry.current = updated;
      }
      entry.storageCleared = false;
      entry.writes.clear();
    }
    dirty.clear();
    hashedSlots.clear();
    for (Map.Entry<Hash, Bytes> code : pendingCode.entrySet()) {
      batch.put(Column.CODE, code.getKey().unsafeArray(), code.getValue().unsafeArray());
      codeCache.put(code.getKey(), code.getValue());
    }
    pendingCode.clear();
    root = accountTrie.commit(batch);
    if (accounts.size() > CACHED_ACCOUNTS_MAX) {
      // Everything is committed: start over from the root so memory stays bounded on a long-running node.
      accounts.clear();
      accountTrie = MerklePatriciaTrie.at(nodes, root);
    }
    return root;
  }

  private Hash commitStorage(AccountEntry entry, WriteBatch batch) {
    if (entry.storageCleared) {
      entry.storage = MerklePatriciaTrie.empty(nodes);
      entry.committedStorage.clear();
    }
    if (entry.writes.isEmpty()) {
      return entry.storageCleared ? Hash.EMPTY_TRIE_ROOT : entry.current.storageRoot();
    }
    MerklePatriciaTrie trie = storageTrie(entry);
    for (Map.Entry<Bytes, Bytes> write : entry.writes.entrySet()) {
      Bytes key = hashedSlots.get(write.getKey());
      if (key == null) {
        key = hashed(write.getKey());
      }
      Bytes value = write.getValue();
      if (isZero(value)) {
        trie.remove(key);
      } else {
        trie.put(key, Bytes.wrap(Rlp.encodeBytes(trimLeadingZeros(value.unsafeArray()))));
      }
      entry.committedStorage.put(write.getKey(), value);
    }
    return trie.commit(batch);
  }

  /**
   * The Merkle proof of an account in the committed state ({@code accountProof} of eth_getProof); it proves the
   * account's absence when it does not exist.
   */
  public List<Bytes> accountProof(Address address) {
    return accountTrie.proof(entry(address).hashedAddress);
  }

  /** The Merkle proof of a slot in the account's committed storage trie ({@code storageProof[i].proof}). */
  public List<Bytes> storageProof(Address address, Bytes slot) {
    requireWord(slot, "slot");
    AccountEntry entry = entry(address);
    if (entry.original == null) {
      return List.of();
    }
    return storageTrie(entry).proof(hashed(slot));
  }

  /**
   * Checks an account proof against a state root, needing nothing else.
   *
   * @return the proven account, or empty when the proof shows it does not exist
   * @throws TrieProofException when the proof is not valid for this root and address
   */
  public static Optional<Account> verifyAccountProof(Hash stateRoot, Address address, List<Bytes> proof)
      throws TrieProofException {
    Optional<Bytes> value = MerklePatriciaTrie.verifyProof(stateRoot, hashed(address.toBytes()), proof);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Account.decode(value.get().unsafeArray()));
    } catch (RlpException | IllegalArgumentException e) {
      throw new TrieProofException("proven value for " + address + " is not an account: " + e.getMessage());
    }
  }

  /**
   * Checks a storage proof against an account's storage root.
   *
   * @return the proven 32-byte value (all zeros for an absent slot)
   */
  public static Bytes verifyStorageProof(Hash storageRoot, Bytes slot, List<Bytes> proof) throws TrieProofException {
    requireWord(slot, "slot");
    Optional<Bytes> value = MerklePatriciaTrie.verifyProof(storageRoot, hashed(slot), proof);
    if (value.isEmpty()) {
      return ZERO_WORD;
    }
    try {
      return decodeSlotValue(value.get().unsafeArray());
    } catch (RlpException e) {
      throw new TrieProofException("proven storage value is not a canonical word: " + e.getMessage());
    }
  }

  private AccountEntry entry(Address address) {
    Objects.requireNonNull(address, "address");
    AccountEntry entry = accounts.get(address);
    if (entry == null) {
      entry = new AccountEntry(address);
      Bytes encoded = accountTrie.get(entry.hashedAddress);
      if (encoded != null) {
        try {
          entry.original = Account.decode(encoded.unsafeArray());
        } catch (RlpException | IllegalArgumentException e) {
          throw new MissingNodeException(accountTrie.rootHash(), "holds an undecodable account for " + address);
        }
      }
      entry.current = entry.original;
      accounts.put(address, entry);
    }
    return entry;
  }

  private void markDirty(AccountEntry entry) {
    dirty.add(entry);
  }

  private MerklePatriciaTrie storageTrie(AccountEntry entry) {
    if (entry.storage == null) {
      Hash storageRoot = entry.original == null ? Hash.EMPTY_TRIE_ROOT : entry.original.storageRoot();
      entry.storage = MerklePatriciaTrie.at(nodes, storageRoot);
    }
    return entry.storage;
  }

  private Bytes readStorage(AccountEntry entry, Bytes slot) {
    if (entry.original == null) {
      return ZERO_WORD;
    }
    Bytes key = hashed(slot);
    if (hashedSlots.size() < HASHED_SLOTS_MAX) {
      hashedSlots.put(slot, key);
    }
    Bytes stored = storageTrie(entry).get(key);
    if (stored == null) {
      return ZERO_WORD;
    }
    try {
      return decodeSlotValue(stored.unsafeArray());
    } catch (RlpException e) {
      throw new MissingNodeException(entry.original.storageRoot(), "holds an undecodable slot value: " + e.getMessage());
    }
  }

  private static Bytes decodeSlotValue(byte[] encoded) throws RlpException {
    RlpItem item = Rlp.decode(encoded);
    byte[] raw = item.bytes();
    if (raw.length == 0 || raw.length > WORD_BYTES || raw[0] == 0) {
      throw new RlpException("storage value must be 1 to 32 bytes without leading zeros, got " + raw.length);
    }
    byte[] word = new byte[WORD_BYTES];
    System.arraycopy(raw, 0, word, WORD_BYTES - raw.length, raw.length);
    return Bytes.wrap(word);
  }

  private static Bytes hashed(Bytes key) {
    return Bytes.wrap(Hash.keccak(key.unsafeArray()).unsafeArray());
  }

  private static boolean isZero(Bytes word) {
    for (byte b : word.unsafeArray()) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] trimLeadingZeros(byte[] word) {
    int i = 0;
    while (i < word.length && word[i] == 0) {
      i++;
    }
    return Arrays.copyOfRange(word, i, word.length);
  }

  private static void requireWord(Bytes word, String what) {
    Objects.requireNonNull(word, what);
    if (word.size() != WORD_BYTES) {
      throw new IllegalArgumentException("storage " + what + " must be 32 bytes, got " + word.size());
    }
  }

  /** What the state knows about one account: as committed, as now, and its pending storage. */
  private static final class AccountEntry {
    final Address address;
    final Bytes hashedAddress;
    /** As in the committed account trie; null when absent there. */
    Account original;
    /** As now, pending changes included; null when absent or deleted. */
    Account current;
    /** Storage must start from empty at commit: the account was deleted or its storage cleared. */
    boolean storageCleared;
    /** Pending slot writes since the last commit. */
    final Map<Bytes, Bytes> writes = new HashMap<>();
    /** Values read from or committed to the storage trie. */
    final Map<Bytes, Bytes> committedStorage = new HashMap<>();
    /** The storage trie at the committed root, opened on first need. */
    MerklePatriciaTrie storage;

    AccountEntry(Address address) {
      this.address = address;
      this.hashedAddress = hashed(address.toBytes());
    }
  }
}
