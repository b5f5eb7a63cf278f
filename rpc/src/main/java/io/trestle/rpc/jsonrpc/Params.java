package io.trestle.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Positional parameters of a call with typed access. Every failure is an invalid-params error naming the
 * position and what was expected, so a user can fix the request.
 */
public final class Params {
  private final String method;
  private final JsonNode array;

  public Params(String method, JsonNode array) {
    this.method = method;
    this.array = array;
  }

  public int size() {
    return array == null ? 0 : array.size();
  }

  /** The raw value at {@code index}, or {@code null} when absent or JSON null. */
  public JsonNode optional(int index) {
    if (array == null || index >= array.size()) {
      return null;
    }
    JsonNode node = array.get(index);
    return node == null || node instanceof NullNode ? null : node;
  }

  public JsonNode required(int index, String what) throws RpcException {
    JsonNode node = optional(index);
    if (node == null) {
      throw RpcException.invalidParams(method + ": missing parameter " + index + " (" + what + ")");
    }
    return node;
  }

  public String requiredString(int index, String what) throws RpcException {
    JsonNode node = required(index, what);
    if (!node.isTextual()) {
      throw RpcException.invalidParams(method + ": parameter " + index + " (" + what + ") must be a string");
    }
    return node.asText();
  }

  public boolean optionalBoolean(int index, boolean fallback) throws RpcException {
    JsonNode node = optional(index);
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw RpcException.invalidParams(method + ": parameter " + index + " must be a boolean");
    }
    return node.asBoolean();
  }

  /** At most {@code max} parameters; extra ones mean the caller misunderstood the method. */
  public Params atMost(int max) throws RpcException {
    if (size() > max) {
      throw RpcException.invalidParams(method + ": takes at most " + max + " parameters, got " + size());
    }
    return this;
  }

  public String method() {
    return method;
  }
}
