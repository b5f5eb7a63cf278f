package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Hash;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.RpcException;

/**
 * Resolves a block parameter: a tag (latest, pending, safe, finalized, earliest), a number, or an EIP-1898 object
 * ({blockNumber} or {blockHash}). With BFT finality every committed block is final, so safe and finalized mean
 * latest; pending means latest for state reads (the pool is consulted separately where it matters).
 */
final class BlockSelector {
  private BlockSelector() {}

  static boolean isPending(JsonNode node) {
    return node != null && node.isTextual() && node.asText().equals("pending");
  }

  /** The block number the parameter names; missing means latest. */
  static long resolve(Chain chain, JsonNode node) throws RpcException {
    long head = chain.head().number();
    if (node == null || node.isNull()) {
      return head;
    }
    if (node.isObject()) {
      if (node.has("blockHash")) {
        return byHash(chain, Json.parseHash(node.get("blockHash"), "blockHash"));
      }
      if (node.has("blockNumber")) {
        return resolve(chain, node.get("blockNumber"));
      }
      throw RpcException.invalidParams("block object needs blockNumber or blockHash");
    }
    if (!node.isTextual()) {
      throw RpcException.invalidParams("block must be a tag or a hex number");
    }
    switch (node.asText()) {
      case "latest", "pending", "safe", "finalized":
        return head;
      case "earliest":
        return 0;
      default:
        if (node.asText().length() == 66) {
          return byHash(chain, Json.parseHash(node, "block hash"));
        }
        long n = Json.parseLong(node, "block number");
        if (n > head) {
          throw new RpcException(RpcException.SERVER_ERROR, "header not found: block " + n + " is beyond the head " + head);
        }
        return n;
    }
  }

  private static long byHash(Chain chain, Hash hash) throws RpcException {
    long n = chain.store().numberOf(hash);
    if (n < 0) {
      throw new RpcException(RpcException.SERVER_ERROR, "header for hash not found: " + hash);
    }
    return n;
  }

  /** Like {@link #resolve} but answers -1 for a number beyond the head (getBlockBy* return null then). */
  static long resolveOrMissing(Chain chain, JsonNode node) throws RpcException {
    if (node != null && node.isTextual() && node.asText().startsWith("0x")) {
      long n = Json.parseLong(node, "block number");
      return n > chain.head().number() ? -1 : n;
    }
    return resolve(chain, node);
  }
}
