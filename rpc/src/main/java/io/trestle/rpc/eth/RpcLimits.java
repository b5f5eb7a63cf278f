package io.trestle.rpc.eth;

/**
 * Bounds on what one query, filter or subscription may cost the node. Every number is a limit an operator can
 * set; the error a client gets past one names it.
 *
 * @param logsBlockRangeMax most blocks one eth_getLogs (or eth_getFilterLogs) may span
 * @param logsResultsMax most logs one eth_getLogs may answer; also the page size of filter polls
 * @param filtersMax most polling filters installed at once, all clients together
 * @param filterIdleMs a filter not polled for this long is removed
 * @param pendingHashesMax most transaction hashes a pending-transaction filter buffers between polls
 * @param resumeBlocksMax how far behind the head a log subscription may start (its {@code fromBlock})
 * @param addressesMax most addresses in one log filter
 * @param topicAlternativesMax most alternatives at one topic position of a log filter
 */
public record RpcLimits(
    int logsBlockRangeMax,
    int logsResultsMax,
    int filtersMax,
    long filterIdleMs,
    int pendingHashesMax,
    long resumeBlocksMax,
    int addressesMax,
    int topicAlternativesMax) {

  public static final String BLOCK_RANGE_SETTING = "rpc.logs_block_range_max";
  public static final String RESULTS_SETTING = "rpc.logs_results_max";

  public RpcLimits {
    positive(logsBlockRangeMax, "logsBlockRangeMax");
    positive(logsResultsMax, "logsResultsMax");
    positive(filtersMax, "filtersMax");
    positive(filterIdleMs, "filterIdleMs");
    positive(pendingHashesMax, "pendingHashesMax");
    positive(resumeBlocksMax, "resumeBlocksMax");
    positive(addressesMax, "addressesMax");
    positive(topicAlternativesMax, "topicAlternativesMax");
  }

  public static RpcLimits defaults() {
    return new RpcLimits(10_000, 10_000, 10_000, 5 * 60_000L, 10_000, 1_000_000L, 1_000, 1_000);
  }

  public RpcLimits withLogs(int blockRangeMax, int resultsMax) {
    return new RpcLimits(blockRangeMax, resultsMax, filtersMax, filterIdleMs, pendingHashesMax, resumeBlocksMax,
        addressesMax, topicAlternativesMax);
  }

  private static void positive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
  }
}
