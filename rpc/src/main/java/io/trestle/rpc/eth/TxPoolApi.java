package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.tx.Transaction;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import io.trestle.txpool.TxPool;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** txpool_status, txpool_content and txpool_contentFrom: the mempool split into pending and queued, as geth shows it. */
final class TxPoolApi {
  private final TxPool pool;

  TxPoolApi(TxPool pool) {
    this.pool = pool;
  }

  void register(JsonRpcProcessor rpc) {
    rpc.register("txpool_status", p -> {
      p.atMost(0);
      TxPool.Content c = pool.content();
      ObjectNode out = Json.NODES.objectNode();
      out.set("pending", Json.quantity(c.pendingCount()));
      out.set("queued", Json.quantity(c.queuedCount()));
      return out;
    });
    rpc.register("txpool_content", p -> {
      p.atMost(0);
      TxPool.Content c = pool.content();
      ObjectNode out = Json.NODES.objectNode();
      out.set("pending", bySender(c.pending()));
      out.set("queued", bySender(c.queued()));
      return out;
    });
    rpc.register("txpool_contentFrom", this::contentFrom);
  }

  private JsonNode contentFrom(Params p) throws RpcException {
    Address sender = Json.parseAddress(p.atMost(1).required(0, "address"), "address");
    TxPool.Content c = pool.content();
    ObjectNode out = Json.NODES.objectNode();
    out.set("pending", byNonce(c.pending().getOrDefault(sender, List.of())));
    out.set("queued", byNonce(c.queued().getOrDefault(sender, List.of())));
    return out;
  }

  private static ObjectNode bySender(Map<Address, List<Transaction>> txs) {
    ObjectNode out = Json.NODES.objectNode();
    new TreeMap<>(txs).forEach((sender, list) -> out.set(sender.toChecksumHex(), byNonce(list)));
    return out;
  }

  private static ObjectNode byNonce(List<Transaction> txs) {
    ObjectNode out = Json.NODES.objectNode();
    for (Transaction tx : txs) {
      out.set(Long.toString(tx.nonce()), Views.transaction(tx, null, 0));
    }
    return out;
  }
}
