package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Hash;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.concurrent.Semaphore;

/**
 * debug_traceTransaction: a committed transaction replayed exactly as it executed (its block's earlier
 * transactions first, on the state after the previous block), watched by the struct logger or geth's
 * callTracer. Runs on the calling RPC worker, never on the commit path; at most
 * {@link TraceLimits#tracesInFlightMax()} traces run at once so traces cannot take every worker.
 */
final class TraceApi {
  private final Chain chain;
  private final TraceLimits limits;
  private final Semaphore inFlight;

  TraceApi(Chain chain, TraceLimits limits) {
    this(chain, limits, new Semaphore(limits.tracesInFlightMax()));
  }

  /** With the permits of traces in flight handed in, so a test can hold them. */
  TraceApi(Chain chain, TraceLimits limits, Semaphore inFlight) {
    this.chain = chain;
    this.limits = limits;
    this.inFlight = inFlight;
  }

  void register(JsonRpcProcessor rpc) {
    rpc.register("debug_traceTransaction", this::traceTransaction);
  }

  JsonNode traceTransaction(Params p) throws RpcException {
    p.atMost(2);
    Hash hash = Json.parseHash(p.required(0, "transaction hash"), "transaction hash");
    TraceOptions options = TraceOptions.parse(p.optional(1));
    if (!inFlight.tryAcquire()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "the node is already running "
          + limits.tracesInFlightMax() + " traces, its limit; try again when one has finished");
    }
    try {
      if (options.callTracer()) {
        CallTrace tracer = new CallTrace(options, limits);
        Chain.Replayed r = replay(hash, tracer);
        return tracer.toJson(r.transaction().transaction().gasLimit(), r.transaction().gasUsed());
      }
      StructLogTrace tracer = new StructLogTrace(options, limits);
      Chain.Replayed r = replay(hash, tracer);
      return tracer.toJson(r.result());
    } finally {
      inFlight.release();
    }
  }

  /** Like geth, a hash that no executed transaction has (unknown, pending or skipped) is an error. */
  private Chain.Replayed replay(Hash hash, io.trestle.evm.Tracer tracer) throws RpcException {
    Chain.Replayed r = chain.replay(hash, tracer);
    if (r == null) {
      throw RpcException.server("transaction " + hash + " not found: no executed transaction has this hash");
    }
    return r;
  }
}
