package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.evm.AccessListEntry;
import io.trestle.evm.Message;
import io.trestle.evm.TxResult;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * eth_createAccessList with geth's semantics: run the call with an access-list tracer, run it again with the list
 * found so far, and stop when a run finds nothing new (the list only grows, so this settles). The answer is the
 * list, the gas the last run used with it (a transaction sent with that list uses the same) and, when the call
 * failed, why. Like eth_call, a call without fees runs without a base fee.
 */
final class AccessListApi {
  private final Chain chain;
  private final TraceLimits limits;

  AccessListApi(Chain chain, TraceLimits limits) {
    this.chain = chain;
    this.limits = limits;
  }

  void register(JsonRpcProcessor rpc) {
    rpc.register("eth_createAccessList", this::createAccessList);
  }

  JsonNode createAccessList(Params p) throws RpcException {
    p.atMost(2);
    long number = BlockSelector.resolve(chain, p.optional(1));
    Message call = CallRequest.parse(chain, p.required(0, "call object"), number, EthApi.gasLimitAt(chain, number));
    Set<Address> excluded = new HashSet<>(chain.nativeContracts());
    excluded.add(call.sender());
    excluded.add(call.isCreate() ? createdAddress(call.sender(), call.nonce()) : call.to());
    AccessListTracer previous = new AccessListTracer(call.accessList(), excluded);
    for (int run = 0; run < limits.accessListRunsMax(); run++) {
      List<AccessListEntry> list = previous.accessList();
      AccessListTracer tracer = new AccessListTracer(list, excluded);
      TxResult r = chain.simulate(withAccessList(call, list), number, tracer);
      if (!r.isValid()) {
        throw RpcException.server("the call cannot run: " + r.error());
      }
      if (tracer.sameAs(previous)) {
        return answer(list, r);
      }
      previous = tracer;
    }
    throw new RpcException(RpcException.LIMIT_EXCEEDED, "the access list still changed after "
        + limits.accessListRunsMax() + " runs, the node's limit: the call touches different state with each list");
  }

  /** The address a creation by {@code sender} at {@code nonce} deploys to: keccak(rlp[sender, nonce])[12:]. */
  static Address createdAddress(Address sender, long nonce) {
    byte[] rlp = Rlp.encodeList(Rlp.encodeBytes(sender.unsafeArray()), Rlp.encodeLong(nonce));
    byte[] h = Hash.keccak(rlp).unsafeArray();
    return Address.wrap(java.util.Arrays.copyOfRange(h, 12, 32));
  }

  private static Message withAccessList(Message m, List<AccessListEntry> list) {
    int type = m.type() == Message.TYPE_LEGACY && !list.isEmpty() ? Message.TYPE_ACCESS_LIST : m.type();
    return new Message(type, m.sender(), m.to(), m.nonce(), m.gasLimit(), m.value(), m.data(), list,
        m.maxFeePerGas(), m.maxPriorityFeePerGas(), m.maxFeePerBlobGas(), m.blobVersionedHashes());
  }

  private static ObjectNode answer(List<AccessListEntry> list, TxResult r) {
    ObjectNode out = Json.NODES.objectNode();
    ArrayNode entries = out.putArray("accessList");
    for (AccessListEntry e : list) {
      ObjectNode entry = entries.addObject();
      entry.set("address", Json.address(e.address()));
      ArrayNode keys = entry.putArray("storageKeys");
      e.storageKeys().forEach(k -> keys.add(Json.hash(k)));
    }
    out.set("gasUsed", Json.quantity(BigInteger.valueOf(r.gasUsed())));
    if (!r.isSuccess()) {
      String reason = r.status() == TxResult.Status.REVERTED ? RevertReason.decode(r.output()) : null;
      out.put("error", reason == null ? r.error() : r.error() + ": " + reason);
    }
    return out;
  }
}
