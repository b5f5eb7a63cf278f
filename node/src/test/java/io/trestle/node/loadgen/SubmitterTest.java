package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubmitterTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void takesABatchOfResultsAsAllAcceptedWithoutParsing() {
    assertTrue(Submitter.acceptedAll(b("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0xab\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0xcd\"}]"), 2));
    assertTrue(Submitter.acceptedAll(b("  [{\"result\":\"0x1\"}]"), 1));
  }

  @Test
  void leavesAnswersWithErrorsMissingResultsOrNoArrayToTheParser() {
    assertFalse(Submitter.acceptedAll(b("[{\"id\":1,\"result\":\"0xab\"},{\"id\":2,\"error\":{\"code\":-32000}}]"), 2));
    assertFalse(Submitter.acceptedAll(b("[{\"id\":1,\"result\":\"0xab\"}]"), 2));
    assertFalse(Submitter.acceptedAll(b("{\"id\":null,\"error\":{\"code\":-32005,\"message\":\"busy\"}}"), 1));
    assertFalse(Submitter.acceptedAll(b(""), 1));
    assertFalse(Submitter.acceptedAll(b("[]"), 1));
  }
}
