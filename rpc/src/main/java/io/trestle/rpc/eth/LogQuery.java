package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Hash;
import io.trestle.core.block.Log;
import io.trestle.execution.BlockResults;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds logs in committed blocks. Each block's logs bloom (kept with its results) is checked first, so blocks
 * that cannot hold a match cost one small read; only the others have their receipts decoded.
 */
final class LogQuery {
  private final Chain chain;
  private final RpcLimits limits;

  LogQuery(Chain chain, RpcLimits limits) {
    this.chain = chain;
    this.limits = limits;
  }

  RpcLimits limits() {
    return limits;
  }

  /** The matching logs of block {@code number}, in order; empty for a block not (yet) committed. */
  List<ObjectNode> blockLogs(long number, LogFilter filter, LogFilter.BloomMask mask) {
    BlockResults results = chain.store().results(number);
    if (results == null || !mask.mightMatch(results.logsBloom())) {
      return List.of();
    }
    Hash hash = chain.blockHash(number);
    List<ExecutedTransaction> executed = hash == null ? null : chain.store().executed(number, hash);
    return executed == null ? List.of() : matching(executed, filter);
  }

  /** The logs of these transactions (one block's, in order) that match the filter. */
  static List<ObjectNode> matching(List<ExecutedTransaction> executed, LogFilter filter) {
    List<ObjectNode> out = new ArrayList<>();
    for (ExecutedTransaction e : executed) {
      List<Log> logs = e.receipt().logs();
      for (int i = 0; i < logs.size(); i++) {
        if (filter.matches(logs.get(i))) {
          out.add(Views.log(logs.get(i), e, e.logIndexStart() + i));
        }
      }
    }
    return out;
  }

  /** The inclusive block range a filter names now, clamped to the head; empty (from > to) when nothing is there. */
  record Range(long from, long to) {
    long blocks() {
      return Math.max(0, to - from + 1);
    }
  }

  Range resolve(LogFilter filter) throws RpcException {
    long head = chain.head().number();
    if (filter.blockHash() != null) {
      long n = chain.store().numberOf(filter.blockHash());
      if (n < 0) {
        throw RpcException.server("unknown block " + filter.blockHash());
      }
      return new Range(n, n);
    }
    long from = filter.fromBlock() == LogFilter.LATEST ? head : filter.fromBlock();
    long to = filter.toBlock() == LogFilter.LATEST ? head : Math.min(filter.toBlock(), head);
    return new Range(from, to);
  }

  /** eth_getLogs: every matching log of the filter's range, or a limit error naming the setting to change. */
  ArrayNode logs(LogFilter filter) throws RpcException {
    Range range = resolve(filter);
    if (range.blocks() > limits.logsBlockRangeMax()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "block range of " + range.blocks()
          + " blocks exceeds the limit of " + limits.logsBlockRangeMax() + " (" + RpcLimits.BLOCK_RANGE_SETTING
          + "); query a smaller range");
    }
    LogFilter.BloomMask mask = filter.bloomMask();
    ArrayNode out = Json.NODES.arrayNode();
    for (long n = range.from(); n <= range.to(); n++) {
      List<ObjectNode> logs = blockLogs(n, filter, mask);
      if (out.size() + logs.size() > limits.logsResultsMax()) {
        throw new RpcException(RpcException.LIMIT_EXCEEDED, "query returns more than " + limits.logsResultsMax()
            + " logs, the limit (" + RpcLimits.RESULTS_SETTING + "); narrow the block range or the filter"
            + " (the first " + (n - range.from()) + " blocks of the range hold " + out.size() + ")");
      }
      out.addAll(logs);
    }
    return out;
  }
}
