package io.trestle.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error answer: a code from the spec's ranges, a message a user can act on, optional data. */
public class RpcException extends Exception {
  private static final long serialVersionUID = 1L;

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  /** Generic server error, as Ethereum clients use it for rejected transactions and failed lookups. */
  public static final int SERVER_ERROR = -32000;
  /** eth_call / eth_estimateGas revert with data (EIP-1474 practice, what ethers.js decodes). */
  public static final int EXECUTION_REVERTED = 3;
  public static final int LIMIT_EXCEEDED = -32005;

  private final int code;
  private final transient JsonNode data;

  public RpcException(int code, String message) {
    this(code, message, null);
  }

  public RpcException(int code, String message, JsonNode data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  public int code() {
    return code;
  }

  public JsonNode data() {
    return data;
  }

  public static RpcException invalidParams(String message) {
    return new RpcException(INVALID_PARAMS, message);
  }

  public static RpcException server(String message) {
    return new RpcException(SERVER_ERROR, message);
  }
}
