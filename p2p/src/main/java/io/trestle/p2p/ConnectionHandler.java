package io.trestle.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one connection, on its event loop: hello, auth, then encrypted frames until it closes. Every
 * failure closes the connection; junk also bans the sender (its host before authentication, its address
 * after). Nothing a peer sends can throw out of this handler.
 */
final class ConnectionHandler extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
  private static final byte[] EMPTY = new byte[0];

  private enum Phase { HELLO, AUTH, SESSION, CLOSED }

  private final P2pNetwork network;
  private final PeerInfo.Direction direction;
  private final Dialer dialer;
  private final long dialAttempt;
  private final FrameDecoder frameDecoder;
  private Phase phase = Phase.HELLO;
  private Handshake handshake;
  private Session session;
  private boolean authenticated;
  private boolean holdsPendingSlot;
  private ScheduledFuture<?> handshakeTimer;
  private String closeReason;
  private InetAddress remoteHost;
  private String remote = "?";

  ConnectionHandler(P2pNetwork network, PeerInfo.Direction direction, Dialer dialer, long dialAttempt,
      FrameDecoder frameDecoder) {
    this.network = network;
    this.direction = direction;
    this.dialer = dialer;
    this.dialAttempt = dialAttempt;
    this.frameDecoder = frameDecoder;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress address) {
      remoteHost = address.getAddress();
      remote = address.getHostString() + ":" + address.getPort();
    }
    if (direction == PeerInfo.Direction.INBOUND) {
      if (remoteHost != null && network.isHostBanned(remoteHost)) {
        close(ctx, "host is banned");
        return;
      }
      if (!network.reservePendingHandshake()) {
        close(ctx, "too many pending handshakes");
        return;
      }
      holdsPendingSlot = true;
    }
    Handshake.Role role = direction == PeerInfo.Direction.OUTBOUND ? Handshake.Role.INITIATOR : Handshake.Role.RESPONDER;
    handshake = network.newHandshake(role);
    ctx.writeAndFlush(Frames.encode(ctx.alloc(), handshake.hello()));
    handshakeTimer = ctx.executor().schedule(() -> {
      if (phase == Phase.HELLO || phase == Phase.AUTH) {
        refuse(ctx, "handshake did not finish within " + network.config().handshakeTimeoutMs() + " ms");
      }
    }, network.config().handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FrameDecoder.FrameError error) {
      junk(ctx, error.reason());
      return;
    }
    if (!(msg instanceof ByteBuf frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    byte[] bytes;
    try {
      bytes = ByteBufUtil.getBytes(frame);
    } finally {
      frame.release();
    }
    switch (phase) {
      case HELLO -> onHello(ctx, bytes);
      case AUTH -> onAuth(ctx, bytes);
      case SESSION -> onSessionFrame(ctx, bytes);
      case CLOSED -> { }
    }
  }

  private void onHello(ChannelHandlerContext ctx, byte[] bytes) {
    try {
      handshake.acceptPeerHello(bytes);
    } catch (HandshakeException e) {
      handshakeFailed(ctx, e);
      return;
    }
    phase = Phase.AUTH;
    if (handshake.role() == Handshake.Role.INITIATOR) {
      ctx.writeAndFlush(Frames.encode(ctx.alloc(), handshake.authFrame()));
    }
  }

  private void onAuth(ChannelHandlerContext ctx, byte[] bytes) {
    Handshake.Result result;
    try {
      result = handshake.onPeerAuth(bytes, network::precheck);
    } catch (HandshakeException e) {
      if (e.kind() == HandshakeException.Kind.SELF && handshake.role() == Handshake.Role.RESPONDER) {
        // The initiator proved it holds our own key: it is us. Answer, so our dialer learns it too and stops.
        ctx.writeAndFlush(Frames.encode(ctx.alloc(), handshake.authFrame()));
      }
      handshakeFailed(ctx, e);
      return;
    }
    authenticated = true;
    cancelHandshakeTimer();
    releasePendingSlot();
    try {
      session = network.admit(ctx.channel(), direction, dialer, result);
    } catch (HandshakeException refused) {
      handshakeFailed(ctx, refused);
      return;
    }
    if (handshake.role() == Handshake.Role.RESPONDER) {
      // before any session frame: the initiator reads our auth first
      ctx.writeAndFlush(Frames.encode(ctx.alloc(), handshake.authFrame()));
    }
    handshake = null;
    phase = Phase.SESSION;
    frameDecoder.frameBytesMax(Frames.SESSION_FRAME_BYTES_MAX);
    network.established(session);
  }

  private void onSessionFrame(ChannelHandlerContext ctx, byte[] bytes) {
    byte[] plaintext;
    Envelope envelope;
    try {
      plaintext = session.receive.open(bytes);
      envelope = Envelope.decode(plaintext);
    } catch (SessionCipher.CounterExhaustedException e) {
      close(ctx, e.getMessage());
      return;
    } catch (ProtocolException e) {
      misbehaved(ctx, "undecodable frame: " + e.getMessage());
      return;
    }
    if (envelope.protocol() == Protocols.KEEPALIVE) {
      return;
    }
    P2pNetwork.Registration registration = network.registration(envelope.protocol());
    if (registration == null) {
      misbehaved(ctx, "unknown protocol " + envelope.protocol());
      return;
    }
    if (envelope.payload().length > registration.options().payloadBytesMax()) {
      misbehaved(ctx, "protocol " + envelope.protocol() + " payload of " + envelope.payload().length
          + " bytes exceeds its limit " + registration.options().payloadBytesMax());
      return;
    }
    long pauseNanos = session.chargeInbound(bytes.length + Frames.HEADER_BYTES, System.nanoTime());
    if (pauseNanos > 0 && ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(false);
      ctx.executor().schedule(() -> {
        ctx.channel().config().setAutoRead(true);
      }, pauseNanos, TimeUnit.NANOSECONDS);
    }
    network.dispatch(registration, session.peer, envelope.payload());
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof Session.Outbound outbound)) {
      ctx.write(msg, promise);
      return;
    }
    if (phase != Phase.SESSION) {
      promise.setFailure(new IOException("connection is not in session"));
      return;
    }
    byte[] ciphertext;
    try {
      ciphertext = session.send.seal(Envelope.encode(outbound.protocol(), outbound.payload()));
    } catch (ProtocolException exhausted) {
      promise.setFailure(exhausted);
      close(ctx, exhausted.getMessage());
      return;
    }
    ctx.write(Frames.encode(ctx.alloc(), ciphertext), promise);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle && phase == Phase.SESSION) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        // from the tail, so the frame passes through our own write() to be encrypted
        ctx.channel().writeAndFlush(new Session.Outbound(Protocols.KEEPALIVE, EMPTY));
      } else if (idle.state() == IdleState.READER_IDLE) {
        close(ctx, "nothing received for " + network.config().idleTimeoutMs() + " ms");
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      close(ctx, "i/o error: " + cause.getMessage());
    } else {
      LOG.warn("connection error node={} remote={}", network.name(), remote, cause);
      close(ctx, "internal error: " + cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    phase = Phase.CLOSED;
    cancelHandshakeTimer();
    releasePendingSlot();
    String reason = closeReason != null ? closeReason : "connection closed by remote";
    if (session != null) {
      network.sessionClosed(session, reason);
    }
    if (dialer != null) {
      dialer.attemptEnded(dialAttempt, authenticated, reason);
    }
    ctx.fireChannelInactive();
  }

  /** Closes this connection from any thread; {@code reason} is what the disconnect event and log will say. */
  void closeFromOutside(ChannelHandlerContext ctx, String reason) {
    try {
      ctx.executor().execute(() -> close(ctx, reason));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      ctx.channel().close();
    }
  }

  private void handshakeFailed(ChannelHandlerContext ctx, HandshakeException e) {
    if (e.kind() == HandshakeException.Kind.SELF && dialer != null) {
      dialer.stopAsSelf();
    }
    if (e.isJunk()) {
      junk(ctx, "handshake: " + e.getMessage());
    } else {
      refuse(ctx, e.getMessage());
    }
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    if (phase != Phase.CLOSED) {
      LOG.info("handshake refused node={} remote={} direction={} reason={}", network.name(), remote,
          direction.name().toLowerCase(), reason);
    }
    close(ctx, "handshake refused: " + reason);
  }

  /** Bytes no honest peer sends: ban whoever we know the sender to be, then close. */
  private void junk(ChannelHandlerContext ctx, String reason) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (session != null) {
      misbehaved(ctx, reason);
      return;
    }
    if (remoteHost != null) {
      network.banHost(remoteHost, reason);
    }
    close(ctx, reason);
  }

  private void misbehaved(ChannelHandlerContext ctx, String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    network.reportMisbehaviour(session.peer, reason);
    close(ctx, reason);
  }

  private void close(ChannelHandlerContext ctx, String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    phase = Phase.CLOSED;
    ctx.close();
  }

  private void cancelHandshakeTimer() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
      handshakeTimer = null;
    }
  }

  private void releasePendingSlot() {
    if (holdsPendingSlot) {
      holdsPendingSlot = false;
      network.releasePendingHandshake();
    }
  }
}
