package io.trestle.evm.precompile;

/** A precompiled contract: a price for the input, then a pure function of it. */
public interface Precompile {
  /** Gas the call costs for {@code input}; Long.MAX_VALUE when it cannot be paid. */
  long gas(byte[] input);

  /** The output, or null when the input is invalid (the call fails and consumes all its gas). */
  byte[] run(byte[] input);
}
