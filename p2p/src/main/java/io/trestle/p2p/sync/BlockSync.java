package io.trestle.p2p.sync;

import io.trestle.core.Address;
import io.trestle.p2p.P2pNetwork;
import io.trestle.p2p.PeerListener;
import io.trestle.p2p.ProtocolException;
import io.trestle.p2p.ProtocolOptions;
import io.trestle.p2p.Protocols;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block sync on {@link Protocols#BLOCK_SYNC} (ADR 0204): serves this node's blocks from a {@link SyncSource},
 * exchanges {@link SyncMessage.Status} on connect and every {@link SyncConfig#statusIntervalMs()}, and runs a
 * {@link BlockSyncer} that fills the {@link SyncSink} from peers that are ahead.
 *
 * <p>Construct before {@link P2pNetwork#start}, {@link #start()} when the node is ready to apply blocks. Two
 * threads: {@code p2p-sync-<name>} runs the syncer and the sink, {@code p2p-sync-serve-<name>} reads blocks
 * for peers, so serving never delays applying.
 */
public final class BlockSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockSync.class);
  private static final int SERVE_QUEUE_MAX = 64;

  private final P2pNetwork network;
  private final SyncSource source;
  private final SyncConfig config;
  private final BlockSyncer syncer;
  private final ScheduledExecutorService syncThread;
  private final ExecutorService serveThread;
  private final Map<Address, AtomicInteger> serving = new ConcurrentHashMap<>();
  private volatile SyncStatus status;

  public BlockSync(P2pNetwork network, SyncSource source, SyncSink sink, SyncConfig config) {
    this.network = Objects.requireNonNull(network, "network");
    this.source = Objects.requireNonNull(source, "source");
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(sink, "sink");
    String name = network.config().name().isEmpty() ? network.localAddress().toHex().substring(0, 10)
        : network.config().name();
    ScheduledThreadPoolExecutor sync = new ScheduledThreadPoolExecutor(1, daemon("p2p-sync-" + name));
    sync.setRemoveOnCancelPolicy(true);
    this.syncThread = sync;
    this.serveThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(SERVE_QUEUE_MAX), daemon("p2p-sync-serve-" + name));
    this.syncer = new BlockSyncer(sink, config, new NetworkTransport(), System::nanoTime);
    this.status = new SyncStatus(0, 0, 0, 0, 0);
    network.register(Protocols.BLOCK_SYNC, ProtocolOptions.onIoThread(SyncMessage.PAYLOAD_BYTES_MAX), this::onMessage);
    network.addListener(new PeerListener() {
      @Override
      public void onConnected(Address peer) {
        onSyncThread(() -> sendStatus(peer));
      }

      @Override
      public void onDisconnected(Address peer, String reason) {
        serving.remove(peer);
        onSyncThread(() -> syncer.onPeerGone(peer));
      }
    });
  }

  /** Starts fetching from peers that are ahead, and the periodic status and timeout ticks. */
  public void start() {
    onSyncThread(syncer::activate);
    syncThread.scheduleWithFixedDelay(this::broadcastStatus, config.statusIntervalMs(), config.statusIntervalMs(),
        TimeUnit.MILLISECONDS);
    syncThread.scheduleWithFixedDelay(() -> run(syncer::tick), config.tickIntervalMs(), config.tickIntervalMs(),
        TimeUnit.MILLISECONDS);
  }

  /** Tells every peer our status now (e.g. after a commit), besides the periodic broadcast. */
  public void announce() {
    onSyncThread(this::broadcastStatus);
  }

  /**
   * Tells sync that {@code peer} has committed at least up to {@code height} — e.g. the consensus engine asked
   * for a range it saw certified — so fetching starts without waiting for the peer's next status. The node maps
   * the engine's sync request onto this; the range is fetched from every peer that has it, not only this one.
   */
  public void peerReached(Address peer, long height) {
    if (height < 0) {
      throw new IllegalArgumentException("height must be non-negative, got " + height);
    }
    onSyncThread(() -> syncer.onHint(peer, height));
  }

  /** A snapshot, refreshed after every sync event. */
  public SyncStatus status() {
    return status;
  }

  @Override
  public void close() {
    syncThread.shutdownNow();
    serveThread.shutdownNow();
    try {
      syncThread.awaitTermination(5, TimeUnit.SECONDS);
      serveThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onMessage(Address peer, byte[] payload) {
    SyncMessage message;
    try {
      message = SyncMessage.decode(payload);
    } catch (ProtocolException e) {
      network.reportMisbehaviour(peer, "sync: " + e.getMessage());
      return;
    }
    if (message instanceof SyncMessage.Status s) {
      onSyncThread(() -> syncer.onStatus(peer, s.height()));
    } else if (message instanceof SyncMessage.Blocks b) {
      onSyncThread(() -> syncer.onBlocks(peer, b));
    } else if (message instanceof SyncMessage.GetBlocks g) {
      onRequest(peer, g);
    }
  }

  private void onRequest(Address peer, SyncMessage.GetBlocks request) {
    AtomicInteger count = serving.computeIfAbsent(peer, p -> new AtomicInteger());
    if (count.incrementAndGet() > config.servePendingPerPeerMax()) {
      count.decrementAndGet();
      network.reportMisbehaviour(peer, "sync: more than " + config.servePendingPerPeerMax() + " requests at once");
      return;
    }
    try {
      serveThread.execute(() -> {
        try {
          serve(peer, request);
        } finally {
          count.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException busy) {
      count.decrementAndGet();
      LOG.warn("sync serving queue full, request dropped peer={}", peer.toHex());
    }
  }

  private void serve(Address peer, SyncMessage.GetBlocks request) {
    List<byte[]> items;
    try {
      long height = source.height();
      long to = Math.min(Math.min(request.toHeight(), height), request.fromHeight() + config.serveBlocksMax() - 1);
      items = request.fromHeight() > to ? List.of()
          : fit(source.blocksWithCertificates(request.fromHeight(), to, request.bytesMax()), to - request.fromHeight() + 1,
              request.bytesMax());
    } catch (RuntimeException bug) {
      LOG.error("sync source failed on {}..{}", request.fromHeight(), request.toHeight(), bug);
      items = List.of();
    }
    network.send(peer, Protocols.BLOCK_SYNC, new SyncMessage.Blocks(request.requestId(), request.fromHeight(), items)
        .encode());
  }

  /**
   * The longest prefix of {@code items} within {@code count} heights and {@code bytesMax}; the first item is
   * kept even over {@code bytesMax} as long as it fits a message at all, so one large block cannot stall sync.
   */
  static List<byte[]> fit(List<byte[]> items, long count, int bytesMax) {
    List<byte[]> out = new ArrayList<>();
    long bytes = SyncMessage.Blocks.HEADER_BYTES;
    for (byte[] item : items) {
      if (item == null || out.size() >= count) {
        break;
      }
      long next = bytes + SyncMessage.Blocks.ITEM_HEADER_BYTES + item.length;
      boolean fitsSoft = next <= bytesMax;
      boolean fitsHard = next <= SyncMessage.PAYLOAD_BYTES_MAX;
      if (!fitsHard || (!fitsSoft && !out.isEmpty())) {
        break;
      }
      out.add(item);
      bytes = next;
    }
    return out;
  }

  private void sendStatus(Address peer) {
    network.send(peer, Protocols.BLOCK_SYNC, localStatus().encode());
  }

  private void broadcastStatus() {
    try {
      network.broadcast(Protocols.BLOCK_SYNC, localStatus().encode());
    } catch (RuntimeException bug) {
      LOG.error("sync status broadcast failed", bug);
    }
    status = syncer.status();
  }

  private SyncMessage.Status localStatus() {
    return new SyncMessage.Status(source.height(), source.headHash());
  }

  private void onSyncThread(Runnable task) {
    try {
      syncThread.execute(() -> run(task));
    } catch (RejectedExecutionException closed) {
      LOG.debug("sync is closed; event dropped");
    }
  }

  /** Runs a sync event, keeping the thread alive through a bug and refreshing the status snapshot. */
  private void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException bug) {
      LOG.error("sync event failed", bug);
    }
    status = syncer.status();
  }

  private final class NetworkTransport implements BlockSyncer.Transport {
    @Override
    public boolean request(Address peer, SyncMessage.GetBlocks request) {
      return network.send(peer, Protocols.BLOCK_SYNC, request.encode());
    }

    @Override
    public void penalise(Address peer, String reason) {
      network.reportMisbehaviour(peer, reason);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
