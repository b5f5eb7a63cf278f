package io.trestle.evm.system;

import io.trestle.core.Bytes;
import io.trestle.evm.abi.Abi;
import java.util.Objects;

/** What a system contract returns: output on success, or revert data (the unused gas goes back to the caller). */
public record SystemResult(boolean success, Bytes data) {
  public SystemResult {
    Objects.requireNonNull(data, "data");
  }

  public static SystemResult success(Bytes output) {
    return new SystemResult(true, output);
  }

  public static SystemResult revert(Bytes data) {
    return new SystemResult(false, data);
  }

  /** Reverts with Solidity's {@code Error(string)} encoding, which ethers.js and web3j decode as the reason. */
  public static SystemResult revert(String reason) {
    return new SystemResult(false, Abi.encodeError(reason));
  }
}
