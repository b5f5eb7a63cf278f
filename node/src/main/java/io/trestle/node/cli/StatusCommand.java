package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trestle status}: height, round, leader, peers, validator set and sync state of a node. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a node's height, round, leader, peers and validators.")
final class StatusCommand implements Callable<Integer> {
  @Mixin
  RpcOption rpc = new RpcOption();

  @Option(names = "--json", description = "Print the raw JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    JsonNode s = rpc.client().call("trestle_status");
    if (json) {
      System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
      return 0;
    }
    System.out.println("chain id     " + s.path("chainId").asLong());
    System.out.println("height       " + s.path("height").asLong() + "  " + s.path("headHash").asText());
    if (s.has("round")) {
      System.out.println("consensus    height " + s.path("consensusHeight").asLong() + " round " + s.path("round").asInt()
          + " leader " + s.path("leader").asText() + (s.path("validator").asBoolean() ? " (this node validates)" : ""));
    }
    System.out.println("syncing      " + s.path("syncing").asBoolean());
    System.out.println("validators   " + s.path("validators").size());
    for (JsonNode v : s.path("validators")) {
      System.out.println("             " + v.asText());
    }
    System.out.println("peers        " + s.path("peers").size());
    for (JsonNode p : s.path("peers")) {
      System.out.println("             " + p.path("address").asText() + " " + p.path("endpoint").asText());
    }
    return 0;
  }
}
