package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** Waiting for and printing receipts. */
final class Receipts {
  private Receipts() {}

  static JsonNode await(RpcClient client, String hash, int timeoutS) throws CliException, InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutS * 1000L;
    while (System.currentTimeMillis() < deadline) {
      JsonNode r = client.call("eth_getTransactionReceipt", hash);
      if (r != null && !r.isNull()) {
        return r;
      }
      Thread.sleep(200);
    }
    throw new CliException("no receipt for " + hash + " after " + timeoutS + " s (still pending, or skipped by execution)");
  }

  static void print(PrintStream out, JsonNode r) {
    out.println("status      " + ("0x1".equals(r.path("status").asText()) ? "success" : "failed"));
    out.println("block       " + Long.decode(r.path("blockNumber").asText()) + " " + r.path("blockHash").asText());
    out.println("from        " + r.path("from").asText());
    out.println("to          " + r.path("to").asText());
    out.println("gas used    " + Long.decode(r.path("gasUsed").asText()));
    if (!r.path("contractAddress").isNull() && r.has("contractAddress")) {
      out.println("contract    " + r.path("contractAddress").asText());
    }
    out.println("logs        " + r.path("logs").size());
  }
}
