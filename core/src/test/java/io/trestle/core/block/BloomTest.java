package io.trestle.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The bloom of a log list (which skips values repeated from the previous log) against adding every value. */
class BloomTest {
  @Property(tries = 300)
  void bloomOfLogsSetsTheBitsOfEveryAddressAndTopic(
      @ForAll @Size(max = 12) List<@IntRange(max = 3) Integer> addressPicks,
      @ForAll @Size(max = 48) List<@IntRange(max = 4) Integer> topicPicks) {
    List<Log> logs = new ArrayList<>();
    Bloom expected = Bloom.EMPTY;
    int t = 0;
    for (int a : addressPicks) {
      Address address = Address.ofLong(a);
      expected = expected.add(address);
      List<Hash> topics = new ArrayList<>();
      // Few distinct values and varying topic counts, so repeats fall both at and off the previous log's places.
      for (int k = 0; k < (a + t) % 5 && t < topicPicks.size(); k++, t++) {
        Hash topic = Hash.keccak(new byte[] {topicPicks.get(t).byteValue()});
        topics.add(topic);
        expected = expected.add(topic);
      }
      logs.add(new Log(address, topics, Bytes.wrap(new byte[0])));
    }
    assertEquals(expected, Bloom.of(logs));
  }
}
