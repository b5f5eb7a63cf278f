package io.trestle.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method: typed parameters in, a JSON result out, or an {@link RpcException}. */
@FunctionalInterface
public interface RpcMethod {
  JsonNode call(Params params) throws RpcException;
}
