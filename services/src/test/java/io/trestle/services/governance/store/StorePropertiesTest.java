package io.trestle.services.governance.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StorePropertiesTest {
  static Address addr(int n) {
    return Address.ofLong(1000 + n);
  }

  /** Any sequence of adds and removes leaves the stored set equal to a Java set, and storage holds nothing else. */
  @Property(tries = 300)
  void addressSetBehavesLikeASet(@ForAll @Size(max = 60) List<@IntRange(min = -12, max = 12) Integer> ops)
      throws SystemCall.Halt {
    MapStorage s = new MapStorage();
    AddressSet set = AddressSet.named("test.set").scoped(UInt256.valueOf(3));
    AddressSet other = AddressSet.named("test.set").scoped(UInt256.valueOf(4));
    Set<Address> model = new LinkedHashSet<>();
    for (int op : ops) {
      Address a = addr(Math.abs(op));
      boolean changed = op >= 0 ? set.add(s, a) : set.remove(s, a);
      assertEquals(op >= 0 ? model.add(a) : model.remove(a), changed);
    }
    assertEquals(model.size(), set.size(s));
    assertEquals(model, new HashSet<>(set.list(s, 100)));
    for (int i = 0; i <= 12; i++) {
      assertEquals(model.contains(addr(i)), set.contains(s, addr(i)));
    }
    assertEquals(0, other.size(s), "scopes do not share members");
    assertEquals(model.isEmpty() ? 0 : 2 * model.size() + 1, s.slots().size(), "removal clears its slots");
  }

  @Property(tries = 200)
  void byteStringsRoundTripAndOverwriteCleanly(@ForAll @Size(max = 300) byte[] first, @ForAll @Size(max = 300) byte[] second)
      throws SystemCall.Halt {
    MapStorage s = new MapStorage();
    UInt256 slot = Slots.of(Slots.root("test.bytes"));
    ByteStrings.write(s, slot, Bytes.wrap(first));
    assertEquals(Bytes.wrap(first), ByteStrings.read(s, slot, 1024));
  }

  @Property(tries = 100)
  void slotsOfDifferentKeysDiffer(@ForAll long a, @ForAll long b) {
    byte[] root = Slots.root("test.slot");
    List<UInt256> slots = new ArrayList<>(List.of(Slots.of(root, UInt256.valueOf(a & Long.MAX_VALUE)),
        Slots.of(Slots.root("test.other"), UInt256.valueOf(a & Long.MAX_VALUE))));
    assertEquals(2, new HashSet<>(slots).size());
    assertEquals((a & Long.MAX_VALUE) == (b & Long.MAX_VALUE),
        Slots.of(root, UInt256.valueOf(a & Long.MAX_VALUE)).equals(Slots.of(root, UInt256.valueOf(b & Long.MAX_VALUE))));
  }
}
