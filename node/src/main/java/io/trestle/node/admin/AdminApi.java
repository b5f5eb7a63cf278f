package io.trestle.node.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's JSON-RPC methods, served only by the admin endpoint (ADR 0276): {@code admin_nodeInfo},
 * {@code admin_peers}, {@code admin_addPeer}, {@code admin_setLogLevel}. The public endpoint never registers them.
 */
public final class AdminApi {
  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  private static final int LOGGER_NAME_CHARS_MAX = 200;

  /** A connected peer. */
  public record Peer(String address, String endpoint, boolean outbound) {}

  /** The peer network as the admin sees it; null on a node without one. */
  public interface Network {
    List<Peer> peers();

    /** Dials {@code endpoint} ({@code 0x<address>@host:port}) and keeps redialling it; refuses malformed ones. */
    void addPeer(String endpoint) throws IllegalArgumentException;
  }

  private final Supplier<ObjectNode> nodeInfo;
  private final Network network;

  public AdminApi(Supplier<ObjectNode> nodeInfo, Network network) {
    this.nodeInfo = nodeInfo;
    this.network = network;
  }

  public void register(JsonRpcProcessor rpc) {
    rpc.register("admin_nodeInfo", p -> nodeInfo.get());
    rpc.register("admin_peers", p -> peers());
    rpc.register("admin_addPeer", p -> addPeer(p.atMost(1).required(0, "peer endpoint")));
    rpc.register("admin_setLogLevel", p -> setLogLevel(p.atMost(2).required(0, "level"), p.optional(1)));
  }

  private JsonNode peers() {
    ArrayNode out = NODES.arrayNode();
    if (network != null) {
      for (Peer peer : network.peers()) {
        out.addObject().put("address", peer.address()).put("endpoint", peer.endpoint()).put("outbound", peer.outbound());
      }
    }
    return out;
  }

  private JsonNode addPeer(JsonNode endpoint) throws RpcException {
    if (network == null) {
      throw RpcException.server("this node runs without a peer network");
    }
    if (!endpoint.isTextual()) {
      throw RpcException.invalidParams("peer endpoint must be a string such as 0x<address>@host:port");
    }
    try {
      network.addPeer(endpoint.asText());
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("peer endpoint " + endpoint.asText() + ": " + e.getMessage());
    }
    LOG.info("admin added peer endpoint={}", endpoint.asText());
    return NODES.booleanNode(true);
  }

  private JsonNode setLogLevel(JsonNode levelNode, JsonNode loggerNode) throws RpcException {
    String level = levelNode.asText().toUpperCase(java.util.Locale.ROOT);
    if (!levelNode.isTextual() || !LEVELS.contains(level)) {
      throw RpcException.invalidParams("level must be one of " + LEVELS + ", got " + levelNode);
    }
    String name = loggerNode == null || loggerNode.isNull() ? org.slf4j.Logger.ROOT_LOGGER_NAME : loggerNode.asText();
    if (name.isEmpty() || name.length() > LOGGER_NAME_CHARS_MAX) {
      throw RpcException.invalidParams("logger name must be 1.." + LOGGER_NAME_CHARS_MAX + " characters");
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw RpcException.server("logging is not backed by logback; levels cannot be changed at runtime");
    }
    ch.qos.logback.classic.Logger logger = context.getLogger(name);
    Level previous = logger.getEffectiveLevel();
    logger.setLevel(Level.toLevel(level));
    LOG.info("admin set log level logger={} level={} previous={}", name, level, previous);
    ObjectNode o = NODES.objectNode();
    o.put("logger", name).put("level", level).put("previous", previous.toString());
    return o;
  }
}
