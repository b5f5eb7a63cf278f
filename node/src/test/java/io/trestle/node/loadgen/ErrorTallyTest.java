package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorTallyTest {
  @Test
  void countsMessagesThatDifferOnlyInAddressesAndNumbersAsOne() {
    ErrorTally tally = new ErrorTally();
    tally.add("nonce too low: address 0xAbC0000000000000000000000000000000000001, tx nonce 5, account nonce 7");
    tally.add("nonce too low: address 0x1230000000000000000000000000000000000002, tx nonce 12, account nonce 40");
    tally.add("already known", 3);
    Map<String, Long> counts = tally.snapshot();
    assertEquals(Map.of("nonce too low: address 0x.., tx nonce N, account nonce N", 2L, "already known", 3L), counts);
    assertEquals("already known", counts.keySet().iterator().next(), "most frequent first");
    assertEquals(5, tally.total());
  }

  @Test
  void foldsMessagesPastTheLimitIntoOther() {
    ErrorTally tally = new ErrorTally();
    for (int i = 0; i < ErrorTally.MESSAGES_MAX + 10; i++) {
      tally.add("failure kind " + (char) ('a' + i % 26) + (char) ('a' + i / 26));
    }
    Map<String, Long> counts = tally.snapshot();
    assertEquals(ErrorTally.MESSAGES_MAX + 1, counts.size());
    assertEquals(10L, counts.get("other"));
    assertEquals(ErrorTally.MESSAGES_MAX + 10, tally.total());
  }

  @Test
  void shortensLongMessages() {
    String message = "x".repeat(1000);
    assertEquals(ErrorTally.MESSAGE_CHARS_MAX + 3, ErrorTally.normalise(message).length());
  }
}
