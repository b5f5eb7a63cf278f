package io.trestle.p2p.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Hash;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeenSetTest {
  private static Hash id(long n) {
    byte[] b = new byte[32];
    for (int i = 0; i < 8; i++) {
      b[31 - i] = (byte) (n >>> (8 * i));
    }
    return Hash.wrap(b);
  }

  @Test
  void reportsAnIdAsNewOnlyOnce() {
    SeenSet seen = new SeenSet(10);
    assertTrue(seen.add(id(1)));
    assertFalse(seen.add(id(1)));
    assertTrue(seen.contains(id(1)));
  }

  @Test
  void forgetsTheOldestIdFirstWhenFull() {
    SeenSet seen = new SeenSet(3);
    seen.add(id(1));
    seen.add(id(2));
    seen.add(id(3));
    seen.add(id(1));
    seen.add(id(4));
    assertFalse(seen.contains(id(1)), "re-seeing an id does not refresh it: the oldest insertion goes");
    assertTrue(seen.contains(id(2)) && seen.contains(id(3)) && seen.contains(id(4)));
  }

  @Property
  void neverHoldsMoreThanItsCapacity(@ForAll List<@IntRange(min = 0, max = 500) Integer> ids,
      @ForAll @IntRange(min = 1, max = 50) int capacity) {
    SeenSet seen = new SeenSet(capacity);
    ids.forEach(i -> seen.add(id(i)));
    assertTrue(seen.size() <= capacity);
    if (!ids.isEmpty()) {
      assertTrue(seen.contains(id(ids.get(ids.size() - 1))), "the newest id is always remembered");
    }
    assertEquals(capacity, seen.capacity());
  }
}
