package io.trestle.node.cli;

import io.trestle.core.Address;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trestle balance ADDRESS}. */
@Command(name = "balance", mixinStandardHelpOptions = true, description = "Print an account's balance and nonce.")
final class BalanceCommand implements Callable<Integer> {
  @Mixin
  RpcOption rpc = new RpcOption();

  @Parameters(index = "0", description = "Account address")
  String address;

  @Option(names = "--block", description = "Block number or tag (default: ${DEFAULT-VALUE})", defaultValue = "latest")
  String block;

  @Override
  public Integer call() throws CliException {
    String a;
    try {
      a = Address.fromHex(address).toHex();
    } catch (IllegalArgumentException e) {
      throw new CliException("not an address: " + e.getMessage());
    }
    String tag = block.matches("\\d+") ? "0x" + Long.toHexString(Long.parseLong(block)) : block;
    RpcClient client = rpc.client();
    BigInteger wei = SendCommand.hexBig(client.call("eth_getBalance", a, tag));
    long nonce = SendCommand.hexLong(client.call("eth_getTransactionCount", a, tag));
    System.out.println("balance  " + Units.formatEther(wei) + " ETH (" + wei + " wei)");
    System.out.println("nonce    " + nonce);
    return 0;
  }
}
