package io.trestle.p2p;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.trestle.core.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's peer-to-peer network: listens, dials static peers, authenticates and encrypts every connection
 * (ADR 0201), admits only addresses the {@link AdmissionPolicy} allows, keeps one connection per peer, and
 * carries opaque payloads tagged by protocol id (ADR 0200, 0202).
 *
 * <p>Lifecycle: construct, {@link #register} every protocol and {@link #addListener}, then {@link #start};
 * {@link #close} stops everything. Sending is thread-safe and never blocks.
 *
 * <p>Threads: one acceptor and {@link P2pConfig#ioThreads()} I/O threads, named
 * {@code p2p-<name>-accept-…} and {@code p2p-<name>-io-…}. Timers run on one of the I/O threads.
 */
public final class P2pNetwork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);

  private final NodeIdentity identity;
  private final Address self;
  private final P2pConfig config;
  private final String name;
  private final SecureRandom random = new SecureRandom();
  private final Map<Integer, Registration> registrations = new ConcurrentHashMap<>();
  private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Address, Session> sessions = new ConcurrentHashMap<>();
  private final Map<PeerEndpoint, Dialer> dialers = new ConcurrentHashMap<>();
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final BanList bans = new BanList();
  private final AtomicInteger pendingHandshakes = new AtomicInteger();
  private volatile AdmissionPolicy admission;
  private volatile boolean started;
  private volatile boolean closed;
  private EventLoopGroup acceptGroup;
  private EventLoopGroup ioGroup;
  private EventLoop timer;
  private Bootstrap dialBootstrap;
  private Channel serverChannel;

  public P2pNetwork(NodeIdentity identity, AdmissionPolicy admission, P2pConfig config) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.admission = Objects.requireNonNull(admission, "admission");
    this.config = Objects.requireNonNull(config, "config");
    this.self = identity.address();
    this.name = config.name().isEmpty() ? self.toHex().substring(0, 10) : config.name();
  }

  // ---------------------------------------------------------------- public API

  /** Handles {@code protocol} on the I/O thread with payloads up to {@link ProtocolOptions#DEFAULT_PAYLOAD_BYTES_MAX}. */
  public void register(int protocol, MessageHandler handler) {
    register(protocol, ProtocolOptions.onIoThread(ProtocolOptions.DEFAULT_PAYLOAD_BYTES_MAX), handler);
  }

  /**
   * Handles {@code protocol} as {@code options} say. Must happen before {@link #start}: a message on a protocol
   * nobody registered gets its sender banned.
   */
  public void register(int protocol, ProtocolOptions options, MessageHandler handler) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(handler, "handler");
    requireProtocol(protocol);
    if (started) {
      throw new IllegalStateException("register protocol " + protocol + " before start()");
    }
    if (registrations.putIfAbsent(protocol, new Registration(options, handler)) != null) {
      throw new IllegalStateException("protocol " + protocol + " is already registered");
    }
  }

  public void addListener(PeerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Listens on {@code listenHost:port} (port 0 picks a free one) and starts dialing the configured static
   * peers. Returns the bound address.
   */
  public synchronized InetSocketAddress start(String listenHost, int port) throws IOException {
    if (started || closed) {
      throw new IllegalStateException("network already " + (closed ? "closed" : "started"));
    }
    acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("p2p-" + name + "-accept", true),
        NioIoHandler.newFactory());
    ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("p2p-" + name + "-io", true),
        NioIoHandler.newFactory());
    timer = ioGroup.next();
    ServerBootstrap server = new ServerBootstrap()
        .group(acceptGroup, ioGroup)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(initializer(PeerInfo.Direction.INBOUND, null, 0));
    try {
      serverChannel = server.bind(listenHost, port).sync().channel();
    } catch (Exception e) {
      shutdownGroups();
      throw new IOException("cannot listen on " + listenHost + ":" + port + ": " + e.getMessage(), e);
    }
    dialBootstrap = new Bootstrap()
        .group(ioGroup)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMs());
    started = true;
    timer.scheduleAtFixedRate(this::maintain, config.maintenanceIntervalMs(), config.maintenanceIntervalMs(),
        TimeUnit.MILLISECONDS);
    InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
    LOG.info("p2p listening node={} address={} on={}:{}", name, self.toHex(), bound.getHostString(), bound.getPort());
    config.staticPeers().forEach(this::addStaticPeer);
    return bound;
  }

  /** Dials {@code endpoint} now and keeps it connected until {@link #close}. Requires {@link #start}. */
  public void addStaticPeer(PeerEndpoint endpoint) {
    if (!started) {
      throw new IllegalStateException("start() the network before adding peers");
    }
    Dialer dialer = dialers.computeIfAbsent(endpoint, e -> new Dialer(this, e));
    dialer.maybeDial();
  }

  /**
   * Queues {@code payload} for {@code peer}. False when the peer is not connected, or its outbound queue is full
   * (the connection is then closed and re-established, so a queued message is never silently skipped on a
   * connection that stays up). The array must not be modified afterwards.
   */
  public boolean send(Address peer, int protocol, byte[] payload) {
    requireSendable(protocol, payload);
    Session session = sessions.get(peer);
    return session != null && sendTo(session, protocol, payload);
  }

  /** Queues {@code payload} for every connected peer; returns how many accepted it. */
  public int broadcast(int protocol, byte[] payload) {
    return broadcastExcept(null, protocol, payload);
  }

  /** Like {@link #broadcast} but skips {@code excluded} (gossip does not echo to its source); null skips none. */
  public int broadcastExcept(Address excluded, int protocol, byte[] payload) {
    requireSendable(protocol, payload);
    int sent = 0;
    for (Session session : sessions.values()) {
      if (!session.peer.equals(excluded) && sendTo(session, protocol, payload)) {
        sent++;
      }
    }
    return sent;
  }

  /** Connected peers, and static peers not connected with why. */
  public List<PeerInfo> peers() {
    List<PeerInfo> out = new ArrayList<>();
    for (Session s : sessions.values()) {
      out.add(new PeerInfo(Optional.of(s.peer), remoteOf(s.channel), PeerState.CONNECTED, s.direction, s.connectedAtMs));
    }
    for (Dialer d : dialers.values()) {
      PeerInfo info = d.info();
      if (info.state() != PeerState.CONNECTED) {
        out.add(info);
      }
    }
    return out;
  }

  public Set<Address> connectedPeers() {
    return Set.copyOf(sessions.keySet());
  }

  public boolean isConnected(Address peer) {
    return sessions.containsKey(peer);
  }

  /** Replaces the admission policy and drops connections it no longer admits. */
  public void setAdmissionPolicy(AdmissionPolicy policy) {
    admission = Objects.requireNonNull(policy, "policy");
    admissionChanged();
  }

  /** Re-asks the policy about every connected peer now; call it when the admitted set changes. */
  public void admissionChanged() {
    // No lock here: the maintenance tick calls this on an event-loop thread, and start() holds the network's lock
    // while it waits for that loop to bind.
    AdmissionPolicy policy = admission;
    for (Session s : sessions.values()) {
      if (!policy.admits(s.peer)) {
        LOG.info("peer no longer admitted, disconnecting node={} address={}", name, s.peer.toHex());
        closeSession(s, "no longer admitted");
      }
    }
  }

  /**
   * Bans {@code peer} for {@link P2pConfig#banMs()} and drops its connection: for handlers that find a peer
   * sent something invalid (e.g. a consensus message with a bad signature).
   */
  public void reportMisbehaviour(Address peer, String reason) {
    bans.ban(peer, config.banMs(), System.nanoTime());
    LOG.warn("peer banned address={} reason={} banMs={} node={}", peer.toHex(), reason, config.banMs(), name);
    Session session = sessions.get(peer);
    if (session != null) {
      closeSession(session, "banned: " + reason);
    }
    for (PeerListener l : listeners) {
      try {
        l.onBanned(peer, reason);
      } catch (RuntimeException bug) {
        LOG.error("peer listener failed on a ban node={}", name, bug);
      }
    }
  }

  public boolean isBanned(Address peer) {
    return bans.isBanned(peer, System.nanoTime());
  }

  /** This node's address (its identity on the network). */
  public Address localAddress() {
    return self;
  }

  public P2pConfig config() {
    return config;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    dialers.values().forEach(Dialer::stop);
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    List<ChannelFuture> closing = new ArrayList<>();
    for (Channel c : channels) {
      closing.add(c.close());
    }
    for (ChannelFuture f : closing) {
      f.awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    shutdownGroups();
    LOG.info("p2p closed node={}", name);
  }

  // ---------------------------------------------------------------- package-private: connection hooks

  String name() {
    return name;
  }

  Handshake newHandshake(Handshake.Role role) {
    return new Handshake(identity, role, random, config.framesPerDirectionMax());
  }

  boolean reservePendingHandshake() {
    if (pendingHandshakes.incrementAndGet() > config.pendingHandshakesMax()) {
      pendingHandshakes.decrementAndGet();
      return false;
    }
    return true;
  }

  void releasePendingHandshake() {
    pendingHandshakes.decrementAndGet();
  }

  boolean isHostBanned(InetAddress host) {
    return bans.isBanned(host, System.nanoTime());
  }

  void banHost(InetAddress host, String reason) {
    if (config.unauthenticatedBanMs() == 0) {
      LOG.info("junk from unauthenticated host node={} host={} reason={}", name, host.getHostAddress(), reason);
      return;
    }
    bans.ban(host, config.unauthenticatedBanMs(), System.nanoTime());
    LOG.warn("peer banned address={} reason={} banMs={} authenticated=false node={}", host.getHostAddress(), reason,
        config.unauthenticatedBanMs(), name);
  }

  long banRemainingMs(Address peer) {
    return bans.remainingMs(peer, System.nanoTime());
  }

  /** The cheap part of {@link #admit}, run on a peer's claimed address before its signature is verified. */
  void precheck(Address claimed) throws HandshakeException {
    long now = System.nanoTime();
    if (bans.isBanned(claimed, now)) {
      throw refused("address " + claimed.toHex() + " is banned for " + bans.remainingMs(claimed, now) + " ms more");
    }
    if (!admission.admits(claimed)) {
      throw refused("address " + claimed.toHex() + " is not admitted");
    }
  }

  /**
   * Decides whether an authenticated connection becomes the session with its peer: refused when the peer is
   * banned, not admitted, not the node the dialed endpoint promised, over the peer limit, or a duplicate that
   * loses to the existing connection. Of two connections between the same pair the one opened by the lower
   * address wins on both ends; with the same opener, the newer wins (the older is likely dead).
   */
  Session admit(Channel channel, PeerInfo.Direction direction, Dialer dialer, Handshake.Result keys)
      throws HandshakeException {
    Address peer = keys.peerAddress();
    long now = System.nanoTime();
    Session fresh;
    Session replaced = null;
    synchronized (this) {
      if (closed) {
        throw refused("network is closing");
      }
      if (dialer != null) {
        Optional<Address> expected = dialer.endpoint.expectedAddress();
        if (expected.isPresent() && !expected.get().equals(peer)) {
          throw refused("endpoint " + dialer.endpoint + " answered as " + peer.toHex());
        }
        dialer.learned(peer);
      }
      if (bans.isBanned(peer, now)) {
        throw refused("address " + peer.toHex() + " is banned for " + bans.remainingMs(peer, now) + " ms more");
      }
      if (!admission.admits(peer)) {
        throw refused("address " + peer.toHex() + " is not admitted");
      }
      fresh = new Session(peer, channel, direction, keys, config, now);
      Session existing = sessions.get(peer);
      if (existing != null) {
        Address lower = self.compareTo(peer) < 0 ? self : peer;
        boolean existingByLower = existing.initiator(self).equals(lower);
        boolean freshByLower = fresh.initiator(self).equals(lower);
        if (existingByLower && !freshByLower) {
          throw refused("duplicate connection; keeping the one " + lower.toHex() + " opened");
        }
        replaced = existing;
        fresh.firstForPeer = false;
      } else if (sessions.size() >= config.peersMax()) {
        throw refused("peer limit " + config.peersMax() + " reached");
      } else {
        fresh.firstForPeer = true;
      }
      sessions.put(peer, fresh);
    }
    if (replaced != null) {
      closeSession(replaced, "replaced by a duplicate connection");
    }
    return fresh;
  }

  /** The session is live: log and tell listeners (once per peer). */
  void established(Session session) {
    LOG.info("peer connected node={} address={} direction={} remote={}", name, session.peer.toHex(),
        session.direction.name().toLowerCase(), remoteOf(session.channel));
    if (session.firstForPeer) {
      for (PeerListener l : listeners) {
        try {
          l.onConnected(session.peer);
        } catch (RuntimeException bug) {
          LOG.error("peer listener failed on connect node={}", name, bug);
        }
      }
    }
  }

  void sessionClosed(Session session, String reason) {
    if (!sessions.remove(session.peer, session)) {
      LOG.debug("duplicate connection closed node={} address={} reason={}", name, session.peer.toHex(), reason);
      return;
    }
    LOG.info("peer disconnected node={} address={} reason={}", name, session.peer.toHex(), reason);
    for (PeerListener l : listeners) {
      try {
        l.onDisconnected(session.peer, reason);
      } catch (RuntimeException bug) {
        LOG.error("peer listener failed on disconnect node={}", name, bug);
      }
    }
    for (Dialer d : dialers.values()) {
      if (d.knownAddress().filter(session.peer::equals).isPresent()) {
        d.peerLost();
      }
    }
  }

  Registration registration(int protocol) {
    return registrations.get(protocol);
  }

  void dispatch(Registration registration, Address peer, byte[] payload) {
    Executor executor = registration.options().executor();
    if (executor == null) {
      invoke(registration, peer, payload);
      return;
    }
    try {
      executor.execute(() -> invoke(registration, peer, payload));
    } catch (RejectedExecutionException rejected) {
      LOG.warn("handler executor rejected a message node={} peer={}", name, peer.toHex());
    }
  }

  void dial(Dialer dialer, long attempt) {
    if (closed) {
      dialer.attemptEnded(attempt, false, "network closed");
      return;
    }
    Bootstrap b = dialBootstrap.clone().handler(initializer(PeerInfo.Direction.OUTBOUND, dialer, attempt));
    b.connect(dialer.endpoint.host(), dialer.endpoint.port()).addListener(f -> {
      if (!f.isSuccess()) {
        dialer.attemptEnded(attempt, false, "connect failed: " + f.cause());
      }
    });
  }

  void schedule(Runnable task, long delayMs) {
    if (closed || timer == null) {
      return;
    }
    try {
      timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      LOG.debug("timer rejected a task while shutting down node={}", name);
    }
  }

  /** A registered protocol. */
  record Registration(ProtocolOptions options, MessageHandler handler) {}

  // ---------------------------------------------------------------- internals

  private boolean sendTo(Session session, int protocol, byte[] payload) {
    return session.send(protocol, payload, () -> {
      LOG.warn("peer outbound queue full, disconnecting node={} address={} queuedMessages={} queuedBytes={}", name,
          session.peer.toHex(), session.queuedMessages(), session.queuedBytes());
      closeSession(session, "outbound queue full");
    });
  }

  private void closeSession(Session session, String reason) {
    ChannelHandlerContext ctx = session.channel.pipeline().context(ConnectionHandler.class);
    if (ctx == null) {
      session.channel.close();
      return;
    }
    ((ConnectionHandler) ctx.handler()).closeFromOutside(ctx, reason);
  }

  private void invoke(Registration registration, Address peer, byte[] payload) {
    try {
      registration.handler().onMessage(peer, payload);
    } catch (RuntimeException bug) {
      LOG.error("message handler failed node={} peer={}", name, peer.toHex(), bug);
    }
  }

  private void maintain() {
    try {
      bans.expire(System.nanoTime());
      admissionChanged();
      for (Dialer d : dialers.values()) {
        d.maybeDial();
      }
    } catch (RuntimeException bug) {
      // a failing admission policy must not stop the tick for good: the next one tries again
      LOG.error("p2p maintenance failed node={}", name, bug);
    }
  }

  private ChannelInitializer<SocketChannel> initializer(PeerInfo.Direction direction, Dialer dialer, long attempt) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (closed) {
          ch.close();
          return;
        }
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
        FrameDecoder frames = new FrameDecoder(Frames.HANDSHAKE_FRAME_BYTES_MAX);
        ch.pipeline()
            .addLast("frames", frames)
            .addLast("idle", new IdleStateHandler(config.idleTimeoutMs(), config.keepaliveIntervalMs(), 0,
                TimeUnit.MILLISECONDS))
            .addLast("connection", new ConnectionHandler(P2pNetwork.this, direction, dialer, attempt, frames));
      }
    };
  }

  private void shutdownGroups() {
    List<io.netty.util.concurrent.Future<?>> stopping = new ArrayList<>();
    if (acceptGroup != null) {
      stopping.add(acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }
    if (ioGroup != null) {
      stopping.add(ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }
    for (io.netty.util.concurrent.Future<?> f : stopping) {
      f.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  private void requireSendable(int protocol, byte[] payload) {
    requireProtocol(protocol);
    Registration r = registrations.get(protocol);
    int limit = r == null ? Frames.PAYLOAD_BYTES_MAX : r.options().payloadBytesMax();
    if (payload.length > limit) {
      throw new IllegalArgumentException(
          "protocol " + protocol + " payload of " + payload.length + " bytes exceeds its limit " + limit);
    }
  }

  private static void requireProtocol(int protocol) {
    if (protocol <= Protocols.KEEPALIVE || protocol > Protocols.MAX) {
      throw new IllegalArgumentException("protocol must be 1.." + Protocols.MAX + ", got " + protocol);
    }
  }

  private static HandshakeException refused(String message) {
    return new HandshakeException(HandshakeException.Kind.REFUSED, message);
  }

  private static String remoteOf(Channel channel) {
    return channel.remoteAddress() instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : "?";
  }
}
