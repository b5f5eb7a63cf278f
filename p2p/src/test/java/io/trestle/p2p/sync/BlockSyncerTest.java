package io.trestle.p2p.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync client driven by hand: a fake transport, a fake clock, a sink that checks every block. */
class BlockSyncerTest {
  private static final Address P1 = Address.ofLong(1);
  private static final Address P2 = Address.ofLong(2);
  private static final Address P3 = Address.ofLong(3);
  private static final long MS = 1_000_000L;

  record Sent(Address peer, SyncMessage.GetBlocks request) {}

  private final AtomicLong clock = new AtomicLong();
  private final List<Sent> sent = new ArrayList<>();
  private final List<Address> penalised = new ArrayList<>();
  private final Set<Address> disconnected = new HashSet<>();
  private CheckingSink sink;
  private BlockSyncer syncer;

  static byte[] block(long height) {
    return ("block-" + height).getBytes(StandardCharsets.UTF_8);
  }

  /** Applies only the blocks an honest chain has, like a node verifying certificates. */
  static final class CheckingSink implements SyncSink {
    final List<Long> applied = new ArrayList<>();
    long height;

    @Override
    public long height() {
      return height;
    }

    @Override
    public void apply(long fromHeight, List<byte[]> blocks) throws SyncRejectedException {
      assertEquals(height + 1, fromHeight, "batches must continue the chain");
      for (int i = 0; i < blocks.size(); i++) {
        if (!java.util.Arrays.equals(block(fromHeight + i), blocks.get(i))) {
          throw new SyncRejectedException(i, "certificate of block " + (fromHeight + i) + " does not verify");
        }
        height++;
        applied.add(height);
      }
    }
  }

  private SyncConfig config() {
    return new SyncConfig(10, 4, 2, 1_000, 500, 1 << 20, 200, 1_000, 100, 256, 4);
  }

  @BeforeEach
  void setUp() {
    sent.clear();
    penalised.clear();
    disconnected.clear();
    clock.set(0);
    sink = new CheckingSink();
    syncer = new BlockSyncer(sink, config(), new BlockSyncer.Transport() {
      @Override
      public boolean request(Address peer, SyncMessage.GetBlocks request) {
        if (disconnected.contains(peer)) {
          return false;
        }
        sent.add(new Sent(peer, request));
        return true;
      }

      @Override
      public void penalise(Address peer, String reason) {
        penalised.add(peer);
      }
    }, clock::get);
  }

  private static SyncMessage.Blocks honest(SyncMessage.GetBlocks request) {
    return answer(request, request.count());
  }

  private static SyncMessage.Blocks answer(SyncMessage.GetBlocks request, int count) {
    List<byte[]> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(block(request.fromHeight() + i));
    }
    return new SyncMessage.Blocks(request.requestId(), request.fromHeight(), items);
  }

  private void threePeersAt(long height) {
    syncer.onStatus(P1, height);
    syncer.onStatus(P2, height);
    syncer.onStatus(P3, height);
  }

  @Test
  void spreadsRangesOverSeveralPeersWithinTheBounds() {
    threePeersAt(100);
    syncer.activate();

    assertEquals(4, sent.size(), "requestsInFlightMax");
    Set<Address> asked = new HashSet<>();
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(1 + 10L * i, sent.get(i).request().fromHeight());
      assertEquals(10L * (i + 1), sent.get(i).request().toHeight());
      asked.add(sent.get(i).peer());
    }
    assertEquals(Set.of(P1, P2, P3), asked);
    for (Address p : asked) {
      assertTrue(sent.stream().filter(s -> s.peer().equals(p)).count() <= 2, "requestsPerPeerMax");
    }
  }

  @Test
  void asksNothingBeforeActivation() {
    threePeersAt(100);
    assertTrue(sent.isEmpty());
    assertEquals(100, syncer.status().bestPeerHeight());
  }

  @Test
  void deliversInHeightOrderWhenResponsesArriveOutOfOrder() {
    threePeersAt(100);
    syncer.activate();
    Sent first = sent.get(0);
    Sent second = sent.get(1);

    syncer.onBlocks(second.peer(), honest(second.request()));
    assertEquals(0, sink.height, "heights 11..20 wait for 1..10");
    syncer.onBlocks(first.peer(), honest(first.request()));
    assertEquals(20, sink.height);
    assertEquals(20, sink.applied.size());
  }

  @Test
  void requestTimingOutGoesToAnotherPeer() {
    threePeersAt(100);
    syncer.activate();
    Sent first = sent.get(0);
    for (int i = 1; i < sent.size(); i++) {
      syncer.onBlocks(sent.get(i).peer(), honest(sent.get(i).request()));
    }
    sent.clear();

    clock.addAndGet(1_001 * MS);
    syncer.tick();

    Sent retry = sent.stream().filter(s -> s.request().fromHeight() == 1).findFirst().orElseThrow();
    assertNotEquals(first.peer(), retry.peer());
    syncer.onBlocks(first.peer(), honest(first.request()));
    assertEquals(0, sink.height, "a late answer to the timed-out request is ignored");
    syncer.onBlocks(retry.peer(), honest(retry.request()));
    assertTrue(sink.height >= 10);
    assertTrue(penalised.isEmpty(), "slowness is not misbehaviour");
  }

  @Test
  void rejectedBatchPenalisesItsSenderAndRefetchesTheRestElsewhere() {
    threePeersAt(100);
    syncer.activate();
    Sent first = sent.get(0);
    List<byte[]> items = new ArrayList<>(honest(first.request()).items());
    items.set(3, "forged".getBytes(StandardCharsets.UTF_8));
    sent.clear();

    syncer.onBlocks(first.peer(), new SyncMessage.Blocks(first.request().requestId(), 1, items));

    assertEquals(3, sink.height, "the blocks before the bad one were applied");
    assertEquals(List.of(first.peer()), penalised);
    Sent refetch = sent.stream().filter(s -> s.request().fromHeight() == 4).findFirst().orElseThrow();
    assertEquals(10, refetch.request().toHeight());
    assertNotEquals(first.peer(), refetch.peer());
  }

  @Test
  void emptyAnswerRestsThePeerAndAsksAnother() {
    threePeersAt(100);
    syncer.activate();
    Sent first = sent.get(0);
    sent.clear();

    syncer.onBlocks(first.peer(), answer(first.request(), 0));

    Sent retry = sent.stream().filter(s -> s.request().fromHeight() == 1).findFirst().orElseThrow();
    assertNotEquals(first.peer(), retry.peer());
    assertTrue(penalised.isEmpty());
  }

  @Test
  void partialAnswerLeadsToARequestForTheRemainder() {
    syncer.onStatus(P1, 100);
    syncer.activate();
    Sent first = sent.get(0);
    syncer.onBlocks(first.peer(), answer(first.request(), 4));
    syncer.onBlocks(sent.get(1).peer(), honest(sent.get(1).request()));

    assertEquals(4, sink.height);
    assertTrue(sent.stream().anyMatch(s -> s.request().fromHeight() == 5 && s.request().toHeight() == 10));
  }

  @Test
  void answerThatDoesNotMatchItsRequestIsPenalised() {
    syncer.onStatus(P1, 100);
    syncer.onStatus(P2, 100);
    syncer.activate();
    Sent first = sent.get(0);

    syncer.onBlocks(first.peer(), new SyncMessage.Blocks(first.request().requestId(), 50, List.of(block(50))));

    assertEquals(List.of(first.peer()), penalised);
    assertEquals(0, sink.height);
  }

  @Test
  void answerFromAPeerThatWasNotAskedIsIgnored() {
    syncer.onStatus(P1, 100);
    syncer.onStatus(P2, 100);
    syncer.activate();
    Sent toP1 = sent.stream().filter(s -> s.peer().equals(P1)).findFirst().orElseThrow();

    syncer.onBlocks(P3, honest(toP1.request()));
    syncer.onBlocks(P2, new SyncMessage.Blocks(999, 1, List.of(block(1))));

    assertEquals(0, sink.height);
    assertTrue(penalised.isEmpty());
  }

  @Test
  void rangesOfAPeerThatLeftGoToOthers() {
    syncer.onStatus(P1, 100);
    syncer.onStatus(P2, 100);
    syncer.activate();
    List<Sent> toP1 = sent.stream().filter(s -> s.peer().equals(P1)).toList();
    sent.clear();
    disconnected.add(P1);

    syncer.onPeerGone(P1);

    for (Sent lost : toP1) {
      assertTrue(sent.stream().anyMatch(s -> s.peer().equals(P2) && s.request().fromHeight() == lost.request().fromHeight())
          || syncer.status().requestsInFlight() == 2, "range " + lost.request().fromHeight() + " re-asked of P2");
    }
    assertTrue(sent.stream().allMatch(s -> s.peer().equals(P2)));
  }

  @Test
  void neverAsksBeyondTheBestPeerAndReportsCaughtUp() {
    syncer.onStatus(P1, 15);
    syncer.activate();
    assertEquals(2, sent.size());
    assertEquals(15, sent.get(1).request().toHeight());
    syncer.onBlocks(P1, honest(sent.get(0).request()));
    syncer.onBlocks(P1, honest(sent.get(1).request()));
    assertEquals(15, sink.height);
    assertTrue(syncer.status().caughtUp());
    assertEquals(2, sent.size());
  }

  @Test
  void hintThatAPeerIsAheadStartsFetchingBeforeItsNextStatus() {
    syncer.onStatus(P1, 0);
    syncer.activate();
    assertTrue(sent.isEmpty());

    syncer.onHint(P1, 5);
    syncer.onHint(P1, 3);

    assertEquals(1, sent.size());
    assertEquals(5, sent.get(0).request().toHeight(), "a lower hint never lowers what is known");
  }

  @Test
  void blocksAppliedByConsensusMeanwhileAreSkipped() {
    syncer.onStatus(P1, 30);
    syncer.activate();
    sink.height = 12;
    syncer.onBlocks(P1, honest(sent.get(0).request()));
    syncer.onBlocks(P1, honest(sent.get(1).request()));
    assertEquals(20, sink.height);
    assertFalse(sink.applied.contains(5L));
  }

  enum Behaviour { HONEST, GARBAGE, SILENT, EMPTY }

  /**
   * Random peers (at least one honest) answering in random order, timing out, sending garbage or nothing:
   * sync always reaches the target in height order and only dishonest peers are ever penalised.
   */
  @Property(tries = 150)
  void reachesTheTargetWhateverTheOtherPeersDo(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int others,
      @ForAll @IntRange(min = 1, max = 120) int target) {
    Random random = new Random(seed);
    setUp();
    List<Address> peers = new ArrayList<>();
    List<Behaviour> behaviour = new ArrayList<>();
    peers.add(Address.ofLong(100));
    behaviour.add(Behaviour.HONEST);
    for (int i = 0; i < others; i++) {
      peers.add(Address.ofLong(101 + i));
      behaviour.add(Behaviour.values()[random.nextInt(Behaviour.values().length)]);
    }
    for (Address p : peers) {
      syncer.onStatus(p, target);
    }
    syncer.activate();
    int answered = 0;
    for (int step = 0; step < 20_000 && sink.height < target; step++) {
      List<Sent> open = new ArrayList<>(sent);
      if (open.isEmpty() || random.nextInt(10) == 0) {
        clock.addAndGet(random.nextInt(1_200) * MS);
        syncer.tick();
        continue;
      }
      Sent s = open.get(random.nextInt(open.size()));
      sent.remove(s);
      if (disconnected.contains(s.peer())) {
        continue;
      }
      Behaviour b = behaviour.get(peers.indexOf(s.peer()));
      switch (b) {
        case HONEST -> syncer.onBlocks(s.peer(), answer(s.request(), 1 + random.nextInt(s.request().count())));
        case GARBAGE -> syncer.onBlocks(s.peer(), new SyncMessage.Blocks(s.request().requestId(),
            s.request().fromHeight(), List.of("junk".getBytes(StandardCharsets.UTF_8))));
        case EMPTY -> syncer.onBlocks(s.peer(), answer(s.request(), 0));
        case SILENT -> { }
      }
      answered++;
      // the network drops a banned peer, as P2pNetwork.reportMisbehaviour does
      for (Address p : List.copyOf(penalised)) {
        if (disconnected.add(p)) {
          syncer.onPeerGone(p);
        }
      }
    }

    assertEquals(target, sink.height, "after " + answered + " answers with " + behaviour);
    for (int i = 0; i < sink.applied.size(); i++) {
      assertEquals(i + 1L, sink.applied.get(i));
    }
    for (int i = 0; i < peers.size(); i++) {
      if (behaviour.get(i) != Behaviour.GARBAGE) {
        assertFalse(penalised.contains(peers.get(i)), behaviour.get(i) + " peer penalised");
      }
    }
  }
}
