package io.trestle.node.cli;

import io.trestle.core.Address;
import io.trestle.node.identity.ChainClient;

/** The identity commands' bridge from the CLI's RPC client and exceptions to {@link ChainClient}. */
final class IdentityClients {
  private IdentityClients() {}

  static ChainClient client(RpcOption rpc) throws CliException {
    RpcClient c = rpc.client();
    return new ChainClient((method, params) -> {
      try {
        return c.call(method, params);
      } catch (CliException e) {
        throw new ChainClient.Failure(e.getMessage());
      }
    });
  }

  /** A call into the client whose failures become one-line CLI failures. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws ChainClient.Failure, CliException;
  }

  static <T> T run(Step<T> step) throws CliException {
    try {
      return step.run();
    } catch (ChainClient.Failure e) {
      throw new CliException(e.getMessage());
    }
  }

  /** {@code 0x…} or a {@code name.trestle} that resolves to an address, for any command that takes an address. */
  static Address address(RpcClient rpc, String text, String option) throws CliException {
    ChainClient client = new ChainClient((method, params) -> {
      try {
        return rpc.call(method, params);
      } catch (CliException e) {
        throw new ChainClient.Failure(e.getMessage());
      }
    });
    try {
      return client.resolveAddress(text);
    } catch (ChainClient.Failure e) {
      throw new CliException(option + ": " + e.getMessage());
    }
  }
}
