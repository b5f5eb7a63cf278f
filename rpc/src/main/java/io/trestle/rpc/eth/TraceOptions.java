package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.rpc.jsonrpc.RpcException;

/**
 * The TraceConfig of debug_traceTransaction. Without a tracer the struct logger runs (stack and storage on,
 * memory and return data off, as in geth); {@code "callTracer"} gives the call tree. Keys of a known name must
 * have the right type; other keys are ignored as geth ignores them, because tools still send retired ones such as
 * {@code disableMemory}. {@code timeout} is accepted and not enforced: the step and size limits bound a trace.
 *
 * @param stepsLimit the caller's own cap on struct-log entries; 0 for none (the node's limit still applies)
 */
record TraceOptions(
    boolean callTracer,
    boolean onlyTopCall,
    boolean withLog,
    boolean disableStack,
    boolean disableStorage,
    boolean enableMemory,
    boolean enableReturnData,
    long stepsLimit) {

  static final String CALL_TRACER = "callTracer";

  static TraceOptions defaults() {
    return new TraceOptions(false, false, false, false, false, false, false, 0);
  }

  static TraceOptions parse(JsonNode node) throws RpcException {
    if (node == null || node.isNull()) {
      return defaults();
    }
    if (!node.isObject()) {
      throw RpcException.invalidParams("trace options must be an object, got " + abbreviate(node));
    }
    boolean callTracer = false;
    JsonNode tracer = node.get("tracer");
    if (tracer != null && !tracer.isNull()) {
      if (!tracer.isTextual()) {
        throw RpcException.invalidParams("tracer must be a string");
      }
      String name = tracer.asText();
      if (name.equals(CALL_TRACER)) {
        callTracer = true;
      } else if (!name.isEmpty()) {
        throw RpcException.invalidParams("tracer '" + abbreviate(tracer) + "' is not supported: use \""
            + CALL_TRACER + "\", or no tracer for the struct logger");
      }
    }
    boolean onlyTopCall = false;
    boolean withLog = false;
    JsonNode config = node.get("tracerConfig");
    if (config != null && !config.isNull()) {
      if (!config.isObject()) {
        throw RpcException.invalidParams("tracerConfig must be an object");
      }
      if (callTracer) {
        onlyTopCall = flag(config, "onlyTopCall", "tracerConfig.");
        withLog = flag(config, "withLog", "tracerConfig.");
      }
    }
    long limit = 0;
    JsonNode limitNode = node.get("limit");
    if (limitNode != null && !limitNode.isNull()) {
      if (!limitNode.isIntegralNumber() || limitNode.bigIntegerValue().signum() < 0
          || limitNode.bigIntegerValue().bitLength() > 62) {
        throw RpcException.invalidParams("limit must be a non-negative integer, got " + abbreviate(limitNode));
      }
      limit = limitNode.longValue();
    }
    JsonNode timeout = node.get("timeout");
    if (timeout != null && !timeout.isNull() && !timeout.isTextual()) {
      throw RpcException.invalidParams("timeout must be a duration string such as \"5s\"");
    }
    flag(node, "debug", "");
    flag(node, "disableMemory", "");
    flag(node, "disableReturnData", "");
    return new TraceOptions(callTracer, onlyTopCall, withLog, flag(node, "disableStack", ""),
        flag(node, "disableStorage", ""), flag(node, "enableMemory", ""), flag(node, "enableReturnData", ""), limit);
  }

  private static boolean flag(JsonNode node, String name, String prefix) throws RpcException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw RpcException.invalidParams(prefix + name + " must be true or false, got " + abbreviate(v));
    }
    return v.booleanValue();
  }

  private static String abbreviate(JsonNode v) {
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
