package io.trestle.services.assets;

import io.trestle.core.Bytes;
import io.trestle.evm.abi.Abi;

/** Ends a call as a revert: nothing it changed stays. Carries Error(string) or a callee's own revert data. */
final class Revert extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Bytes data;

  Revert(String reason) {
    super(reason, null, false, false);
    this.data = Abi.encodeError(reason);
  }

  private Revert(Bytes data) {
    super("callee reverted", null, false, false);
    this.data = data;
  }

  /** Passes a callee's revert data on unchanged (as Solidity bubbles it up). */
  static Revert bubble(Bytes data) {
    return new Revert(data);
  }

  Bytes data() {
    return data;
  }
}
