package io.trestle.rpc.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.RpcException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC over HTTP POST on "/" plus REST routes, on one Netty port. Calls run on a bounded worker pool so a slow
 * call never stalls the event loop; oversized bodies get 413, garbage bytes get 400 and the connection closed.
 */
public final class HttpRpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRpcServer.class);

  /** Settings of the HTTP endpoint. */
  public record Settings(String host, int port, int bodyBytesMax, String corsOrigin) {
    public static Settings defaults(String host, int port) {
      return new Settings(host, port, 5 * 1024 * 1024, "*");
    }
  }

  private final Settings settings;
  private final JsonRpcProcessor processor;
  private final ExecutorService workers;
  private final List<HttpRoute> routes = new CopyOnWriteArrayList<>();
  private final List<ChannelInitializerHook> hooks = new CopyOnWriteArrayList<>();
  private EventLoopGroup boss;
  private EventLoopGroup io;
  private Channel channel;

  /** Lets other parts (the WebSocket endpoint) add handlers in front of the HTTP one. */
  public interface ChannelInitializerHook {
    void initialize(io.netty.channel.ChannelPipeline pipeline);
  }

  public HttpRpcServer(Settings settings, JsonRpcProcessor processor, ExecutorService workers) {
    this.settings = settings;
    this.processor = processor;
    this.workers = workers;
  }

  public HttpRpcServer addRoute(HttpRoute route) {
    routes.add(route);
    return this;
  }

  public HttpRpcServer addHook(ChannelInitializerHook hook) {
    hooks.add(hook);
    return this;
  }

  public synchronized InetSocketAddress start() throws InterruptedException {
    boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, io)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new ReadTimeoutHandler(300, TimeUnit.SECONDS));
            ch.pipeline().addLast(new HttpServerCodec(4096, 16 * 1024, 64 * 1024));
            ch.pipeline().addLast(new JsonAwareAggregator(settings.bodyBytesMax()));
            for (ChannelInitializerHook hook : hooks) {
              hook.initialize(ch.pipeline());
            }
            ch.pipeline().addLast(new Handler());
          }
        });
    channel = bootstrap.bind(settings.host(), settings.port()).sync().channel();
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    LOG.info("rpc listening address=http://{}:{}", bound.getHostString(), bound.getPort());
    return bound;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
      io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (!request.decoderResult().isSuccess()) {
        respond(ctx, false, HttpResponseStatus.BAD_REQUEST, "text/plain", "malformed HTTP request".getBytes(StandardCharsets.UTF_8));
        return;
      }
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      String path = uri.path();
      HttpMethod method = request.method();
      if (method.equals(HttpMethod.OPTIONS)) {
        respond(ctx, keepAlive, HttpResponseStatus.NO_CONTENT, "text/plain", new byte[0]);
        return;
      }
      byte[] body = ByteBufUtil.getBytes(request.content());
      String rawQuery = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "";
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      request.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b));
      try {
        workers.execute(() -> serve(ctx, keepAlive, method.name(), path, rawQuery, body, headers));
      } catch (RejectedExecutionException busy) {
        byte[] answer = processorError(RpcException.LIMIT_EXCEEDED, "server busy, retry later");
        respond(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", answer);
      }
    }

    private void serve(ChannelHandlerContext ctx, boolean keepAlive, String method, String path, String query, byte[] body,
        java.util.Map<String, String> headers) {
      try {
        if (method.equals("POST") && (path.equals("/") || path.isEmpty())) {
          byte[] answer = processor.handleToBytes(body);
          respond(ctx, keepAlive, HttpResponseStatus.OK, "application/json", answer);
          return;
        }
        for (HttpRoute route : routes) {
          if (route.matches(method, path)) {
            HttpRoute.HttpAnswer answer = route.handle(method, path, query, body, headers);
            respond(ctx, keepAlive, HttpResponseStatus.valueOf(answer.status()), answer.contentType(), answer.body());
            return;
          }
        }
        if (method.equals("GET") && path.equals("/")) {
          respond(ctx, keepAlive, HttpResponseStatus.OK, "text/plain",
              "Trestle JSON-RPC endpoint: POST JSON-RPC 2.0 requests here\n".getBytes(StandardCharsets.UTF_8));
          return;
        }
        respond(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "application/json",
            ("{\"error\":\"no resource " + jsonEscape(method + " " + path) + "\"}").getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        LOG.warn("http request failed path={} error={}", path, e.toString(), e);
        respond(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "application/json",
            processorError(RpcException.INTERNAL_ERROR, "internal error"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof TooLongFrameException) {
        respond(ctx, false, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "application/json",
            processorError(RpcException.LIMIT_EXCEEDED, "request body exceeds " + settings.bodyBytesMax() + " bytes"));
        return;
      }
      LOG.debug("rpc connection closed on error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  /** Answers an oversized body with a JSON-RPC error the client can read, then closes. */
  private static final class JsonAwareAggregator extends HttpObjectAggregator {
    private final int max;

    JsonAwareAggregator(int max) {
      super(max);
      this.max = max;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized) {
      byte[] body = processorError(RpcException.LIMIT_EXCEEDED, "request body exceeds " + max + " bytes");
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static byte[] processorError(int code, String message) {
    return JsonRpcProcessor.error(com.fasterxml.jackson.databind.node.NullNode.getInstance(), code, message)
        .toString().getBytes(StandardCharsets.UTF_8);
  }

  private void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType, byte[] body) {
    ByteBuf content = Unpooled.wrappedBuffer(body);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, settings.corsOrigin());
    response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization");
    response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
