package io.trestle.node.cli;

import picocli.CommandLine.Option;

/** The node to talk to. */
final class RpcOption {
  @Option(names = "--rpc", description = "JSON-RPC URL of a node (default: ${DEFAULT-VALUE})",
      defaultValue = "http://127.0.0.1:8545")
  String url;

  RpcClient client() throws CliException {
    return new RpcClient(url);
  }
}
