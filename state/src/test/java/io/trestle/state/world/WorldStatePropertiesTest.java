package io.trestle.state.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.state.kv.MemoryKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Blocks of random account and storage changes, committed one by one, reopen from the store exactly as a plain
 * map model says, and the root does not depend on how the changes were split into blocks.
 */
class WorldStatePropertiesTest {
  sealed interface Change permits SetAccount, Delete, SetSlot, Clear, EndBlock {}

  record SetAccount(int who, long nonce, long balance) implements Change {}

  record Delete(int who) implements Change {}

  record SetSlot(int who, int slot, long value) implements Change {}

  record Clear(int who) implements Change {}

  record EndBlock() implements Change {}

  private static final int ACCOUNTS = 4;

  static Address address(int who) {
    return Address.ofLong(0x1000 + who);
  }

  @Provide
  Arbitrary<List<Change>> changes() {
    Arbitrary<Integer> who = Arbitraries.integers().between(0, ACCOUNTS - 1);
    Arbitrary<Change> change = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, who.flatMap(w -> Arbitraries.longs().between(0, 3)
            .flatMap(n -> Arbitraries.longs().between(0, 1000).map(b -> (Change) new SetAccount(w, n, b))))),
        net.jqwik.api.Tuple.of(1, who.map(w -> (Change) new Delete(w))),
        net.jqwik.api.Tuple.of(6, who.flatMap(w -> Arbitraries.integers().between(0, 5)
            .flatMap(s -> Arbitraries.longs().between(0, 3).map(v -> (Change) new SetSlot(w, s, v))))),
        net.jqwik.api.Tuple.of(1, who.map(w -> (Change) new Clear(w))),
        net.jqwik.api.Tuple.of(2, Arbitraries.just((Change) new EndBlock())));
    return change.list().ofMaxSize(50);
  }

  /** The model: accounts as (nonce, balance) and their slots. */
  private static final class Model {
    final Map<Integer, long[]> accounts = new HashMap<>();
    final Map<Integer, Map<Integer, Long>> slots = new HashMap<>();
  }

  @Property(tries = 200)
  void committedBlocksReopenAsTheModelSays(@ForAll("changes") List<Change> changes) throws Exception {
    MemoryKeyValueStore store = new MemoryKeyValueStore();
    WorldState state = WorldState.empty(store);
    Model model = new Model();
    for (Change change : changes) {
      apply(state, model, change, store);
    }
    Hash root = commit(state, store);
    WorldState reopened = WorldState.at(store, root);
    for (int who = 0; who < ACCOUNTS; who++) {
      long[] expected = model.accounts.get(who);
      Account account = reopened.account(address(who));
      if (expected == null) {
        assertNull(account, "account " + who);
        continue;
      }
      assertEquals(expected[0], account.nonce());
      assertEquals(BigInteger.valueOf(expected[1]), account.balance());
      for (int slot = 0; slot <= 5; slot++) {
        long value = model.slots.getOrDefault(who, Map.of()).getOrDefault(slot, 0L);
        assertEquals(WorldStateTest.word(value), reopened.storage(address(who), WorldStateTest.word(slot)));
      }
    }
    assertEquals(root, rebuiltInOneBlock(model));
  }

  private static Hash rebuiltInOneBlock(Model model) {
    MemoryKeyValueStore store = new MemoryKeyValueStore();
    WorldState state = WorldState.empty(store);
    model.accounts.forEach((who, a) -> state.setAccount(address(who), Account.of(a[0], BigInteger.valueOf(a[1]))));
    model.slots.forEach((who, slots) -> slots.forEach(
        (slot, value) -> state.setStorage(address(who), WorldStateTest.word(slot), WorldStateTest.word(value))));
    return commit(state, store);
  }

  private static void apply(WorldState state, Model model, Change change, MemoryKeyValueStore store) {
    if (change instanceof SetAccount c) {
      Account current = state.account(address(c.who()));
      Account base = current == null ? Account.EMPTY : current;
      state.setAccount(address(c.who()), base.withNonce(c.nonce()).withBalance(BigInteger.valueOf(c.balance())));
      model.accounts.put(c.who(), new long[] {c.nonce(), c.balance()});
    } else if (change instanceof Delete c) {
      state.deleteAccount(address(c.who()));
      model.accounts.remove(c.who());
      model.slots.remove(c.who());
    } else if (change instanceof SetSlot c) {
      if (!model.accounts.containsKey(c.who())) {
        return;
      }
      state.setStorage(address(c.who()), WorldStateTest.word(c.slot()), WorldStateTest.word(c.value()));
      Map<Integer, Long> slots = model.slots.computeIfAbsent(c.who(), w -> new HashMap<>());
      if (c.value() == 0) {
        slots.remove(c.slot());
      } else {
        slots.put(c.slot(), c.value());
      }
    } else if (change instanceof Clear c) {
      state.clearStorage(address(c.who()));
      model.slots.remove(c.who());
    } else {
      commit(state, store);
    }
  }

  private static Hash commit(WorldState state, MemoryKeyValueStore store) {
    WriteBatch batch = new WriteBatch();
    Hash root = state.commit(batch);
    store.write(batch, false);
    return root;
  }

}
