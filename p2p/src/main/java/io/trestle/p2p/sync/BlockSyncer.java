package io.trestle.p2p.sync;

import io.trestle.core.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of block sync (ADR 0204): learns peers' heights from their status, splits the heights
 * between the local one and the best peer's into ranges, asks several peers at once (bounded in total and per
 * peer), re-asks another peer on a timeout, an empty answer or a rejected batch, and hands responses to the
 * {@link SyncSink} strictly in height order.
 *
 * <p>Single-threaded: every method runs on the sync thread. The clock and the transport are parameters, so
 * tests drive it without sockets or sleeping.
 */
final class BlockSyncer {
  private static final Logger LOG = LoggerFactory.getLogger(BlockSyncer.class);

  /** How the syncer reaches peers. */
  interface Transport {
    /** Sends a request; false if the peer is not connected. */
    boolean request(Address peer, SyncMessage.GetBlocks request);

    /** Bans a peer that sent something invalid. */
    void penalise(Address peer, String reason);
  }

  private record Range(long from, long to, Set<Address> excluded) {
    int size() {
      return (int) (to - from + 1);
    }

    Range excluding(Address peer) {
      Set<Address> more = new HashSet<>(excluded);
      more.add(peer);
      return new Range(from, to, more);
    }
  }

  private record InFlight(Address peer, Range range, long deadlineNanos) {}

  private record Received(Address peer, long from, List<byte[]> items) {
    long to() {
      return from + items.size() - 1;
    }
  }

  private final SyncSink sink;
  private final SyncConfig config;
  private final Transport transport;
  private final LongSupplier nanoClock;
  private final Map<Address, Long> peerHeights = new HashMap<>();
  private final Map<Address, Integer> peerInFlight = new HashMap<>();
  private final Map<Address, Long> peerCooldownUntil = new HashMap<>();
  private final Map<Address, Long> peerLastAsked = new HashMap<>();
  private final TreeMap<Long, Range> pending = new TreeMap<>();
  private final Map<Long, InFlight> inFlight = new HashMap<>();
  private final TreeMap<Long, Received> ready = new TreeMap<>();
  private long nextNewHeight;
  private long nextRequestId = 1;
  private boolean active;

  BlockSyncer(SyncSink sink, SyncConfig config, Transport transport, LongSupplier nanoClock) {
    this.sink = sink;
    this.config = config;
    this.transport = transport;
    this.nanoClock = nanoClock;
  }

  /** Starts requesting; before this, statuses are only recorded. */
  void activate() {
    active = true;
    pump();
  }

  void onStatus(Address peer, long height) {
    peerHeights.put(peer, height);
    pump();
  }

  /** A height the peer is known to have reached by other means (a certificate seen in consensus). */
  void onHint(Address peer, long height) {
    peerHeights.merge(peer, height, Math::max);
    pump();
  }

  void onPeerGone(Address peer) {
    peerHeights.remove(peer);
    peerInFlight.remove(peer);
    peerCooldownUntil.remove(peer);
    peerLastAsked.remove(peer);
    Iterator<InFlight> it = inFlight.values().iterator();
    while (it.hasNext()) {
      InFlight f = it.next();
      if (f.peer().equals(peer)) {
        it.remove();
        requeue(f.range().excluding(peer));
      }
    }
    pump();
  }

  void onBlocks(Address peer, SyncMessage.Blocks response) {
    InFlight f = inFlight.get(response.requestId());
    if (f == null || !f.peer().equals(peer)) {
      LOG.debug("sync response ignored (late or unsolicited) peer={} requestId={}", peer.toHex(), response.requestId());
      return;
    }
    inFlight.remove(response.requestId());
    decrementInFlight(peer);
    Range range = f.range();
    if (response.fromHeight() != range.from() || response.items().size() > range.size()) {
      transport.penalise(peer, "sync response " + response.fromHeight() + "+" + response.items().size()
          + " does not match request " + range.from() + ".." + range.to());
      requeue(range.excluding(peer));
      pump();
      return;
    }
    if (response.items().isEmpty()) {
      // The peer's status promised more than it has (it may have pruned or be lagging): rest it a while.
      peerCooldownUntil.put(peer, nanoClock.getAsLong() + config.peerCooldownMs() * 1_000_000L);
      peerHeights.computeIfPresent(peer, (p, h) -> Math.min(h, range.from() - 1));
      requeue(range.excluding(peer));
      pump();
      return;
    }
    ready.putIfAbsent(range.from(), new Received(peer, range.from(), response.items()));
    if (response.items().size() < range.size()) {
      requeue(new Range(range.from() + response.items().size(), range.to(), range.excluded()));
    }
    pump();
  }

  /** Expires overdue requests (their ranges go to other peers) and issues new ones. */
  void tick() {
    long now = nanoClock.getAsLong();
    Iterator<InFlight> it = inFlight.values().iterator();
    List<InFlight> expired = new ArrayList<>();
    while (it.hasNext()) {
      InFlight f = it.next();
      if (now - f.deadlineNanos() >= 0) {
        it.remove();
        expired.add(f);
      }
    }
    for (InFlight f : expired) {
      LOG.debug("sync request timed out peer={} range={}..{}", f.peer().toHex(), f.range().from(), f.range().to());
      decrementInFlight(f.peer());
      peerCooldownUntil.put(f.peer(), now + config.peerCooldownMs() * 1_000_000L);
      requeue(f.range().excluding(f.peer()));
    }
    pump();
  }

  SyncStatus status() {
    long best = peerHeights.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return new SyncStatus(sink.height(), best, peerHeights.size(), inFlight.size(), ready.size());
  }

  private void pump() {
    deliver();
    if (!active) {
      return;
    }
    long local = sink.height();
    nextNewHeight = Math.max(nextNewHeight, local + 1);
    long target = peerHeights.values().stream().mapToLong(Long::longValue).max().orElse(local);
    long limit = Math.min(target, local + config.windowBlocks());
    while (inFlight.size() < config.requestsInFlightMax()) {
      Range range = nextRange(local, limit);
      if (range == null) {
        return;
      }
      Address peer = choosePeer(range);
      if (peer == null) {
        pending.put(range.from(), range);
        return;
      }
      long peerHeight = peerHeights.get(peer);
      if (peerHeight < range.to()) {
        pending.put(peerHeight + 1, new Range(peerHeight + 1, range.to(), range.excluded()));
        range = new Range(range.from(), peerHeight, range.excluded());
      }
      SyncMessage.GetBlocks request =
          new SyncMessage.GetBlocks(nextRequestId++, range.from(), range.to(), config.responseBytesMax());
      long now = nanoClock.getAsLong();
      peerLastAsked.put(peer, now);
      if (!transport.request(peer, request)) {
        peerCooldownUntil.put(peer, now + config.peerCooldownMs() * 1_000_000L);
        pending.put(range.from(), range);
        continue;
      }
      inFlight.put(request.requestId(), new InFlight(peer, range, now + config.requestTimeoutMs() * 1_000_000L));
      peerInFlight.merge(peer, 1, Integer::sum);
    }
  }

  /** The lowest range to ask for: a retry first, else new heights up to {@code limit}; null if none. */
  private Range nextRange(long local, long limit) {
    while (!pending.isEmpty()) {
      Range r = pending.pollFirstEntry().getValue();
      if (r.to() <= local) {
        continue;
      }
      if (r.from() <= local) {
        r = new Range(local + 1, r.to(), r.excluded());
      }
      return r;
    }
    if (nextNewHeight > limit) {
      return null;
    }
    long to = Math.min(limit, nextNewHeight + config.blocksPerRequest() - 1);
    Range r = new Range(nextNewHeight, to, Set.of());
    nextNewHeight = to + 1;
    return r;
  }

  /**
   * A peer that has the range's first height, is not resting and has room: the least loaded, then the least
   * recently asked, preferring peers the range has not failed with.
   */
  private Address choosePeer(Range range) {
    Address best = choosePeer(range, true);
    return best != null ? best : choosePeer(range, false);
  }

  private Address choosePeer(Range range, boolean honourExclusions) {
    long now = nanoClock.getAsLong();
    Address best = null;
    int bestLoad = Integer.MAX_VALUE;
    long bestAsked = Long.MAX_VALUE;
    for (Map.Entry<Address, Long> e : peerHeights.entrySet()) {
      Address peer = e.getKey();
      if (e.getValue() < range.from() || (honourExclusions && range.excluded().contains(peer))) {
        continue;
      }
      Long resting = peerCooldownUntil.get(peer);
      if (resting != null && now - resting < 0) {
        continue;
      }
      int load = peerInFlight.getOrDefault(peer, 0);
      if (load >= config.requestsPerPeerMax()) {
        continue;
      }
      long asked = peerLastAsked.getOrDefault(peer, Long.MIN_VALUE);
      if (load < bestLoad || (load == bestLoad && asked < bestAsked)) {
        best = peer;
        bestLoad = load;
        bestAsked = asked;
      }
    }
    return best;
  }

  /** Hands every response that continues the local chain to the sink, in height order. */
  private void deliver() {
    while (!ready.isEmpty()) {
      long local = sink.height();
      Received r = ready.firstEntry().getValue();
      if (r.to() <= local) {
        ready.pollFirstEntry();
        continue;
      }
      if (r.from() > local + 1) {
        return;
      }
      ready.pollFirstEntry();
      List<byte[]> items = r.items().subList((int) (local + 1 - r.from()), r.items().size());
      try {
        sink.apply(local + 1, items);
      } catch (SyncRejectedException rejected) {
        long bad = local + 1 + Math.min(rejected.acceptedCount(), items.size());
        LOG.info("sync batch rejected peer={} height={} reason={}", r.peer().toHex(), bad, rejected.getMessage());
        transport.penalise(r.peer(), "sync batch rejected at height " + bad + ": " + rejected.getMessage());
        if (bad <= r.to()) {
          requeue(new Range(bad, r.to(), Set.of(r.peer())));
        }
        continue;
      } catch (RuntimeException bug) {
        LOG.error("sync sink failed from height {}", local + 1, bug);
        requeue(new Range(local + 1, r.to(), Set.of()));
        return;
      }
      if (sink.height() <= local) {
        LOG.error("sync sink applied nothing from height {} without rejecting; retrying later", local + 1);
        requeue(new Range(local + 1, r.to(), Set.of()));
        return;
      }
    }
  }

  private void requeue(Range range) {
    Range existing = pending.get(range.from());
    if (existing == null || existing.to() < range.to()) {
      pending.put(range.from(), range);
    }
  }

  private void decrementInFlight(Address peer) {
    peerInFlight.computeIfPresent(peer, (p, n) -> n <= 1 ? null : n - 1);
  }
}
