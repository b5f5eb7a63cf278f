package io.trestle.rpc.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Bloom;
import io.trestle.core.block.Log;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of log matching: the bloom pre-check never hides a match, and slot parsing round-trips. */
class LogFilterPropertiesTest {
  /** Small value spaces so that filters and logs often agree. */
  private static Arbitrary<Address> addresses() {
    return Arbitraries.integers().between(1, 4).map(Address::ofLong);
  }

  private static Arbitrary<Hash> topics() {
    return Arbitraries.integers().between(1, 4).map(TestChain::topic);
  }

  @Provide
  Arbitrary<Log> logs() {
    return Combinators.combine(addresses(), topics().list().ofMaxSize(4))
        .as((a, t) -> new Log(a, t, Bytes.EMPTY));
  }

  @Provide
  Arbitrary<List<Log>> blockLogs() {
    return logs().list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<LogFilter> filters() {
    Arbitrary<Set<Address>> addressSets = addresses().set().ofMaxSize(2);
    Arbitrary<List<Set<Hash>>> topicLists = topics().set().ofMaxSize(2).list().ofMaxSize(4);
    return Combinators.combine(addressSets, topicLists)
        .as((a, t) -> new LogFilter(LogFilter.LATEST, LogFilter.LATEST, null, a, t));
  }

  @Property(tries = 2000)
  void bloomCheckNeverHidesAMatch(@ForAll("filters") LogFilter filter, @ForAll("blockLogs") List<Log> blockLogs) {
    boolean anyMatch = blockLogs.stream().anyMatch(filter::matches);
    if (anyMatch) {
      assertTrue(filter.bloomMask().mightMatch(Bloom.of(blockLogs)));
    }
  }

  @Property(tries = 1000)
  void matchingFollowsPositionsAndAlternatives(@ForAll("filters") LogFilter filter, @ForAll("logs") Log log) {
    boolean expected = (filter.addresses().isEmpty() || filter.addresses().contains(log.address()))
        && filter.topics().size() <= log.topics().size();
    for (int i = 0; expected && i < filter.topics().size(); i++) {
      Set<Hash> position = filter.topics().get(i);
      expected = position.isEmpty() || position.contains(log.topics().get(i));
    }
    assertEquals(expected, filter.matches(log));
  }

  @Property(tries = 1000)
  void slotsParseFromShortAndFullHex(@ForAll byte[] raw) throws Exception {
    byte[] word = new byte[32];
    System.arraycopy(raw, 0, word, 32 - Math.min(32, raw.length), Math.min(32, raw.length));
    String full = Bytes.wrap(word).toHex();
    String trimmed = "0x" + full.substring(2).replaceFirst("^0+", "");
    assertEquals(Bytes.wrap(word), Json.parseSlot(TextNode.valueOf(full), "slot"));
    assertEquals(Bytes.wrap(word), Json.parseSlot(TextNode.valueOf(trimmed), "slot"));
  }

  @Property(tries = 200)
  void parsedFiltersKeepEveryAlternative(@ForAll("filters") LogFilter filter) throws Exception {
    var json = TestChain.JSON.createObjectNode();
    var addressArray = json.putArray("address");
    filter.addresses().forEach(a -> addressArray.add(a.toHex()));
    var topicArray = json.putArray("topics");
    for (Set<Hash> position : filter.topics()) {
      if (position.isEmpty()) {
        topicArray.addNull();
      } else {
        var alternatives = topicArray.addArray();
        position.forEach(t -> alternatives.add(t.toHex()));
      }
    }
    LogFilter parsed = LogFilter.parse(json, RpcLimits.defaults());
    assertEquals(filter.addresses(), parsed.addresses());
    assertEquals(filter.topics(), new ArrayList<>(parsed.topics()));
    assertEquals(new HashSet<>(filter.addresses()), parsed.addresses());
  }
}
