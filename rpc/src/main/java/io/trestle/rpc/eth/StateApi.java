package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads of contract storage and Merkle proofs of the state: eth_getStorageAt, eth_getStorageValues and
 * eth_getProof (EIP-1186). A proof is against the state root of the block asked for, which this chain publishes
 * as that block's {@code stateRoot} (and in the next header's {@code lastStateRoot}).
 */
final class StateApi {
  /** Most storage slots one call may read or prove. */
  static final int SLOTS_MAX = 1024;

  private final Chain chain;

  StateApi(Chain chain) {
    this.chain = chain;
  }

  void register(JsonRpcProcessor rpc) {
    rpc.register("eth_getStorageAt", this::storageAt);
    rpc.register("eth_getStorageValues", this::storageValues);
    rpc.register("eth_getProof", this::proof);
  }

  private WorldState state(JsonNode blockParam) throws RpcException {
    long n = BlockSelector.resolve(chain, blockParam);
    WorldState state = chain.stateAt(n);
    if (state == null) {
      throw RpcException.server("state of block " + n + " is not available");
    }
    return state;
  }

  private JsonNode storageAt(Params p) throws RpcException {
    p.atMost(3);
    Address address = Json.parseAddress(p.required(0, "address"), "address");
    Bytes slot = Json.parseSlot(p.required(1, "storage slot"), "storage slot");
    return Json.data(state(p.optional(2)).storage(address, slot));
  }

  private JsonNode storageValues(Params p) throws RpcException {
    p.atMost(2);
    JsonNode requests = p.required(0, "storage requests");
    if (!requests.isObject()) {
      throw RpcException.invalidParams("storage requests must be an object of address -> [slot]");
    }
    int slots = 0;
    for (JsonNode list : requests) {
      slots += list.size();
    }
    if (slots > SLOTS_MAX) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "asks for " + slots + " slots; the limit is " + SLOTS_MAX);
    }
    WorldState state = state(p.optional(1));
    ObjectNode out = Json.NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address address = Json.parseAddress(Json.NODES.textNode(e.getKey()), "storage request address");
      if (!e.getValue().isArray()) {
        throw RpcException.invalidParams("slots of " + address + " must be an array");
      }
      ArrayNode values = out.putArray(e.getKey());
      for (JsonNode slot : e.getValue()) {
        values.add(Json.data(state.storage(address, Json.parseSlot(slot, "slot of " + address))));
      }
    }
    return out;
  }

  private JsonNode proof(Params p) throws RpcException {
    p.atMost(3);
    Address address = Json.parseAddress(p.required(0, "address"), "address");
    JsonNode keys = p.required(1, "storage keys");
    if (!keys.isArray()) {
      throw RpcException.invalidParams("storage keys must be an array");
    }
    if (keys.size() > SLOTS_MAX) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED,
          "asks for " + keys.size() + " storage proofs; the limit is " + SLOTS_MAX);
    }
    WorldState state = state(p.optional(2));
    Account account = state.account(address);
    ObjectNode out = Json.NODES.objectNode();
    out.set("address", Json.address(address));
    out.set("accountProof", nodes(state.accountProof(address)));
    out.set("balance", Json.quantity(account == null ? BigInteger.ZERO : account.balance()));
    out.set("codeHash", Json.hash(account == null ? Hash.EMPTY_KECCAK : account.codeHash()));
    out.set("nonce", Json.quantity(account == null ? 0 : account.nonce()));
    out.set("storageHash", Json.hash(account == null ? Hash.EMPTY_TRIE_ROOT : account.storageRoot()));
    ArrayNode storage = out.putArray("storageProof");
    for (int i = 0; i < keys.size(); i++) {
      Bytes slot = Json.parseSlot(keys.get(i), "storage key " + i);
      ObjectNode entry = storage.addObject();
      entry.put("key", keys.get(i).asText().toLowerCase(Locale.ROOT));
      entry.set("value", Json.quantity(new BigInteger(1, state.storage(address, slot).unsafeArray())));
      entry.set("proof", nodes(state.storageProof(address, slot)));
    }
    return out;
  }

  private static ArrayNode nodes(Iterable<Bytes> proof) {
    ArrayNode out = Json.NODES.arrayNode();
    proof.forEach(n -> out.add(Json.data(n)));
    return out;
  }
}
