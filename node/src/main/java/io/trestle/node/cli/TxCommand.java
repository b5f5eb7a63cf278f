package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code trestle tx HASH}: the transaction and its receipt. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Print a transaction and its receipt as JSON.")
final class TxCommand implements Callable<Integer> {
  @Mixin
  RpcOption rpc = new RpcOption();

  @Parameters(index = "0", description = "Transaction hash")
  String hash;

  @Override
  public Integer call() throws Exception {
    RpcClient client = rpc.client();
    JsonNode tx = client.call("eth_getTransactionByHash", hash);
    if (tx == null || tx.isNull()) {
      throw new CliException("unknown transaction " + hash);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    out.set("transaction", tx);
    out.set("receipt", client.call("eth_getTransactionReceipt", hash));
    System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    return 0;
  }
}
