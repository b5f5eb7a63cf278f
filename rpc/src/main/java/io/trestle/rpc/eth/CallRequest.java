package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.AccessListEntry;
import io.trestle.evm.Message;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.RpcException;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The call object of eth_call, eth_estimateGas and eth_createAccessList turned into a {@link Message}: from
 * defaults to the zero address, gas to what the caller allows, the nonce is the sender's current one (like geth,
 * calls skip the nonce check), and a call without fees runs without a base fee.
 */
final class CallRequest {
  /** Most access-list addresses plus storage keys one call object may carry. */
  static final int ACCESS_LIST_ITEMS_MAX = 10_000;

  private CallRequest() {}

  static Message parse(Chain chain, JsonNode call, long number, long defaultGas) throws RpcException {
    if (call == null || !call.isObject()) {
      throw RpcException.invalidParams("call object expected");
    }
    Address from = call.hasNonNull("from") ? Json.parseAddress(call.get("from"), "from") : Address.ZERO;
    Address to = call.hasNonNull("to") ? Json.parseAddress(call.get("to"), "to") : null;
    long gas = call.hasNonNull("gas") ? Json.parseLong(call.get("gas"), "gas") : defaultGas;
    BigInteger value = call.hasNonNull("value") ? Json.parseQuantity(call.get("value"), "value") : BigInteger.ZERO;
    JsonNode dataNode = call.hasNonNull("input") ? call.get("input") : call.get("data");
    Bytes data = dataNode == null || dataNode.isNull() ? Bytes.EMPTY : Json.parseData(dataNode, "data");
    BigInteger maxFee;
    BigInteger tip;
    int type;
    if (call.hasNonNull("gasPrice")) {
      maxFee = Json.parseQuantity(call.get("gasPrice"), "gasPrice");
      tip = maxFee;
      type = Message.TYPE_LEGACY;
    } else {
      maxFee = call.hasNonNull("maxFeePerGas")
          ? Json.parseQuantity(call.get("maxFeePerGas"), "maxFeePerGas") : BigInteger.ZERO;
      tip = call.hasNonNull("maxPriorityFeePerGas")
          ? Json.parseQuantity(call.get("maxPriorityFeePerGas"), "maxPriorityFeePerGas") : BigInteger.ZERO;
      tip = tip.min(maxFee);
      type = Message.TYPE_DYNAMIC_FEE;
    }
    List<AccessListEntry> accessList = call.hasNonNull("accessList") ? accessList(call.get("accessList")) : List.of();
    if (!accessList.isEmpty() && type == Message.TYPE_LEGACY) {
      type = Message.TYPE_ACCESS_LIST;
    }
    if (call.hasNonNull("nonce")) {
      Json.parseLong(call.get("nonce"), "nonce");
    }
    WorldState state = chain.stateAt(number);
    Account sender = state == null ? null : state.account(from);
    long nonce = sender == null ? 0 : sender.nonce();
    return new Message(type, from, to, nonce, gas, value, data, accessList, maxFee, tip, BigInteger.ZERO, List.of());
  }

  static List<AccessListEntry> accessList(JsonNode list) throws RpcException {
    if (!list.isArray()) {
      throw RpcException.invalidParams("accessList must be an array of {address, storageKeys}");
    }
    List<AccessListEntry> out = new ArrayList<>(list.size());
    int items = 0;
    for (JsonNode e : list) {
      if (!e.isObject()) {
        throw RpcException.invalidParams("accessList[" + out.size() + "] must be an object {address, storageKeys}");
      }
      JsonNode keysNode = e.path("storageKeys");
      if (!keysNode.isMissingNode() && !keysNode.isNull() && !keysNode.isArray()) {
        throw RpcException.invalidParams("accessList[" + out.size() + "].storageKeys must be an array");
      }
      items += 1 + keysNode.size();
      if (items > ACCESS_LIST_ITEMS_MAX) {
        throw new RpcException(RpcException.LIMIT_EXCEEDED,
            "accessList has more than " + ACCESS_LIST_ITEMS_MAX + " addresses and storage keys");
      }
      List<Hash> keys = new ArrayList<>(keysNode.size());
      for (JsonNode k : keysNode) {
        keys.add(Json.parseHash(k, "accessList[" + out.size() + "].storageKeys[]"));
      }
      out.add(new AccessListEntry(Json.parseAddress(e.get("address"), "accessList[" + out.size() + "].address"), keys));
    }
    return out;
  }
}
