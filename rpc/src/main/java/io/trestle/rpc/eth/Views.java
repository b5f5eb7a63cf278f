package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.block.Header;
import io.trestle.core.block.Log;
import io.trestle.core.tx.AccessListEntry;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.execution.BlockResults;
import io.trestle.execution.ExecutedTransaction;
import java.util.List;

/** JSON shapes of blocks, transactions, receipts and logs, as execution-apis' openrpc.json defines them. */
final class Views {
  private static final String ZERO_NONCE = "0x0000000000000000";

  private Views() {}

  static ObjectNode block(Block block, Hash hash, BlockResults results, List<ExecutedTransaction> executed, boolean full) {
    Header h = block.header();
    ObjectNode o = header(h, hash, results);
    o.set("size", Json.quantity(block.encode().length));
    ArrayNode txs = o.putArray("transactions");
    for (ExecutedTransaction e : executed) {
      if (full) {
        txs.add(transaction(e.transaction(), e, h.timestampSeconds()));
      } else {
        txs.add(Json.hash(e.hash()));
      }
    }
    o.putArray("uncles");
    return o;
  }

  /** The header fields of a block (what newHeads notifications carry). */
  static ObjectNode header(Header h, Hash hash, BlockResults results) {
    ObjectNode o = Json.NODES.objectNode();
    o.set("number", Json.quantity(h.number()));
    o.set("hash", Json.hash(hash));
    o.set("parentHash", Json.hash(h.parentHash()));
    o.put("nonce", ZERO_NONCE);
    o.set("sha3Uncles", Json.hash(Hash.EMPTY_LIST_HASH));
    o.set("logsBloom", Json.data(results.logsBloom().toArray()));
    o.set("transactionsRoot", Json.hash(h.transactionsRoot()));
    o.set("stateRoot", Json.hash(results.stateRoot()));
    o.set("receiptsRoot", Json.hash(results.receiptsRoot()));
    o.set("miner", Json.address(h.proposer()));
    o.put("difficulty", "0x0");
    o.put("totalDifficulty", "0x0");
    o.set("extraData", Json.data(h.extraData()));
    o.set("gasLimit", Json.quantity(h.gasLimit()));
    o.set("gasUsed", Json.quantity(results.gasUsed()));
    o.set("timestamp", Json.quantity(h.timestampSeconds()));
    o.set("mixHash", Json.hash(h.parentHash()));
    o.set("baseFeePerGas", Json.quantity(h.baseFeePerGas()));
    return o;
  }

  /** A transaction; {@code executed} null for a pending one. */
  static ObjectNode transaction(Transaction tx, ExecutedTransaction executed, long blockTimestampSeconds) {
    ObjectNode o = Json.NODES.objectNode();
    if (executed != null) {
      o.set("blockHash", Json.hash(executed.blockHash()));
      o.set("blockNumber", Json.quantity(executed.blockNumber()));
      o.set("blockTimestamp", Json.quantity(blockTimestampSeconds));
      o.set("transactionIndex", Json.quantity(executed.index()));
      o.set("from", Json.address(executed.sender()));
    } else {
      o.putNull("blockHash");
      o.putNull("blockNumber");
      o.putNull("transactionIndex");
      try {
        o.set("from", Json.address(tx.sender()));
      } catch (io.trestle.core.tx.InvalidTransactionException e) {
        o.putNull("from");
      }
    }
    o.set("hash", Json.hash(tx.hash()));
    o.set("type", Json.quantity(tx.type().code()));
    o.set("nonce", Json.quantity(tx.nonce()));
    o.set("to", Json.address(tx.to()));
    o.set("value", Json.quantity(tx.value()));
    o.set("gas", Json.quantity(tx.gasLimit()));
    o.set("input", Json.data(tx.data()));
    if (tx.type() == TransactionType.DYNAMIC_FEE) {
      o.set("maxFeePerGas", Json.quantity(tx.maxFeePerGas()));
      o.set("maxPriorityFeePerGas", Json.quantity(tx.maxPriorityFeePerGas()));
      o.set("gasPrice", Json.quantity(executed != null ? executed.effectiveGasPrice() : tx.maxFeePerGas()));
    } else {
      o.set("gasPrice", Json.quantity(tx.gasPrice()));
    }
    if (tx.chainId() != null) {
      o.set("chainId", Json.quantity(tx.chainId()));
    }
    if (tx.type() != TransactionType.LEGACY) {
      ArrayNode list = o.putArray("accessList");
      for (AccessListEntry e : tx.accessList()) {
        ObjectNode entry = list.addObject();
        entry.set("address", Json.address(e.address()));
        ArrayNode keys = entry.putArray("storageKeys");
        e.storageKeys().forEach(k -> keys.add(Json.hash(k)));
      }
      o.set("yParity", Json.quantity(tx.yParity()));
    }
    o.set("v", Json.quantity(tx.v()));
    o.set("r", Json.quantity(tx.r()));
    o.set("s", Json.quantity(tx.s()));
    return o;
  }

  static ObjectNode receipt(ExecutedTransaction e) {
    ObjectNode o = Json.NODES.objectNode();
    Transaction tx = e.transaction();
    o.set("transactionHash", Json.hash(e.hash()));
    o.set("transactionIndex", Json.quantity(e.index()));
    o.set("blockHash", Json.hash(e.blockHash()));
    o.set("blockNumber", Json.quantity(e.blockNumber()));
    o.set("from", Json.address(e.sender()));
    o.set("to", Json.address(tx.to()));
    o.set("cumulativeGasUsed", Json.quantity(e.receipt().cumulativeGasUsed()));
    o.set("gasUsed", Json.quantity(e.gasUsed()));
    o.set("contractAddress", Json.address(e.contractAddress()));
    ArrayNode logs = o.putArray("logs");
    List<Log> list = e.receipt().logs();
    for (int i = 0; i < list.size(); i++) {
      logs.add(log(list.get(i), e, e.logIndexStart() + i));
    }
    o.set("logsBloom", Json.data(e.receipt().logsBloom().toArray()));
    o.set("type", Json.quantity(tx.type().code()));
    o.set("status", Json.quantity(e.receipt().status()));
    o.set("effectiveGasPrice", Json.quantity(e.effectiveGasPrice()));
    return o;
  }

  static ObjectNode log(Log log, ExecutedTransaction e, int logIndex) {
    ObjectNode o = Json.NODES.objectNode();
    o.set("address", Json.address(log.address()));
    ArrayNode topics = o.putArray("topics");
    log.topics().forEach(t -> topics.add(Json.hash(t)));
    o.set("data", Json.data(log.data()));
    o.set("blockNumber", Json.quantity(e.blockNumber()));
    o.set("blockHash", Json.hash(e.blockHash()));
    o.set("transactionHash", Json.hash(e.hash()));
    o.set("transactionIndex", Json.quantity(e.index()));
    o.set("logIndex", Json.quantity(logIndex));
    o.put("removed", false);
    return o;
  }
}
