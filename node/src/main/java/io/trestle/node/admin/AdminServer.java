package io.trestle.node.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.trestle.rpc.http.HttpRpcServer;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;

/**
 * The admin endpoint: its own JSON-RPC server on its own port (127.0.0.1 by default), serving only the
 * {@link AdminApi} methods, and with a token every request must carry when one is set (ADR 0276).
 */
public final class AdminServer implements AutoCloseable {
  private final HttpRpcServer server;

  public AdminServer(AdminSettings settings, AdminApi api, ExecutorService workers) {
    JsonRpcProcessor processor = new JsonRpcProcessor(100);
    api.register(processor);
    HttpRpcServer.Settings http = new HttpRpcServer.Settings(settings.host(), settings.port(), 1024 * 1024, "null");
    this.server = new HttpRpcServer(http, processor, workers);
    if (settings.token() != null) {
      byte[] expected = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
      server.addHook(pipeline -> pipeline.addLast(new TokenCheck(expected)));
    }
  }

  public InetSocketAddress start() throws InterruptedException {
    return server.start();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Answers 401 to any request without the right bearer token, before it reaches JSON-RPC. */
  private static final class TokenCheck extends ChannelInboundHandlerAdapter {
    private final byte[] expected;

    TokenCheck(byte[] expected) {
      this.expected = expected;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest request) {
        String given = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        byte[] presented = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented)) {
          request.release();
          byte[] body = "{\"error\":\"admin endpoint: missing or wrong bearer token\"}".getBytes(StandardCharsets.UTF_8);
          FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED,
              Unpooled.wrappedBuffer(body));
          response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
          response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
          // tell the client, or it may reuse the connection this answer closes
          response.headers().set(HttpHeaderNames.CONNECTION, io.netty.handler.codec.http.HttpHeaderValues.CLOSE);
          ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }
}
