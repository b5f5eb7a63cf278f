package io.trestle.rpc.eth;

import static io.trestle.rpc.eth.TestChain.EMITTER;
import static io.trestle.rpc.eth.TestChain.OTHER_EMITTER;
import static io.trestle.rpc.eth.TestChain.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trestle.core.Address;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The subscription hub driven round by round (no dispatcher thread), over a real in-memory chain. */
class SubscriptionHubTest {
  private static final TextNode LOGS = TextNode.valueOf("logs");

  private static ObjectNode options(Object... keyValues) {
    ObjectNode f = TestChain.JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      f.set((String) keyValues[i], TestChain.JSON.valueToTree(keyValues[i + 1]));
    }
    return f;
  }

  private static List<String> topic1s(List<JsonNode> logs) {
    List<String> out = new ArrayList<>();
    logs.forEach(l -> out.add(l.get("topics").get(1).asText()));
    return out;
  }

  private static void drain(SubscriptionHub hub) {
    for (int i = 0; i < 10_000 && hub.pump() > 0; i++) {
      // each round advances every subscription by its budget
    }
  }

  @Test
  void newHeadsDeliversEachCommittedBlockOnceInOrder() throws Exception {
    TestChain c = TestChain.create();
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    c.commitEmpty(2);
    SubscriptionHub.Subscription s = hub.subscribe(sink, TextNode.valueOf("newHeads"), null);
    c.commitEmpty(1);
    drain(hub);
    assertTrue(sink.messages.isEmpty(), "nothing before activation (the client must learn the id first)");
    hub.activate(s);
    drain(hub);
    c.commitEmpty(2);
    drain(hub);
    drain(hub);
    List<JsonNode> heads = sink.results();
    assertEquals(List.of("0x3", "0x4", "0x5"), heads.stream().map(h -> h.get("number").asText()).toList());
    assertEquals(c.chain.blockHash(4).toHex(), heads.get(1).get("hash").asText());
    JsonNode message = sink.messages.get(0);
    assertEquals("eth_subscription", message.get("method").asText());
    assertEquals(s.id(), message.get("params").get("subscription").asText());
  }

  @Test
  void logsSubscriptionDeliversMatchingLiveLogs() throws Exception {
    TestChain c = TestChain.create();
    c.commit(c.emit(EMITTER, topic(1), topic(0)));
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    hub.activate(hub.subscribe(sink, LOGS, options("address", EMITTER.toHex(), "topics", List.of(topic(1).toHex()))));
    c.commit(c.emit(EMITTER, topic(1), topic(11)), c.emit(OTHER_EMITTER, topic(1), topic(12)),
        c.emit(EMITTER, topic(2), topic(13)));
    c.commit(c.emit(EMITTER, topic(1), topic(14)));
    drain(hub);
    assertEquals(List.of(topic(11).toHex(), topic(14).toHex()), topic1s(sink.results()));
  }

  @Test
  void resumeFromBlockDeliversHistoryThenLiveWithoutGapOrDuplicate() throws Exception {
    TestChain c = new TestChain(RpcLimits.defaults(), new SubscriptionHub.Settings(2, 3, 30_000));
    List<String> expected = new ArrayList<>();
    int seq = 0;
    for (int b = 0; b < 12; b++) {
      c.commit(c.emit(EMITTER, topic(1), topic(seq)), c.emit(EMITTER, topic(1), topic(seq + 1)));
      if (b >= 3) {
        expected.add(topic(seq).toHex());
        expected.add(topic(seq + 1).toHex());
      }
      seq += 2;
    }
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    hub.activate(hub.subscribe(sink, LOGS, options("address", EMITTER.toHex(), "fromBlock", "0x4")));
    // blocks keep coming while the history is paged out, two blocks per round
    for (int round = 0; round < 6; round++) {
      hub.pump();
      c.commit(c.emit(EMITTER, topic(1), topic(seq)));
      expected.add(topic(seq).toHex());
      seq++;
    }
    drain(hub);
    assertEquals(expected, topic1s(sink.results()));
    List<JsonNode> logs = sink.results();
    for (int i = 1; i < logs.size(); i++) {
      long prev = Long.decode(logs.get(i - 1).get("blockNumber").asText());
      long cur = Long.decode(logs.get(i).get("blockNumber").asText());
      assertTrue(cur >= prev, "blocks in order");
    }
  }

  @Property(tries = 30)
  void resumeNeverLosesOrRepeatsALog(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 3) Integer> perBlock,
      @ForAll @IntRange(min = 1, max = 12) int fromBlock, @ForAll @IntRange(min = 1, max = 4) int blocksPerRound,
      @ForAll @IntRange(min = 0, max = 12) int committedDuringCatchUp) throws Exception {
    TestChain c = new TestChain(RpcLimits.defaults(), new SubscriptionHub.Settings(blocksPerRound, 2, 30_000));
    List<String> all = new ArrayList<>();
    List<Long> blockOf = new ArrayList<>();
    int seq = 0;
    for (int count : perBlock) {
      List<io.trestle.core.tx.Transaction> txs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        txs.add(c.emit(EMITTER, topic(1), topic(seq++)));
      }
      long n = c.commit(txs.toArray(new io.trestle.core.tx.Transaction[0]));
      for (int i = 0; i < count; i++) {
        all.add(topic(seq - count + i).toHex());
        blockOf.add(n);
      }
    }
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    hub.activate(hub.subscribe(sink, LOGS, options("fromBlock", "0x" + Integer.toHexString(fromBlock))));
    for (int i = 0; i < committedDuringCatchUp; i++) {
      hub.pump();
      long n = c.commit(c.emit(EMITTER, topic(2), topic(seq)));
      all.add(topic(seq++).toHex());
      blockOf.add(n);
    }
    drain(hub);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (blockOf.get(i) >= fromBlock) {
        expected.add(all.get(i));
      }
    }
    assertEquals(expected, topic1s(sink.results()));
  }

  @Test
  void congestedSubscriberWaitsThenIsClosedWhenItStaysSlow() throws Exception {
    TestChain c = TestChain.create();
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    hub.activate(hub.subscribe(sink, TextNode.valueOf("newHeads"), null));
    sink.congested = true;
    c.commitEmpty(3);
    hub.pump();
    assertTrue(sink.messages.isEmpty(), "nothing is queued while congested");
    sink.congested = false;
    drain(hub);
    assertEquals(3, sink.messages.size(), "nothing was lost while waiting");
    sink.congested = true;
    c.commitEmpty(1);
    hub.pump();
    c.clockMs.addAndGet(SubscriptionHub.Settings.defaults().stalledMsMax() + 1);
    hub.pump();
    assertNotNull(sink.closedReason);
    assertTrue(sink.closedReason.contains("too slow"), sink.closedReason);
    assertEquals(0, hub.size());
  }

  @Test
  void unsubscribeStopsDeliveryAndOnlyTheOwnerMayUnsubscribe() throws Exception {
    TestChain c = TestChain.create();
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    TestChain.RecordingSink stranger = new TestChain.RecordingSink();
    SubscriptionHub.Subscription s = hub.subscribe(sink, TextNode.valueOf("newHeads"), null);
    hub.activate(s);
    assertFalse(hub.unsubscribe(stranger, s.id()));
    c.commitEmpty(1);
    drain(hub);
    assertTrue(hub.unsubscribe(sink, s.id()));
    assertFalse(hub.unsubscribe(sink, s.id()));
    c.commitEmpty(2);
    drain(hub);
    assertEquals(1, sink.messages.size());
  }

  @Test
  void pendingTransactionSubscriptionsGetHashes() throws Exception {
    TestChain c = TestChain.create();
    c.eth.start();
    try {
      SubscriptionHub hub = c.eth.subscriptions();
      TestChain.RecordingSink sink = new TestChain.RecordingSink();
      hub.activate(hub.subscribe(sink, TextNode.valueOf("newPendingTransactions"), null));
      var tx = c.transfer(Address.ofLong(0xb0b));
      c.pool.add(tx);
      assertEquals(List.of(tx.hash().toHex()), sink.results().stream().map(JsonNode::asText).toList());
    } finally {
      c.eth.close();
    }
  }

  @Test
  void rejectsBadSubscriptionsWithClearErrors() throws Exception {
    TestChain c = TestChain.create();
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    RpcException unknown = assertThrows(RpcException.class, () -> hub.subscribe(sink, TextNode.valueOf("syncing2"), null));
    assertTrue(unknown.getMessage().contains("unknown subscription"));
    assertThrows(RpcException.class, () -> hub.subscribe(sink, null, null));
    RpcException toBlock = assertThrows(RpcException.class, () -> hub.subscribe(sink, LOGS, options("toBlock", "0x5")));
    assertTrue(toBlock.getMessage().contains("open-ended"));
    assertThrows(RpcException.class, () -> hub.subscribe(sink, LOGS, options("address", "nope")));
    assertThrows(RpcException.class, () -> hub.subscribe(sink, TextNode.valueOf("newHeads"), options("address", "0x00")));
    TestChain far = new TestChain(new RpcLimits(100, 100, 10, 300_000, 10, 5, 10, 10), SubscriptionHub.Settings.defaults());
    far.commitEmpty(10);
    RpcException tooOld = assertThrows(RpcException.class,
        () -> far.eth.subscriptions().subscribe(sink, LOGS, options("fromBlock", "0x1")));
    assertEquals(RpcException.LIMIT_EXCEEDED, tooOld.code());
    assertTrue(tooOld.getMessage().contains("at most 5 blocks back"), tooOld.getMessage());
    assertEquals(0, hub.size());
  }

  @Test
  void closedSinkLosesItsSubscriptions() throws Exception {
    TestChain c = TestChain.create();
    SubscriptionHub hub = c.eth.subscriptions();
    TestChain.RecordingSink sink = new TestChain.RecordingSink();
    hub.activate(hub.subscribe(sink, TextNode.valueOf("newHeads"), null));
    hub.activate(hub.subscribe(sink, LOGS, null));
    sink.open = false;
    c.commitEmpty(1);
    drain(hub);
    assertEquals(0, hub.size());
  }
}
