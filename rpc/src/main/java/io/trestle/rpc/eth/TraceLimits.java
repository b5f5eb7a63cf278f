package io.trestle.rpc.eth;

/**
 * Bounds on what debug tracing and eth_createAccessList may cost the node. A trace that would pass one is answered
 * with -32005 naming the limit, never cut short silently.
 *
 * @param structLogsMax most struct-log entries one debug_traceTransaction answers
 * @param responseBytesMax most bytes of JSON one trace may produce (estimated while tracing, so memory stays bounded)
 * @param callFramesMax most call frames one callTracer result holds
 * @param tracesInFlightMax most traces running at once, all clients together, so traces cannot take every RPC worker
 * @param accessListRunsMax most executions eth_createAccessList may spend before its list settles
 */
public record TraceLimits(
    int structLogsMax,
    long responseBytesMax,
    int callFramesMax,
    int tracesInFlightMax,
    int accessListRunsMax) {

  public TraceLimits {
    positive(structLogsMax, "structLogsMax");
    positive(responseBytesMax, "responseBytesMax");
    positive(callFramesMax, "callFramesMax");
    positive(tracesInFlightMax, "tracesInFlightMax");
    positive(accessListRunsMax, "accessListRunsMax");
  }

  /**
   * 12 MiB of JSON stays below the WebSocket endpoint's 16 MiB outbound buffer, so a trace over WebSocket is
   * answered instead of closing the connection as a slow consumer.
   */
  public static TraceLimits defaults() {
    return new TraceLimits(100_000, 12L << 20, 10_000, 2, 10);
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
  }
}
