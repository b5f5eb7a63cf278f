package io.trestle.rpc.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.trestle.rpc.eth.SubscriptionHub;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import io.trestle.rpc.jsonrpc.RpcMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: requests run on the RPC worker pool like HTTP ones (a bounded number at a time per
 * connection), answers and notifications share one outbound queue with a byte limit, and the connection's
 * subscriptions end with it.
 */
final class WsConnection extends ChannelInboundHandlerAdapter implements SubscriptionHub.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
  /** RFC 6455 close codes. */
  static final int CLOSE_GOING_AWAY = 1001;
  static final int CLOSE_POLICY_VIOLATION = 1008;
  static final int CLOSE_TOO_BIG = 1009;

  private final WebSocketRpc.Settings settings;
  private final JsonRpcProcessor processor;
  private final ExecutorService workers;
  private final SubscriptionHub hub;
  private final WebSocketRpc endpoint;
  private final AtomicLong outboundBytes = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Set<String> subscriptionIds = new HashSet<>();
  private volatile Channel channel;

  WsConnection(WebSocketRpc.Settings settings, JsonRpcProcessor processor, ExecutorService workers,
      SubscriptionHub hub, WebSocketRpc endpoint) {
    this.settings = settings;
    this.processor = processor;
    this.workers = workers;
    this.hub = hub;
    this.endpoint = endpoint;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      // subscribers may listen quietly for hours: keep-alive is by ping instead of the HTTP read timeout
      if (ctx.pipeline().get(ReadTimeoutHandler.class) != null) {
        ctx.pipeline().remove(ReadTimeoutHandler.class);
      }
      ctx.pipeline().addFirst("ws-idle", new IdleStateHandler(settings.idleTimeoutSeconds(),
          settings.pingIntervalSeconds(), 0, TimeUnit.SECONDS));
      return;
    }
    if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      } else if (idle.state() == IdleState.READER_IDLE) {
        close(CLOSE_GOING_AWAY, "idle for " + settings.idleTimeoutSeconds() + " s without an answer to pings");
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
        onMessage(ByteBufUtil.getBytes(((io.netty.handler.codec.http.websocketx.WebSocketFrame) msg).content()));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onMessage(byte[] body) {
    if (closing.get()) {
      return;
    }
    if (inFlight.incrementAndGet() > settings.inFlightMax()) {
      inFlight.decrementAndGet();
      send(JsonRpcProcessor.error(NullNode.getInstance(), RpcException.LIMIT_EXCEEDED,
          "too many requests in flight on this connection (the limit is " + settings.inFlightMax()
              + "); wait for answers before sending more"));
      return;
    }
    try {
      workers.execute(() -> serve(body));
    } catch (RejectedExecutionException busy) {
      inFlight.decrementAndGet();
      send(JsonRpcProcessor.error(NullNode.getInstance(), RpcException.LIMIT_EXCEEDED, "server busy, retry later"));
    }
  }

  private void serve(byte[] body) {
    List<SubscriptionHub.Subscription> started = new ArrayList<>();
    try {
      Map<String, RpcMethod> local = Map.of(
          "eth_subscribe", p -> subscribe(p, started),
          "eth_unsubscribe", this::unsubscribe);
      JsonNode response = processor.handle(body, local);
      if (response != null) {
        send(response);
      }
      // only now: the client learns a subscription's id before its first notification
      for (SubscriptionHub.Subscription s : started) {
        hub.activate(s);
      }
      if (!channel.isActive()) {
        hub.removeAll(this);
      }
    } catch (RuntimeException e) {
      LOG.warn("websocket request failed error={}", e.toString(), e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private JsonNode subscribe(Params p, List<SubscriptionHub.Subscription> started) throws RpcException {
    p.atMost(2);
    synchronized (subscriptionIds) {
      if (subscriptionIds.size() >= settings.subscriptionsMax()) {
        throw new RpcException(RpcException.LIMIT_EXCEEDED, "too many subscriptions on this connection (the limit is "
            + settings.subscriptionsMax() + "); eth_unsubscribe some first");
      }
      if (!channel.isActive() || closing.get()) {
        throw RpcException.server("connection closing");
      }
      SubscriptionHub.Subscription s = hub.subscribe(this, p.required(0, "subscription name"), p.optional(1));
      subscriptionIds.add(s.id());
      started.add(s);
      return TextNode.valueOf(s.id());
    }
  }

  private JsonNode unsubscribe(Params p) throws RpcException {
    String id = p.atMost(1).requiredString(0, "subscription id");
    synchronized (subscriptionIds) {
      subscriptionIds.remove(id);
    }
    return BooleanNode.valueOf(hub.unsubscribe(this, id));
  }

  // ---- the outbound side ----

  @Override
  public boolean send(JsonNode message) {
    byte[] bytes = JsonRpcProcessor.toBytes(message);
    long size = bytes.length;
    if (closing.get() || !channel.isActive()) {
      return false;
    }
    long queued = outboundBytes.addAndGet(size);
    if (queued > settings.outboundBytesMax()) {
      outboundBytes.addAndGet(-size);
      close(CLOSE_POLICY_VIOLATION, "consumer too slow: more than " + settings.outboundBytesMax()
          + " bytes queued towards it");
      return false;
    }
    channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))).addListener(f -> {
      long left = outboundBytes.addAndGet(-size);
      if (left + size > congestionBytes() && left <= congestionBytes()) {
        hub.signal();
      }
    });
    return true;
  }

  private long congestionBytes() {
    return settings.outboundBytesMax() / 2;
  }

  @Override
  public boolean congested() {
    return outboundBytes.get() > congestionBytes();
  }

  @Override
  public void closeAsSlow(String reason) {
    close(CLOSE_POLICY_VIOLATION, reason);
  }

  /** Sends a close frame with the reason, then closes even if the client never reads it. */
  void close(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    LOG.info("closing websocket remote={} code={} reason={}", channel.remoteAddress(), code, reason);
    hub.removeAll(this);
    String shortReason = reason.length() > 120 ? reason.substring(0, 120) : reason;
    channel.writeAndFlush(new CloseWebSocketFrame(code, shortReason)).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> channel.close(), 1, TimeUnit.SECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closing.set(true);
    hub.removeAll(this);
    endpoint.connectionClosed();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      close(CLOSE_TOO_BIG, "message exceeds " + settings.frameBytesMax() + " bytes");
      return;
    }
    LOG.debug("websocket closed on error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
