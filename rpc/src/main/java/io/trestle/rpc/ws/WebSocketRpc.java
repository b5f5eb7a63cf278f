package io.trestle.rpc.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.trestle.rpc.eth.SubscriptionHub;
import io.trestle.rpc.http.HttpRpcServer;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON-RPC over WebSocket on the HTTP port: a request with {@code Upgrade: websocket} to "/" or "/ws" becomes a
 * WebSocket connection that serves every JSON-RPC method plus eth_subscribe/eth_unsubscribe (ADR 0230).
 * Other requests pass on to the HTTP handler untouched.
 */
public final class WebSocketRpc {
  /**
   * Limits of the WebSocket endpoint.
   *
   * @param frameBytesMax largest message (a frame or a fragmented message) a client may send
   * @param outboundBytesMax most bytes queued towards one client before it is closed as too slow; above half of
   *     it, subscriptions of that client wait
   * @param subscriptionsMax most subscriptions one connection may hold
   * @param inFlightMax most requests of one connection being processed at once
   * @param connectionsMax most WebSocket connections at once
   * @param pingIntervalSeconds a ping is sent after this long without writing
   * @param idleTimeoutSeconds a connection that sent nothing (not even a pong) for this long is closed
   */
  public record Settings(int frameBytesMax, long outboundBytesMax, int subscriptionsMax, int inFlightMax,
      int connectionsMax, int pingIntervalSeconds, int idleTimeoutSeconds) {
    public Settings {
      if (frameBytesMax <= 0 || outboundBytesMax <= 0 || subscriptionsMax <= 0 || inFlightMax <= 0
          || connectionsMax <= 0 || pingIntervalSeconds <= 0 || idleTimeoutSeconds <= pingIntervalSeconds) {
        throw new IllegalArgumentException("WebSocket limits must be positive and the idle timeout longer than "
            + "the ping interval: " + this);
      }
    }

    public static Settings defaults() {
      return new Settings(5 * 1024 * 1024, 16L * 1024 * 1024, 100, 64, 1_000, 30, 120);
    }
  }

  private final Settings settings;
  private final JsonRpcProcessor processor;
  private final ExecutorService workers;
  private final SubscriptionHub hub;
  private final AtomicInteger connections = new AtomicInteger();

  public WebSocketRpc(Settings settings, JsonRpcProcessor processor, ExecutorService workers, SubscriptionHub hub) {
    this.settings = settings;
    this.processor = processor;
    this.workers = workers;
    this.hub = hub;
  }

  /** Adds the upgrade check to every connection of the server; call before {@link HttpRpcServer#start()}. */
  public void install(HttpRpcServer server) {
    server.addHook(pipeline -> pipeline.addLast(new UpgradeHandler()));
  }

  /** Open WebSocket connections. */
  public int connections() {
    return connections.get();
  }

  void connectionClosed() {
    connections.decrementAndGet();
  }

  private static boolean isUpgrade(FullHttpRequest request) {
    return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  /** Turns an HTTP connection into a WebSocket one when the request asks for it, then leaves the pipeline. */
  private final class UpgradeHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof FullHttpRequest request) || !isUpgrade(request)) {
        ctx.fireChannelRead(msg);
        return;
      }
      String path = new QueryStringDecoder(request.uri()).path();
      if (!path.equals("/") && !path.equals("/ws")) {
        ctx.fireChannelRead(msg);
        return;
      }
      if (connections.incrementAndGet() > settings.connectionsMax()) {
        connections.decrementAndGet();
        request.release();
        refuse(ctx, "too many WebSocket connections (the limit is " + settings.connectionsMax() + ")");
        return;
      }
      WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
          .websocketPath(path)
          .checkStartsWith(false)
          .handshakeTimeoutMillis(10_000)
          .dropPongFrames(true)
          .decoderConfig(WebSocketDecoderConfig.newBuilder()
              .maxFramePayloadLength(settings.frameBytesMax())
              .allowExtensions(false)
              .closeOnProtocolViolation(true)
              .withUTF8Validator(true)
              .build())
          .build();
      WsConnection connection = new WsConnection(settings, processor, workers, hub, WebSocketRpc.this);
      ctx.pipeline().addAfter(ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(config));
      ctx.pipeline().addAfter("ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(settings.frameBytesMax()));
      ctx.pipeline().addAfter("ws-aggregator", "ws-rpc", connection);
      ctx.fireChannelRead(msg);
      ctx.pipeline().remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
      byte[] body = reason.getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
