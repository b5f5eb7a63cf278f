package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code trestle block [N|latest|0xHASH]}. */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Print a block as JSON.")
final class BlockCommand implements Callable<Integer> {
  @Mixin
  RpcOption rpc = new RpcOption();

  @Parameters(index = "0", defaultValue = "latest", description = "Number, tag or hash (default: ${DEFAULT-VALUE})")
  String which;

  @Override
  public Integer call() throws Exception {
    RpcClient client = rpc.client();
    JsonNode block;
    if (which.startsWith("0x") && which.length() == 66) {
      block = client.call("eth_getBlockByHash", which, false);
    } else {
      String tag = which.matches("\\d+") ? "0x" + Long.toHexString(Long.parseLong(which)) : which;
      block = client.call("eth_getBlockByNumber", tag, false);
    }
    if (block == null || block.isNull()) {
      throw new CliException("no block " + which);
    }
    System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(block));
    return 0;
  }
}
