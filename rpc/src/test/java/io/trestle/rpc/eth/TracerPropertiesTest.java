package io.trestle.rpc.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.evm.AccessListEntry;
import io.trestle.evm.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the pieces tracers are built from: stack words, QUANTITY rendering and access-list growth. */
class TracerPropertiesTest {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  @Provide
  Arbitrary<BigInteger> words() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, TWO_256.subtract(BigInteger.ONE)),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1L << 40)),
        Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(Integer.MAX_VALUE),
            BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE), TWO_256.subtract(BigInteger.ONE)));
  }

  @Provide
  Arbitrary<List<BigInteger>> stacks() {
    return words().list().ofMinSize(1).ofMaxSize(8);
  }

  /** The interpreter's layout: four longs per word, most significant first, the top of the stack last. */
  static long[] stackOf(List<BigInteger> bottomFirst) {
    long[] s = new long[4 * bottomFirst.size()];
    for (int i = 0; i < bottomFirst.size(); i++) {
      BigInteger w = bottomFirst.get(i);
      for (int limb = 0; limb < 4; limb++) {
        s[4 * i + limb] = w.shiftRight(64 * (3 - limb)).longValue();
      }
    }
    return s;
  }

  @Property
  void stackWordsReadTheWordAtTheirDepth(@ForAll("stacks") List<BigInteger> stack,
      @ForAll @IntRange(min = 0, max = 7) int fromTop) {
    int depth = fromTop % stack.size();
    long[] s = stackOf(stack);
    BigInteger expected = stack.get(stack.size() - 1 - depth);
    assertEquals(expected, StackWords.word(s, stack.size(), depth).toBigInteger());
    int small = StackWords.smallInt(s, stack.size(), depth);
    assertEquals(expected.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0 ? expected.intValue() : -1, small);
    byte[] low20 = new byte[20];
    byte[] full = StackWords.bytes(s, stack.size(), depth);
    System.arraycopy(full, 12, low20, 0, 20);
    assertEquals(Address.wrap(low20), StackWords.address(s, stack.size(), depth));
  }

  @Property
  void quantitiesHaveNoLeadingZeros(@ForAll("words") BigInteger w) {
    String q = StructLogTrace.quantity(UInt256.fromBigInteger(w));
    assertEquals("0x" + w.toString(16), q);
    assertTrue(q.matches("^0x(0|[1-9a-f][0-9a-f]{0,63})$"), q);
  }

  @Provide
  Arbitrary<List<AccessListEntry>> lists() {
    Arbitrary<Address> address = Arbitraries.integers().between(1, 6).map(Address::ofLong);
    Arbitrary<Hash> key = Arbitraries.integers().between(0, 5).map(TestChain::topic);
    return address.flatMap(a -> key.list().ofMaxSize(3).map(keys -> new AccessListEntry(a, keys)))
        .list().ofMaxSize(5);
  }

  @Property
  void anAccessListTracerKeepsItsSeedExceptWarmAddressesWithoutSlots(@ForAll("lists") List<AccessListEntry> seed) {
    Set<Address> excluded = Set.of(Address.ofLong(1), Address.ofLong(2));
    List<AccessListEntry> out = new AccessListTracer(seed, excluded).accessList();
    Set<String> kept = new HashSet<>();
    for (AccessListEntry e : out) {
      e.storageKeys().forEach(k -> kept.add(e.address() + "/" + k));
      assertTrue(!excluded.contains(e.address()) || !e.storageKeys().isEmpty(),
          "a warm address is listed only for its slots: " + e);
    }
    List<String> wanted = new ArrayList<>();
    seed.forEach(e -> e.storageKeys().forEach(k -> wanted.add(e.address() + "/" + k)));
    assertTrue(kept.containsAll(wanted), "every seeded slot stays");
    Set<Address> addresses = new HashSet<>();
    out.forEach(e -> assertTrue(addresses.add(e.address()), "each address once"));
    for (AccessListEntry e : seed) {
      assertTrue(excluded.contains(e.address()) || addresses.contains(e.address()));
    }
    assertTrue(new AccessListTracer(out, excluded).sameAs(new AccessListTracer(seed, excluded)),
        "feeding the answer back changes nothing: the list has settled");
  }
}
