package io.trestle.state.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.state.kv.Column;
import io.trestle.state.kv.MemoryKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MerklePatriciaTrieTest {
  private final MemoryKeyValueStore store = new MemoryKeyValueStore();
  private final NodeStore nodes = NodeStore.of(store);

  private static Bytes b(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Bytes key(int i) {
    return Bytes.wrap(Hash.keccak(new byte[] {(byte) (i >> 16), (byte) (i >> 8), (byte) i}).toArray());
  }

  private Hash commit(MerklePatriciaTrie trie) {
    WriteBatch batch = new WriteBatch();
    Hash root = trie.commit(batch);
    store.write(batch, false);
    return root;
  }

  private MerklePatriciaTrie filled(int count) {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(nodes);
    for (int i = 0; i < count; i++) {
      trie.put(key(i), b("value-" + i + "-padded-to-make-leaves-larger-than-32-bytes"));
    }
    return trie;
  }

  @Test
  void emptyTrieHasTheEmptyRootAndCommitsNothing() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(nodes);
    WriteBatch batch = new WriteBatch();
    assertEquals(Hash.EMPTY_TRIE_ROOT, trie.commit(batch));
    assertTrue(batch.isEmpty());
    assertTrue(MerklePatriciaTrie.at(nodes, Hash.EMPTY_TRIE_ROOT).isEmpty());
  }

  @Test
  void reopensACommittedTrieFromTheStore() {
    MerklePatriciaTrie trie = filled(500);
    Hash root = commit(trie);
    MerklePatriciaTrie reopened = MerklePatriciaTrie.at(nodes, root);
    for (int i = 0; i < 500; i++) {
      assertEquals(trie.get(key(i)), reopened.get(key(i)));
    }
    assertEquals(root, reopened.rootHash());
  }

  @Test
  void keepsOldRootsReadableAfterLaterCommits() {
    MerklePatriciaTrie trie = filled(100);
    Hash first = commit(trie);
    trie.put(key(0), b("changed"));
    trie.remove(key(1));
    Hash second = commit(trie);
    assertNotEquals(first, second);
    MerklePatriciaTrie old = MerklePatriciaTrie.at(nodes, first);
    assertEquals(b("value-0-padded-to-make-leaves-larger-than-32-bytes"), old.get(key(0)));
    assertEquals(b("value-1-padded-to-make-leaves-larger-than-32-bytes"), old.get(key(1)));
    MerklePatriciaTrie now = MerklePatriciaTrie.at(nodes, second);
    assertEquals(b("changed"), now.get(key(0)));
    assertNull(now.get(key(1)));
  }

  @Test
  void commitWritesOnlyTheNodesOnChangedPaths() {
    MerklePatriciaTrie trie = filled(2000);
    WriteBatch full = new WriteBatch();
    trie.commit(full);
    store.write(full, false);
    trie.put(key(7), b("new value"));
    WriteBatch delta = new WriteBatch();
    trie.commit(delta);
    // One path from the root: a few branches and the leaf (2000 keys give a depth of about 3).
    assertTrue(delta.size() <= 6, "delta batch has " + delta.size() + " nodes");
    assertTrue(full.size() > 2000, "full batch has " + full.size() + " nodes");
    WriteBatch nothing = new WriteBatch();
    trie.commit(nothing);
    assertEquals(0, nothing.size(), "nothing is written when nothing changed");
  }

  @Test
  void loadsOnlyTheNodesALookupNeeds() {
    Hash root = commit(filled(2000));
    AtomicInteger loads = new AtomicInteger();
    NodeStore counting = hash -> {
      loads.incrementAndGet();
      return nodes.load(hash);
    };
    MerklePatriciaTrie reopened = MerklePatriciaTrie.at(counting, root);
    reopened.get(key(42));
    int first = loads.get();
    assertTrue(first <= 5, "loaded " + first + " nodes for one key");
    reopened.get(key(42));
    assertEquals(first, loads.get(), "a second lookup of the same key loads nothing again");
  }

  @Test
  void putOfAnUnchangedValueLeavesTheTrieClean() {
    MerklePatriciaTrie trie = filled(200);
    Hash root = commit(trie);
    MerklePatriciaTrie reopened = MerklePatriciaTrie.at(nodes, root);
    reopened.put(key(3), reopened.get(key(3)));
    reopened.remove(b("absent key"));
    WriteBatch batch = new WriteBatch();
    assertEquals(root, reopened.commit(batch));
    assertEquals(0, batch.size(), "an unloaded root needs no rewrite");
  }

  @Test
  void storesARootShorterThan32BytesSoItCanBeReopened() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(nodes);
    trie.put(b("a"), b("1"));
    trie.put(b("b"), b("2"));
    commit(trie);
    trie.remove(b("b"));
    Hash root = commit(trie);
    assertEquals(b("1"), MerklePatriciaTrie.at(nodes, root).get(b("a")));
  }

  @Test
  void emptyValueRemovesTheKey() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(nodes);
    trie.put(b("do"), b("verb"));
    trie.put(b("dog"), b("puppy"));
    Hash emptyRoot = MerklePatriciaTrie.empty(nodes).rootHash();
    trie.put(b("dog"), Bytes.EMPTY);
    trie.put(b("do"), Bytes.EMPTY);
    assertEquals(emptyRoot, trie.rootHash());
    assertTrue(trie.isEmpty());
  }

  @Test
  void removalCollapsesToTheSameShapeAsNeverInserting() {
    MerklePatriciaTrie a = MerklePatriciaTrie.empty(nodes);
    a.put(b("do"), b("verb"));
    a.put(b("dog"), b("puppy"));
    a.put(b("doge"), b("coin"));
    a.put(b("horse"), b("stallion"));
    a.remove(b("dog"));
    a.remove(b("horse"));
    MerklePatriciaTrie b = MerklePatriciaTrie.empty(nodes);
    b.put(b("doge"), b("coin"));
    b.put(b("do"), b("verb"));
    assertEquals(b.rootHash(), a.rootHash());
  }

  @Test
  void proofShowsPresenceAndAbsence() throws TrieProofException {
    MerklePatriciaTrie trie = filled(300);
    Hash root = commit(trie);
    MerklePatriciaTrie reopened = MerklePatriciaTrie.at(nodes, root);
    List<Bytes> present = reopened.proof(key(5));
    assertEquals(Optional.of(trie.get(key(5))), MerklePatriciaTrie.verifyProof(root, key(5), present));
    List<Bytes> absent = reopened.proof(key(100_000));
    assertEquals(Optional.empty(), MerklePatriciaTrie.verifyProof(root, key(100_000), absent));
  }

  @Test
  void proofOfAnUncommittedTrieMatchesItsRoot() throws TrieProofException {
    MerklePatriciaTrie trie = filled(50);
    assertEquals(Optional.of(trie.get(key(9))), MerklePatriciaTrie.verifyProof(trie.rootHash(), key(9),
        trie.proof(key(9))));
  }

  @Test
  void proofAgainstAnotherRootIsRefused() {
    MerklePatriciaTrie trie = filled(50);
    List<Bytes> proof = trie.proof(key(1));
    Hash otherRoot = filled(51).rootHash();
    assertThrows(TrieProofException.class, () -> MerklePatriciaTrie.verifyProof(otherRoot, key(1), proof));
  }

  @Test
  void proofWithAMissingNodeIsRefused() {
    MerklePatriciaTrie trie = filled(300);
    List<Bytes> proof = new ArrayList<>(trie.proof(key(1)));
    proof.remove(proof.size() - 1);
    assertThrows(TrieProofException.class, () -> MerklePatriciaTrie.verifyProof(trie.rootHash(), key(1), proof));
  }

  @Test
  void proofOfGarbageIsRefusedWithACheckedException() {
    Bytes garbage = Bytes.fromHex("0xdeadbeef");
    Hash root = Hash.keccak(garbage.toArray());
    assertThrows(TrieProofException.class, () -> MerklePatriciaTrie.verifyProof(root, b("k"), List.of(garbage)));
    Bytes notANode = Bytes.fromHex("0xc3010203");
    Hash root2 = Hash.keccak(notANode.toArray());
    assertThrows(TrieProofException.class, () -> MerklePatriciaTrie.verifyProof(root2, b("k"), List.of(notANode)));
  }

  @Test
  void emptyTrieProvesAbsenceWithAnEmptyProof() throws TrieProofException {
    assertEquals(List.of(), MerklePatriciaTrie.empty(nodes).proof(b("k")));
    assertEquals(Optional.empty(), MerklePatriciaTrie.verifyProof(Hash.EMPTY_TRIE_ROOT, b("k"), List.of()));
  }

  @Test
  void missingNodeInTheStoreIsReportedWithItsHash() {
    MerklePatriciaTrie trie = filled(100);
    WriteBatch batch = new WriteBatch();
    Hash root = trie.commit(batch);
    MerklePatriciaTrie neverWritten = MerklePatriciaTrie.at(nodes, root);
    MissingNodeException e = assertThrows(MissingNodeException.class, () -> neverWritten.get(key(1)));
    assertTrue(e.getMessage().contains(root.toHex()), e.getMessage());
  }

  @Test
  void corruptNodeInTheStoreIsReported() {
    Hash fake = Hash.keccak(new byte[] {1});
    store.write(new WriteBatch().put(Column.TRIE_NODES, fake.toArray(), new byte[] {(byte) 0xc1, 0x01}), false);
    assertThrows(MissingNodeException.class, () -> MerklePatriciaTrie.at(nodes, fake).get(b("k")));
  }

  @Test
  void refusesKeysLongerThanTheLimit() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(nodes);
    Bytes longKey = Bytes.wrap(new byte[MerklePatriciaTrie.KEY_BYTES_MAX + 1]);
    assertThrows(IllegalArgumentException.class, () -> trie.put(longKey, b("v")));
    assertThrows(TrieProofException.class, () -> MerklePatriciaTrie.verifyProof(trie.rootHash(), longKey,
        List.of()));
  }

  @Test
  void findsNextAndPreviousKeysAcrossLoadedAndUnloadedNodes() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(nodes);
    for (String k : List.of("a", "ab", "abc", "b", "ba", "c")) {
      trie.put(b(k), b("value of " + k + " long enough to be stored by hash"));
    }
    MerklePatriciaTrie reopened = MerklePatriciaTrie.at(nodes, commit(trie));
    assertEquals(b("ab"), reopened.nextKey(b("a")));
    assertEquals(b("a"), reopened.nextKey(b("")));
    assertEquals(b("b"), reopened.nextKey(b("abc")));
    assertEquals(b("b"), reopened.nextKey(b("abd")));
    assertNull(reopened.nextKey(b("c")));
    assertEquals(b("abc"), reopened.previousKey(b("b")));
    assertEquals(b("ba"), reopened.previousKey(b("bb")));
    assertEquals(b("a"), reopened.previousKey(b("aa")));
    assertNull(reopened.previousKey(b("a")));
    assertNull(reopened.previousKey(b("")));
  }
}
