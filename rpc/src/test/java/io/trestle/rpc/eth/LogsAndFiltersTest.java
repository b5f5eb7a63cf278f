package io.trestle.rpc.eth;

import static io.trestle.rpc.eth.TestChain.EMITTER;
import static io.trestle.rpc.eth.TestChain.OTHER_EMITTER;
import static io.trestle.rpc.eth.TestChain.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** eth_getLogs and the polling filters over a real in-memory chain. */
class LogsAndFiltersTest {
  private static ObjectNode filter(Object... keyValues) {
    ObjectNode f = TestChain.JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      f.set((String) keyValues[i], TestChain.JSON.valueToTree(keyValues[i + 1]));
    }
    return f;
  }

  private static String hex(long n) {
    return "0x" + Long.toHexString(n);
  }

  private static List<String> topic1s(JsonNode logs) {
    List<String> out = new ArrayList<>();
    logs.forEach(l -> out.add(l.get("topics").get(1).asText()));
    return out;
  }

  /** Blocks 1..3: emitter logs (1,10), (2,20); other emitter (1,30); then (3,10). */
  private static TestChain chainWithLogs() throws Exception {
    TestChain c = TestChain.create();
    c.commit(c.emit(EMITTER, topic(1), topic(10)), c.emit(EMITTER, topic(2), topic(20)));
    c.commit(c.emit(OTHER_EMITTER, topic(1), topic(30)));
    c.commit(c.emit(EMITTER, topic(3), topic(10)));
    return c;
  }

  @Test
  void getLogsFiltersByAddressTopicsAndAlternatives() throws Exception {
    TestChain c = chainWithLogs();
    assertEquals(4, c.call("eth_getLogs", filter("fromBlock", "0x0", "toBlock", "latest")).size());
    assertEquals(3, c.call("eth_getLogs", filter("fromBlock", "earliest", "address", EMITTER.toHex())).size());
    assertEquals(4, c.call("eth_getLogs", filter("fromBlock", "0x1",
        "address", List.of(EMITTER.toHex(), OTHER_EMITTER.toHex()))).size());
    assertEquals(List.of(topic(10).toHex(), topic(30).toHex()),
        topic1s(c.call("eth_getLogs", filter("fromBlock", "0x1", "topics", List.of(topic(1).toHex())))));
    List<Object> wildcardThen10 = new ArrayList<>();
    wildcardThen10.add(null);
    wildcardThen10.add(topic(10).toHex());
    assertEquals(2, c.call("eth_getLogs", filter("fromBlock", "0x1", "topics", wildcardThen10)).size());
    assertEquals(3, c.call("eth_getLogs", filter("fromBlock", "0x1",
        "topics", List.of(List.of(topic(1).toHex(), topic(3).toHex())))).size());
    assertEquals(0, c.call("eth_getLogs", filter("fromBlock", "0x1",
        "topics", List.of(topic(1).toHex(), topic(10).toHex(), topic(99).toHex()))).size(),
        "a position beyond a log's topics never matches");
    assertEquals(1, c.call("eth_getLogs", filter("fromBlock", "0x2", "toBlock", "0x2")).size());
  }

  @Test
  void getLogsByBlockHashAndItsLogFields() throws Exception {
    TestChain c = chainWithLogs();
    String hash = c.chain.blockHash(1).toHex();
    JsonNode logs = c.call("eth_getLogs", filter("blockHash", hash));
    assertEquals(2, logs.size());
    assertEquals("0x0", logs.get(0).get("logIndex").asText());
    assertEquals("0x1", logs.get(1).get("logIndex").asText());
    assertEquals("0x1", logs.get(1).get("transactionIndex").asText());
    assertEquals(hash, logs.get(1).get("blockHash").asText());
    assertEquals(EMITTER.toHex(), logs.get(0).get("address").asText());
    JsonNode unknown = c.response("eth_getLogs", filter("blockHash", "0x" + "ab".repeat(32)));
    assertEquals(-32000, unknown.get("error").get("code").asInt());
  }

  @Test
  void skipsBlocksWhoseBloomCannotMatch() throws Exception {
    TestChain c = chainWithLogs();
    c.commitEmpty(20);
    int before = c.store.receiptReads.get();
    assertEquals(1, c.call("eth_getLogs", filter("fromBlock", "0x0", "address", OTHER_EMITTER.toHex())).size());
    int decoded = c.store.receiptReads.get() - before;
    assertTrue(decoded <= 2, "only blocks whose bloom may hold the address are decoded; decoded " + decoded);
  }

  @Test
  void refusesRangesAndResultsPastTheLimitsNamingThem() throws Exception {
    TestChain c = new TestChain(RpcLimits.defaults().withLogs(5, 3), SubscriptionHub.Settings.defaults());
    c.commit(c.emit(EMITTER, topic(1), topic(1)), c.emit(EMITTER, topic(1), topic(2)));
    c.commit(c.emit(EMITTER, topic(1), topic(3)), c.emit(EMITTER, topic(1), topic(4)));
    c.commitEmpty(6);
    JsonNode range = c.response("eth_getLogs", filter("fromBlock", "0x0", "toBlock", "0x8"))
        .get("error");
    assertEquals(-32005, range.get("code").asInt());
    assertTrue(range.get("message").asText().contains("limit of 5 (rpc.logs_block_range_max)"), range.toString());
    JsonNode results = c.response("eth_getLogs", filter("fromBlock", "0x0", "toBlock", "0x3")).get("error");
    assertEquals(-32005, results.get("code").asInt());
    assertTrue(results.get("message").asText().contains("more than 3 logs"), results.toString());
    assertTrue(results.get("message").asText().contains("rpc.logs_results_max"), results.toString());
    assertEquals(2, c.call("eth_getLogs", filter("fromBlock", "0x1", "toBlock", "0x1")).size());
  }

  @Test
  void rejectsMalformedFiltersWithTheFieldNamed() throws Exception {
    TestChain c = chainWithLogs();
    Map<ObjectNode, String> bad = Map.of(
        filter("address", "0x1234"), "filter.address",
        filter("address", List.of(EMITTER.toHex(), 7)), "filter.address[1]",
        filter("topics", "0x00"), "filter.topics must be an array",
        filter("topics", List.of("0x", "0x", "0x", "0x", "0x")), "5 positions",
        filter("topics", List.of(List.of("0xzz"))), "filter.topics[0][0]",
        filter("fromBlock", "0x5", "toBlock", "0x2"), "after toBlock",
        filter("blockHash", "0x" + "00".repeat(32), "fromBlock", "0x1"), "blockHash cannot be combined",
        filter("fromBlock", "yesterday"), "filter.fromBlock",
        filter("adress", EMITTER.toHex()), "unknown field 'adress'");
    for (Map.Entry<ObjectNode, String> e : bad.entrySet()) {
      JsonNode error = c.response("eth_getLogs", e.getKey()).get("error");
      assertEquals(-32602, error.get("code").asInt(), e.getKey().toString());
      assertTrue(error.get("message").asText().contains(e.getValue()), error + " should name " + e.getValue());
    }
    assertEquals(-32602, c.response("eth_getLogs", "latest").get("error").get("code").asInt());
    assertEquals(-32602, c.response("eth_getLogs").get("error").get("code").asInt());
  }

  @Test
  void logFilterAnswersOnlyLogsOfNewBlocksOnce() throws Exception {
    TestChain c = chainWithLogs();
    String id = c.call("eth_newFilter", filter("fromBlock", "0x1", "address", EMITTER.toHex())).asText();
    assertEquals(0, c.call("eth_getFilterChanges", id).size(), "history is not a change");
    c.commit(c.emit(EMITTER, topic(4), topic(40)), c.emit(OTHER_EMITTER, topic(4), topic(41)));
    c.commitEmpty(1);
    c.commit(c.emit(EMITTER, topic(5), topic(50)));
    assertEquals(List.of(topic(40).toHex(), topic(50).toHex()), topic1s(c.call("eth_getFilterChanges", id)));
    assertEquals(0, c.call("eth_getFilterChanges", id).size());
    assertEquals(5, c.call("eth_getFilterLogs", id).size(), "filter logs re-run the whole range");
    assertTrue(c.call("eth_uninstallFilter", id).asBoolean());
    assertFalse(c.call("eth_uninstallFilter", id).asBoolean());
    JsonNode gone = c.response("eth_getFilterChanges", id).get("error");
    assertEquals("filter not found", gone.get("message").asText());
  }

  @Test
  void logFilterWithAnEndStopsThere() throws Exception {
    TestChain c = TestChain.create();
    String id = c.call("eth_newFilter", filter("fromBlock", "0x1", "toBlock", "0x2")).asText();
    c.commit(c.emit(EMITTER, topic(1), topic(1)));
    c.commit(c.emit(EMITTER, topic(1), topic(2)));
    c.commit(c.emit(EMITTER, topic(1), topic(3)));
    assertEquals(List.of(topic(1).toHex(), topic(2).toHex()), topic1s(c.call("eth_getFilterChanges", id)));
    assertEquals(0, c.call("eth_getFilterChanges", id).size());
  }

  @Test
  void longUnpolledLogFilterPagesThroughItsBacklog() throws Exception {
    TestChain c = new TestChain(RpcLimits.defaults().withLogs(4, 2), SubscriptionHub.Settings.defaults());
    String id = c.call("eth_newFilter", filter()).asText();
    for (int i = 0; i < 10; i++) {
      c.commit(c.emit(EMITTER, topic(1), topic(i)));
    }
    List<String> seen = new ArrayList<>();
    for (int poll = 0; poll < 10; poll++) {
      JsonNode changes = c.call("eth_getFilterChanges", id);
      assertTrue(changes.size() <= 2, "a poll answers at most the results limit: " + changes.size());
      seen.addAll(topic1s(changes));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add(topic(i).toHex());
    }
    assertEquals(expected, seen, "every log once, in order");
  }

  @Test
  void blockFilterAnswersNewBlockHashesInOrder() throws Exception {
    TestChain c = TestChain.create();
    c.commitEmpty(2);
    String id = c.call("eth_newBlockFilter").asText();
    c.commitEmpty(3);
    JsonNode hashes = c.call("eth_getFilterChanges", id);
    assertEquals(List.of(c.chain.blockHash(3).toHex(), c.chain.blockHash(4).toHex(), c.chain.blockHash(5).toHex()),
        List.of(hashes.get(0).asText(), hashes.get(1).asText(), hashes.get(2).asText()));
    assertEquals(3, hashes.size());
    assertEquals(0, c.call("eth_getFilterChanges", id).size());
    JsonNode notLogs = c.response("eth_getFilterLogs", id).get("error");
    assertEquals(-32602, notLogs.get("code").asInt());
  }

  @Test
  void pendingTransactionFilterAnswersAdmittedHashes() throws Exception {
    TestChain c = TestChain.create();
    c.eth.start();
    try {
      String id = c.call("eth_newPendingTransactionFilter").asText();
      var tx = c.transfer(Address.ofLong(0xb0b));
      c.pool.add(tx);
      JsonNode changes = c.call("eth_getFilterChanges", id);
      assertEquals(1, changes.size());
      assertEquals(tx.hash().toHex(), changes.get(0).asText());
      assertEquals(0, c.call("eth_getFilterChanges", id).size());
    } finally {
      c.eth.close();
    }
  }

  @Test
  void filtersExpireWhenNotPolledForFiveMinutes() throws Exception {
    TestChain c = TestChain.create();
    String polled = c.call("eth_newBlockFilter").asText();
    String forgotten = c.call("eth_newBlockFilter").asText();
    for (int i = 0; i < 6; i++) {
      c.clockMs.addAndGet(60_000);
      c.call("eth_getFilterChanges", polled);
    }
    assertEquals(0, c.call("eth_getFilterChanges", polled).size(), "a polled filter lives on");
    assertEquals("filter not found", c.response("eth_getFilterChanges", forgotten).get("error").get("message").asText());
    assertEquals(1, c.eth.filters().size());
  }

  @Test
  void boundsTheNumberOfFilters() throws Exception {
    RpcLimits few = new RpcLimits(100, 100, 3, 300_000, 10, 1000, 10, 10);
    TestChain c = new TestChain(few, SubscriptionHub.Settings.defaults());
    for (int i = 0; i < 3; i++) {
      c.call("eth_newBlockFilter");
    }
    JsonNode error = c.response("eth_newFilter", filter()).get("error");
    assertEquals(-32005, error.get("code").asInt());
    assertTrue(error.get("message").asText().contains("limit is 3"), error.toString());
  }

  @Test
  void unknownOrMalformedFilterIdsAreErrorsNotCrashes() throws Exception {
    TestChain c = TestChain.create();
    assertEquals("filter not found", c.response("eth_getFilterChanges", "0xdead").get("error").get("message").asText());
    assertEquals(-32602, c.response("eth_getFilterChanges", 12).get("error").get("code").asInt());
    assertEquals(-32602, c.response("eth_getFilterLogs").get("error").get("code").asInt());
    assertFalse(c.call("eth_uninstallFilter", "0x1234").asBoolean());
  }
}
