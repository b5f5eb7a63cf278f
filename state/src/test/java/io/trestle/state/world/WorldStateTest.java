package io.trestle.state.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.state.kv.MemoryKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import io.trestle.state.trie.NodeStore;
import io.trestle.state.trie.SecureTrie;
import io.trestle.state.trie.TrieProofException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorldStateTest {
  private final MemoryKeyValueStore store = new MemoryKeyValueStore();
  private static final Address ALICE = Address.ofLong(0xa11ce);
  private static final Address BOB = Address.ofLong(0xb0b);

  static Bytes word(long value) {
    byte[] w = new byte[32];
    for (int i = 0; i < 8; i++) {
      w[31 - i] = (byte) (value >>> (8 * i));
    }
    return Bytes.wrap(w);
  }

  private Hash commit(WorldState state) {
    WriteBatch batch = new WriteBatch();
    Hash root = state.commit(batch);
    store.write(batch, true);
    return root;
  }

  @Test
  void emptyStateHasTheEmptyTrieRoot() {
    WorldState state = WorldState.empty(store);
    assertEquals(Hash.EMPTY_TRIE_ROOT, commit(state));
    assertNull(state.account(ALICE));
    assertFalse(state.exists(ALICE));
  }

  @Test
  void rootEqualsEthereumsForTheSameAccounts() throws Exception {
    // ethereum-tests TrieTests/hex_encoded_securetrie_test.json "test2": three accounts, none with storage.
    WorldState state = WorldState.empty(store);
    state.setAccount(Address.fromHex("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"),
        Account.of(1, new BigInteger("0de0b6b3a7622746", 16)));
    state.setAccount(Address.fromHex("0x095e7baea6a6c7c4c2dfeb977efac326af552d87"),
        Account.of(0, BigInteger.valueOf(0x0186b7))
            .withCodeHash(Hash.fromHex("0x501653f02840675b1aab0328c6634762af5d51764e78f9641cccd9b27b90db4f")));
    state.setAccount(Address.fromHex("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba"),
        Account.of(0, BigInteger.valueOf(0x521a)));
    assertEquals(Hash.fromHex("0xa7c787bf470808896308c215e22c7a580a0087bb6db6e8695fb4759537283a83"), commit(state));
  }

  @Test
  void readsPendingChangesBeforeCommitAndCommittedOnesAfterReopening() throws Exception {
    WorldState state = WorldState.empty(store);
    state.setAccount(ALICE, Account.of(3, BigInteger.TEN));
    state.setStorage(ALICE, word(1), word(0xbeef));
    Hash code = state.putCode(Bytes.fromHex("0x6001600055"));
    state.setAccount(BOB, Account.of(0, BigInteger.ONE).withCodeHash(code));
    assertEquals(Account.of(3, BigInteger.TEN), state.account(ALICE));
    assertEquals(word(0xbeef), state.storage(ALICE, word(1)));
    assertEquals(Bytes.fromHex("0x6001600055"), state.code(code));
    assertTrue(state.hasPendingChanges());
    Hash root = commit(state);
    assertFalse(state.hasPendingChanges());

    WorldState reopened = WorldState.at(store, root);
    assertEquals(3, reopened.account(ALICE).nonce());
    assertEquals(BigInteger.TEN, reopened.account(ALICE).balance());
    assertNotEquals(Hash.EMPTY_TRIE_ROOT, reopened.account(ALICE).storageRoot());
    assertEquals(word(0xbeef), reopened.storage(ALICE, word(1)));
    assertEquals(word(0), reopened.storage(ALICE, word(2)));
    assertEquals(Bytes.fromHex("0x6001600055"), reopened.code(BOB));
    assertEquals(Bytes.EMPTY, reopened.code(ALICE));
    assertEquals(root, reopened.rootHash());
  }

  @Test
  void storageRootEqualsASecureTrieOfTrimmedRlpValues() throws Exception {
    WorldState state = WorldState.empty(store);
    state.setAccount(ALICE, Account.EMPTY.withNonce(1));
    state.setStorage(ALICE, word(0), word(0x01));
    state.setStorage(ALICE, word(7), word(0x0102030405L));
    commit(state);
    SecureTrie expected = SecureTrie.empty(NodeStore.EMPTY);
    expected.put(word(0), Bytes.wrap(Rlp.encodeBytes(new byte[] {1})));
    expected.put(word(7), Bytes.wrap(Rlp.encodeBytes(new byte[] {1, 2, 3, 4, 5})));
    assertEquals(expected.rootHash(), state.account(ALICE).storageRoot());
  }

  @Test
  void zeroValueDeletesASlot() {
    WorldState state = WorldState.empty(store);
    state.setAccount(ALICE, Account.EMPTY.withNonce(1));
    state.setStorage(ALICE, word(1), word(5));
    commit(state);
    state.setStorage(ALICE, word(1), word(0));
    assertEquals(word(0), state.storage(ALICE, word(1)));
    commit(state);
    assertEquals(Hash.EMPTY_TRIE_ROOT, state.account(ALICE).storageRoot());
  }

  @Test
  void clearStorageDropsEverySlotButKeepsTheAccount() throws Exception {
    WorldState state = WorldState.empty(store);
    state.setAccount(ALICE, Account.of(1, BigInteger.ONE));
    state.setStorage(ALICE, word(1), word(1));
    state.setStorage(ALICE, word(2), word(2));
    commit(state);
    state.clearStorage(ALICE);
    state.setStorage(ALICE, word(3), word(3));
    assertEquals(word(0), state.storage(ALICE, word(1)));
    assertEquals(word(3), state.storage(ALICE, word(3)));
    Hash root = commit(state);
    WorldState reopened = WorldState.at(store, root);
    assertEquals(word(0), reopened.storage(ALICE, word(1)));
    assertEquals(word(3), reopened.storage(ALICE, word(3)));
    assertEquals(BigInteger.ONE, reopened.account(ALICE).balance());
  }

  @Test
  void deletedAccountLosesItsStorageAndComesBackEmpty() throws Exception {
    WorldState state = WorldState.empty(store);
    state.setAccount(ALICE, Account.of(1, BigInteger.ONE));
    state.setStorage(ALICE, word(1), word(1));
    state.setAccount(BOB, Account.of(1, BigInteger.ONE));
    commit(state);
    state.deleteAccount(ALICE);
    assertNull(state.account(ALICE));
    assertEquals(word(0), state.storage(ALICE, word(1)));
    Hash withoutAlice = commit(state);

    WorldState onlyBob = WorldState.empty(store);
    onlyBob.setAccount(BOB, Account.of(1, BigInteger.ONE));
    assertEquals(commit(onlyBob), withoutAlice);

    state.setAccount(ALICE, Account.EMPTY.withNonce(1));
    commit(state);
    assertEquals(Hash.EMPTY_TRIE_ROOT, state.account(ALICE).storageRoot());
    assertEquals(word(0), WorldState.at(store, state.rootHash()).storage(ALICE, word(1)));
  }

  @Test
  void deleteThenRecreateInOneBlockStartsWithEmptyStorage() {
    WorldState state = WorldState.empty(store);
    state.setAccount(ALICE, Account.of(1, BigInteger.ONE));
    state.setStorage(ALICE, word(1), word(1));
    commit(state);
    state.deleteAccount(ALICE);
    state.setAccount(ALICE, Account.EMPTY.withNonce(1));
    state.setStorage(ALICE, word(2), word(2));
    assertEquals(word(0), state.storage(ALICE, word(1)));
    commit(state);
    WorldState fresh = WorldState.empty(store);
    fresh.setAccount(ALICE, Account.EMPTY.withNonce(1));
    fresh.setStorage(ALICE, word(2), word(2));
    assertEquals(commit(fresh), state.rootHash());
  }

  @Test
  void oldRootStaysReadableWhileTheNextBlockIsPending() throws Exception {
    WorldState head = WorldState.empty(store);
    head.setAccount(ALICE, Account.of(0, BigInteger.valueOf(100)));
    Hash first = commit(head);
    head.setAccount(ALICE, Account.of(1, BigInteger.valueOf(50)));
    Hash second = commit(head);
    head.setAccount(ALICE, Account.of(2, BigInteger.valueOf(25)));
    assertEquals(BigInteger.valueOf(100), WorldState.at(store, first).account(ALICE).balance());
    assertEquals(BigInteger.valueOf(50), WorldState.at(store, second).account(ALICE).balance());
  }

  @Test
  void readersOfCommittedRootsAreUndisturbedByBlocksCommittedMeanwhile() throws Exception {
    int blocks = 40;
    List<Hash> roots = new java.util.concurrent.CopyOnWriteArrayList<>();
    WorldState head = WorldState.empty(store);
    head.setAccount(ALICE, Account.of(0, BigInteger.ZERO));
    roots.add(commit(head));
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        int checked = 0;
        while (checked < blocks) {
          int known = roots.size();
          for (int n = 0; n < known; n++) {
            WorldState old = WorldState.at(store, roots.get(n));
            assertEquals(n, old.account(ALICE).nonce(), "block " + n);
            assertEquals(word(n), old.storage(ALICE, word(1)), "block " + n);
          }
          checked = known;
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    reader.start();
    for (int n = 1; n <= blocks; n++) {
      head.setAccount(ALICE, Account.of(n, BigInteger.valueOf(n)));
      head.setStorage(ALICE, word(1), word(n));
      for (int i = 0; i < 20; i++) {
        head.setAccount(Address.ofLong(5000 + n * 20 + i), Account.of(1, BigInteger.ONE));
      }
      roots.add(commit(head));
    }
    reader.join();
    assertNull(failure.get());
  }

  @Test
  void proofsOfAccountsAndSlotsVerifyAgainstTheRoot() throws Exception {
    WorldState state = WorldState.empty(store);
    for (int i = 0; i < 50; i++) {
      state.setAccount(Address.ofLong(1000 + i), Account.of(i, BigInteger.valueOf(i * 7L)));
    }
    state.setAccount(ALICE, Account.of(1, BigInteger.ONE));
    state.setStorage(ALICE, word(9), word(99));
    Hash root = commit(state);
    WorldState reader = WorldState.at(store, root);

    Optional<Account> alice = WorldState.verifyAccountProof(root, ALICE, reader.accountProof(ALICE));
    assertEquals(Optional.of(reader.account(ALICE)), alice);
    Hash storageRoot = alice.orElseThrow().storageRoot();
    assertEquals(word(99), WorldState.verifyStorageProof(storageRoot, word(9), reader.storageProof(ALICE, word(9))));
    assertEquals(word(0), WorldState.verifyStorageProof(storageRoot, word(8), reader.storageProof(ALICE, word(8))));
    assertEquals(Optional.empty(), WorldState.verifyAccountProof(root, BOB, reader.accountProof(BOB)));
    assertEquals(List.of(), reader.storageProof(BOB, word(1)));
    assertThrows(TrieProofException.class, () -> WorldState.verifyAccountProof(root, ALICE, List.of()));
  }

  @Test
  void refusesToOpenARootThatWasNeverCommitted() {
    assertThrows(UnknownStateRootException.class, () -> WorldState.at(store, Hash.keccak(new byte[] {1})));
  }

  @Test
  void refusesStorageWrittenForAnAccountThatDoesNotExist() {
    WorldState state = WorldState.empty(store);
    state.setStorage(ALICE, word(1), word(1));
    assertThrows(IllegalStateException.class, () -> state.commit(new WriteBatch()));
  }

  @Test
  void refusesSlotsAndValuesThatAreNotWords() {
    WorldState state = WorldState.empty(store);
    assertThrows(IllegalArgumentException.class, () -> state.storage(ALICE, Bytes.fromHex("0x01")));
    assertThrows(IllegalArgumentException.class, () -> state.setStorage(ALICE, word(1), Bytes.fromHex("0x01")));
  }

  @Test
  void unknownCodeHashHasNoCode() {
    WorldState state = WorldState.empty(store);
    assertNull(state.code(Hash.keccak(new byte[] {1, 2, 3})));
    assertEquals(Bytes.EMPTY, state.code(Hash.EMPTY_KECCAK));
  }
}
