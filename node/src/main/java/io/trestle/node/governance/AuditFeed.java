package io.trestle.node.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.trestle.core.Address;
import io.trestle.execution.Chain;
import io.trestle.rpc.http.HttpRoute;
import io.trestle.rpc.http.HttpRpcServer;
import io.trestle.services.permissions.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit stream (ADR 0275): every governance and supervision event of committed blocks, filterable by event name
 * and by an address it mentions, resumable from any block, for holders of the auditor role only.
 * <ul>
 *   <li>{@code GET /audit/events?fromBlock=N[&toBlock=M][&event=A,B][&address=0x…][&limit=L]&auditor=…&ts=…&sig=…}
 *       answers one page: the events, and {@code next}, the block to ask from next time. Pages end at block
 *       boundaries, so resuming from {@code next} never skips or repeats an event.</li>
 *   <li>A WebSocket to {@code /audit/ws?fromBlock=N[&event=…][&address=…]&auditor=…&ts=…&sig=…} replays from
 *       {@code fromBlock} and then follows the chain: one text message per event ({@code "type":"event"}) and a
 *       {@code "type":"progress"} message with the last block scanned, so a reconnecting reader resumes from it.</li>
 * </ul>
 */
public final class AuditFeed implements HttpRoute, Chain.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String EVENTS_PATH = "/audit/events";
  public static final String SOCKET_PATH = "/audit/ws";
  /** Most blocks one page scans. */
  public static final int PAGE_BLOCKS_MAX = 10_000;
  public static final int PAGE_EVENTS_MAX = 1_000;
  public static final int SOCKETS_MAX = 100;
  /** Blocks one socket scans before others get a turn. */
  private static final int ROUND_BLOCKS_MAX = 1_000;
  private static final int PING_INTERVAL_S = 30;

  private final Chain chain;
  private final HeadGovernance governance;
  private final LongSupplier clockMs;
  private final ExecutorService pump;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sockets = new AtomicInteger();

  public AuditFeed(Chain chain, HeadGovernance governance, LongSupplier clockMs) {
    this.chain = chain;
    this.governance = governance;
    this.clockMs = clockMs;
    this.pump = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "audit-feed");
      t.setDaemon(true);
      return t;
    });
  }

  /** Serves the page route and the WebSocket on {@code server}; call before it starts. */
  public void install(HttpRpcServer server) {
    server.addRoute(this);
    server.addHook(pipeline -> pipeline.addLast(new Upgrade()));
    chain.addListener(this);
  }

  /** A parsed request: the block range and the filter. */
  record Request(long fromBlock, long toBlock, AuditEvents.Filter filter, int limit) {}

  /** Parses the query's feed parameters; IllegalArgumentException names the bad one. */
  static Request parse(String rawQuery, long head) {
    var params = new QueryStringDecoder("?" + rawQuery).parameters();
    long from = number(params, "fromBlock", 0);
    long to = Math.min(number(params, "toBlock", head), head);
    int limit = (int) number(params, "limit", 500);
    if (limit < 1 || limit > PAGE_EVENTS_MAX) {
      throw new IllegalArgumentException("limit must be 1.." + PAGE_EVENTS_MAX + ", got " + limit);
    }
    Set<String> names = new TreeSet<>();
    for (String list : params.getOrDefault("event", List.of())) {
      for (String name : list.split(",")) {
        if (!name.isBlank()) {
          if (!AuditEvents.names().contains(name.trim())) {
            throw new IllegalArgumentException("unknown event " + name.trim() + "; known: " + AuditEvents.names());
          }
          names.add(name.trim());
        }
      }
    }
    Address address = null;
    List<String> a = params.get("address");
    if (a != null && !a.isEmpty()) {
      address = Address.fromHex(a.get(0));
    }
    return new Request(from, to, new AuditEvents.Filter(names, address), limit);
  }

  private static long number(java.util.Map<String, List<String>> params, String name, long fallback) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.decode(v.get(0));
      if (n < 0) {
        throw new IllegalArgumentException(name + " must not be negative, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + v.get(0));
    }
  }

  private AuditAuth.Result authenticate(String path, String rawQuery) {
    return AuditAuth.check(chain.suite(), chain.genesis().chainId(), path, rawQuery, clockMs.getAsLong(),
        a -> governance.hasRole(Role.AUDITOR, a));
  }

  // ---- the page route ----

  @Override
  public boolean matches(String method, String path) {
    return method.equals("GET") && path.equals(EVENTS_PATH);
  }

  @Override
  public HttpAnswer handle(String method, String path, String query, byte[] body) {
    AuditAuth.Result auth = authenticate(path, query);
    if (!auth.ok()) {
      return error(401, auth.refusal());
    }
    Request r;
    try {
      r = parse(query, chain.head().number());
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode events = out.putArray("events");
    long last = Math.min(r.toBlock(), r.fromBlock() + PAGE_BLOCKS_MAX - 1);
    long n = r.fromBlock();
    for (; n <= last; n++) {
      List<ObjectNode> found = AuditEvents.ofBlock(chain, n, r.filter());
      if (!found.isEmpty() && events.size() > 0 && events.size() + found.size() > r.limit()) {
        break;
      }
      found.forEach(events::add);
    }
    out.put("fromBlock", r.fromBlock()).put("next", n).put("head", chain.head().number());
    LOG.debug("audit page auditor={} from={} next={} events={}", auth.auditor(), r.fromBlock(), n, events.size());
    return json(200, out);
  }

  private static HttpAnswer json(int status, ObjectNode body) {
    try {
      return HttpAnswer.json(status, JSON.writeValueAsBytes(body));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpAnswer error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    return json(status, o);
  }

  // ---- the WebSocket ----

  /** One open stream: where it has read up to, and whether a pump run is already queued for it. */
  private static final class Subscriber {
    final Channel channel;
    final AuditEvents.Filter filter;
    volatile long cursor;
    final AtomicBoolean queued = new AtomicBoolean();

    Subscriber(Channel channel, AuditEvents.Filter filter, long cursor) {
      this.channel = channel;
      this.filter = filter;
      this.cursor = cursor;
    }
  }

  @Override
  public void onCommitted(Chain.CommittedBlock block) {
    for (Subscriber s : subscribers) {
      schedule(s);
    }
  }

  private void schedule(Subscriber s) {
    if (s.queued.compareAndSet(false, true)) {
      try {
        pump.execute(() -> {
          s.queued.set(false);
          pumpOnce(s);
        });
      } catch (RejectedExecutionException closed) {
        s.queued.set(false);
      }
    }
  }

  /** Sends what the subscriber has not seen yet, until its channel fills up or a round's budget is spent. */
  private void pumpOnce(Subscriber s) {
    long head = chain.head().number();
    long scanned = 0;
    while (s.cursor <= head && s.channel.isActive() && s.channel.isWritable() && scanned < ROUND_BLOCKS_MAX) {
      for (ObjectNode event : AuditEvents.ofBlock(chain, s.cursor, s.filter)) {
        event.put("type", "event");
        send(s.channel, event);
      }
      s.cursor++;
      scanned++;
    }
    if (scanned > 0) {
      ObjectNode progress = JSON.createObjectNode();
      progress.put("type", "progress").put("block", s.cursor - 1);
      send(s.channel, progress);
    }
    if (s.cursor <= head && s.channel.isActive() && s.channel.isWritable()) {
      schedule(s);
    }
  }

  private static void send(Channel channel, ObjectNode message) {
    channel.writeAndFlush(new TextWebSocketFrame(message.toString()));
  }

  /** Turns an upgrade request to {@link #SOCKET_PATH} into an audit stream, after checking who asks. */
  private final class Upgrade extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof FullHttpRequest request)
          || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
          || !new QueryStringDecoder(request.uri()).path().equals(SOCKET_PATH)) {
        ctx.fireChannelRead(msg);
        return;
      }
      String uri = request.uri();
      String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
      AuditAuth.Result auth = authenticate(SOCKET_PATH, query);
      Request parsed;
      try {
        parsed = auth.ok() ? parse(query, Long.MAX_VALUE) : null;
      } catch (IllegalArgumentException e) {
        request.release();
        refuse(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        return;
      }
      if (!auth.ok()) {
        request.release();
        refuse(ctx, HttpResponseStatus.UNAUTHORIZED, auth.refusal());
        return;
      }
      if (sockets.incrementAndGet() > SOCKETS_MAX) {
        sockets.decrementAndGet();
        request.release();
        refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "too many audit streams (the limit is " + SOCKETS_MAX + ")");
        return;
      }
      WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
          .websocketPath(SOCKET_PATH).checkStartsWith(true).handshakeTimeoutMillis(10_000).dropPongFrames(true).build();
      ctx.pipeline().addAfter(ctx.name(), "audit-ws-protocol", new WebSocketServerProtocolHandler(config));
      ctx.pipeline().addAfter("audit-ws-protocol", "audit-ws", new Stream(parsed.fromBlock(), parsed.filter(),
          auth.auditor()));
      ctx.fireChannelRead(msg);
      ctx.pipeline().remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
      byte[] body = ("{\"error\":" + JSON.valueToTree(reason) + "}").getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The server side of one audit WebSocket; the client only listens (what it sends is dropped). */
  private final class Stream extends ChannelInboundHandlerAdapter {
    private final long fromBlock;
    private final AuditEvents.Filter filter;
    private final Address auditor;
    private Subscriber subscriber;

    Stream(long fromBlock, AuditEvents.Filter filter, Address auditor) {
      this.fromBlock = fromBlock;
      this.filter = filter;
      this.auditor = auditor;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        if (ctx.pipeline().get(ReadTimeoutHandler.class) != null) {
          ctx.pipeline().remove(ReadTimeoutHandler.class);
        }
        ctx.pipeline().addFirst("audit-idle", new IdleStateHandler(0, PING_INTERVAL_S, 0, TimeUnit.SECONDS));
        subscriber = new Subscriber(ctx.channel(), filter, fromBlock);
        subscribers.add(subscriber);
        LOG.info("audit stream opened auditor={} fromBlock={} remote={}", auditor, fromBlock, ctx.channel().remoteAddress());
        schedule(subscriber);
        return;
      }
      if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new PingWebSocketFrame());
        return;
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
      if (ctx.channel().isWritable() && subscriber != null) {
        schedule(subscriber);
      }
      super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      sockets.decrementAndGet();
      if (subscriber != null) {
        subscribers.remove(subscriber);
      }
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("audit stream closed on error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  @Override
  public void close() {
    pump.shutdownNow();
    for (Subscriber s : subscribers) {
      s.channel.close();
    }
  }
}
