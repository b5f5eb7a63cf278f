package io.trestle.state.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.state.kv.MemoryKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The trie behaves as a sorted map whose root depends only on its contents, with proofs that cannot be forged. */
class TriePropertiesTest {
  /** A put (value non-null) or a removal. */
  record Op(Bytes key, Bytes value) {}

  /**
   * Short keys over a few byte values, so that random sequences share prefixes, end inside each other's paths
   * and hit the same key again: the cases where branch values, extensions and collapses happen.
   */
  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Bytes> keys = Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x10, (byte) 0x11, (byte) 0xff)
        .list().ofMaxSize(4)
        .map(list -> {
          byte[] key = new byte[list.size()];
          for (int i = 0; i < key.length; i++) {
            key[i] = list.get(i);
          }
          return Bytes.wrap(key);
        });
    Arbitrary<Bytes> values = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40).map(Bytes::wrap)
        .injectNull(0.25);
    return Combinators.combine(keys, values).as(Op::new).list().ofMaxSize(60);
  }

  private static TreeMap<Bytes, Bytes> model(List<Op> ops) {
    TreeMap<Bytes, Bytes> model = new TreeMap<>();
    for (Op op : ops) {
      if (op.value() == null) {
        model.remove(op.key());
      } else {
        model.put(op.key(), op.value());
      }
    }
    return model;
  }

  private static MerklePatriciaTrie apply(MerklePatriciaTrie trie, List<Op> ops) {
    for (Op op : ops) {
      if (op.value() == null) {
        trie.remove(op.key());
      } else {
        trie.put(op.key(), op.value());
      }
    }
    return trie;
  }

  @Property(tries = 300)
  void agreesWithASortedMapModel(@ForAll("ops") List<Op> ops) {
    TreeMap<Bytes, Bytes> model = model(ops);
    MerklePatriciaTrie trie = apply(MerklePatriciaTrie.empty(NodeStore.EMPTY), ops);
    for (Op op : ops) {
      assertEquals(model.get(op.key()), trie.get(op.key()), "get " + op.key());
      assertEquals(model.higherKey(op.key()), trie.nextKey(op.key()), "next after " + op.key());
      assertEquals(model.lowerKey(op.key()), trie.previousKey(op.key()), "previous before " + op.key());
    }
    Map<Bytes, Bytes> walked = new TreeMap<>();
    List<Bytes> order = new ArrayList<>();
    trie.forEach((k, v) -> {
      walked.put(k, v);
      order.add(k);
    });
    assertEquals(model, walked);
    assertEquals(new ArrayList<>(model.keySet()), order, "ascending key order");
  }

  @Property(tries = 300)
  void rootDependsOnlyOnTheContents(@ForAll("ops") List<Op> ops, @ForAll long seed) {
    TreeMap<Bytes, Bytes> model = model(ops);
    List<Map.Entry<Bytes, Bytes>> entries = new ArrayList<>(model.entrySet());
    Collections.shuffle(entries, new Random(seed));
    MerklePatriciaTrie fresh = MerklePatriciaTrie.empty(NodeStore.EMPTY);
    entries.forEach(e -> fresh.put(e.getKey(), e.getValue()));
    assertEquals(fresh.rootHash(), apply(MerklePatriciaTrie.empty(NodeStore.EMPTY), ops).rootHash());
  }

  @Property(tries = 200)
  void committedTrieReopensWithTheSameContents(@ForAll("ops") List<Op> ops) {
    MemoryKeyValueStore store = new MemoryKeyValueStore();
    MerklePatriciaTrie trie = apply(MerklePatriciaTrie.empty(NodeStore.of(store)), ops.subList(0, ops.size() / 2));
    WriteBatch first = new WriteBatch();
    trie.commit(first);
    store.write(first, false);
    apply(trie, ops.subList(ops.size() / 2, ops.size()));
    WriteBatch second = new WriteBatch();
    Hash root = trie.commit(second);
    store.write(second, false);
    Map<Bytes, Bytes> reopened = new TreeMap<>();
    MerklePatriciaTrie.at(NodeStore.of(store), root).forEach(reopened::put);
    assertEquals(model(ops), reopened);
  }

  @Property(tries = 300)
  void proofsVerifyForPresentAndAbsentKeys(@ForAll("ops") List<Op> ops) throws TrieProofException {
    TreeMap<Bytes, Bytes> model = model(ops);
    MerklePatriciaTrie trie = apply(MerklePatriciaTrie.empty(NodeStore.EMPTY), ops);
    Hash root = trie.rootHash();
    for (Op op : ops) {
      Optional<Bytes> proven = MerklePatriciaTrie.verifyProof(root, op.key(), trie.proof(op.key()));
      assertEquals(Optional.ofNullable(model.get(op.key())), proven, "key " + op.key());
    }
  }

  @Property(tries = 300)
  void proofWithAnyByteFlippedFailsVerification(
      @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    MerklePatriciaTrie trie = apply(MerklePatriciaTrie.empty(NodeStore.EMPTY), ops);
    if (ops.isEmpty() || trie.isEmpty()) {
      return;
    }
    Bytes key = ops.get(position % ops.size()).key();
    List<Bytes> proof = trie.proof(key);
    int total = proof.stream().mapToInt(Bytes::size).sum();
    int target = position % total;
    List<Bytes> tampered = new ArrayList<>();
    for (Bytes node : proof) {
      if (target >= 0 && target < node.size()) {
        byte[] changed = node.toArray();
        changed[target] ^= (byte) mask;
        tampered.add(Bytes.wrap(changed));
      } else {
        tampered.add(node);
      }
      target -= node.size();
    }
    Hash root = trie.rootHash();
    assertThrows(TrieProofException.class, () -> MerklePatriciaTrie.verifyProof(root, key, tampered));
  }
}
