package io.trestle.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 request handling independent of transport: bytes in, bytes (or nothing, for notifications) out.
 * Single calls and batches, the spec's error codes, and a batch length limit. Never throws on bad input.
 */
public final class JsonRpcProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcProcessor.class);
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<String, RpcMethod> methods = new ConcurrentHashMap<>();
  private final int batchLengthMax;

  public JsonRpcProcessor(int batchLengthMax) {
    this.batchLengthMax = batchLengthMax;
  }

  public JsonRpcProcessor register(String name, RpcMethod method) {
    if (methods.putIfAbsent(name, method) != null) {
      throw new IllegalStateException("method registered twice: " + name);
    }
    return this;
  }

  public boolean has(String name) {
    return methods.containsKey(name);
  }

  /** Handles one HTTP body (or WebSocket frame). Returns null when nothing must be answered (only notifications). */
  public JsonNode handle(byte[] body) {
    return handle(body, Map.of());
  }

  /**
   * Like {@link #handle(byte[])}, with methods bound to one connection ({@code local}, e.g. eth_subscribe on a
   * WebSocket) that take precedence over the registered ones of the same name.
   */
  public JsonNode handle(byte[] body, Map<String, RpcMethod> local) {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JsonProcessingException | RuntimeException e) {
      return error(NODES.nullNode(), RpcException.PARSE_ERROR, "parse error: request body is not valid JSON");
    } catch (java.io.IOException e) {
      return error(NODES.nullNode(), RpcException.PARSE_ERROR, "parse error: " + e.getMessage());
    }
    if (request == null || request.isMissingNode()) {
      return error(NODES.nullNode(), RpcException.INVALID_REQUEST, "invalid request: empty body");
    }
    if (request.isArray()) {
      if (request.isEmpty()) {
        return error(NODES.nullNode(), RpcException.INVALID_REQUEST, "invalid request: empty batch");
      }
      if (request.size() > batchLengthMax) {
        return error(NODES.nullNode(), RpcException.LIMIT_EXCEEDED,
            "batch of " + request.size() + " calls exceeds the limit of " + batchLengthMax);
      }
      ArrayNode responses = NODES.arrayNode();
      for (JsonNode call : request) {
        JsonNode response = handleCall(call, local);
        if (response != null) {
          responses.add(response);
        }
      }
      return responses.isEmpty() ? null : responses;
    }
    return handleCall(request, local);
  }

  public byte[] handleToBytes(byte[] body) {
    return toBytes(handle(body));
  }

  /** The serialised response; empty when there is none. */
  public static byte[] toBytes(JsonNode response) {
    if (response == null) {
      return new byte[0];
    }
    try {
      return JSON.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** One call object; null for a valid notification. */
  public JsonNode handleCall(JsonNode call) {
    return handleCall(call, Map.of());
  }

  private JsonNode handleCall(JsonNode call, Map<String, RpcMethod> local) {
    if (!call.isObject()) {
      return error(NODES.nullNode(), RpcException.INVALID_REQUEST, "invalid request: a call must be a JSON object");
    }
    JsonNode id = call.get("id");
    boolean notification = id == null;
    JsonNode responseId = id == null ? NODES.nullNode() : id;
    if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
      return error(NODES.nullNode(), RpcException.INVALID_REQUEST, "invalid request: id must be a string, number or null");
    }
    JsonNode version = call.get("jsonrpc");
    if (version == null || !"2.0".equals(version.asText())) {
      return error(responseId, RpcException.INVALID_REQUEST, "invalid request: jsonrpc must be \"2.0\"");
    }
    JsonNode methodNode = call.get("method");
    if (methodNode == null || !methodNode.isTextual()) {
      return error(responseId, RpcException.INVALID_REQUEST, "invalid request: method must be a string");
    }
    String name = methodNode.asText();
    JsonNode params = call.get("params");
    if (params != null && !params.isNull() && !params.isArray()) {
      return notification ? null : error(responseId, RpcException.INVALID_PARAMS,
          name + ": params must be an array (named parameters are not supported)");
    }
    RpcMethod method = local.getOrDefault(name, methods.get(name));
    if (method == null) {
      return notification ? null : error(responseId, RpcException.METHOD_NOT_FOUND,
          "the method " + name + " does not exist/is not available");
    }
    try {
      JsonNode result = method.call(new Params(name, params == null || params.isNull() ? null : params));
      if (notification) {
        return null;
      }
      ObjectNode response = NODES.objectNode();
      response.put("jsonrpc", "2.0");
      response.set("id", responseId);
      response.set("result", result == null ? NODES.nullNode() : result);
      return response;
    } catch (RpcException e) {
      return notification ? null : error(responseId, e.code(), e.getMessage(), e.data());
    } catch (RuntimeException e) {
      LOG.warn("rpc method failed method={} error={}", name, e.toString(), e);
      return notification ? null : error(responseId, RpcException.INTERNAL_ERROR, "internal error: " + e.getMessage());
    }
  }

  public static ObjectNode error(JsonNode id, int code, String message) {
    return error(id, code, message, null);
  }

  public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    ObjectNode err = response.putObject("error");
    err.put("code", code);
    err.put("message", message);
    if (data != null) {
      err.set("data", data);
    }
    return response;
  }
}
