package io.trestle.evm;

import io.trestle.core.Address;

/**
 * Observes execution for debug tracing ({@code debug_traceTransaction}'s struct logger and call tracer). Passed to
 * {@link TransactionProcessor#process(Message, BlockEnv, WorldView, Tracer)}; without one the interpreter pays
 * nothing. Arrays handed to a tracer are live views of the machine: copy what you keep. Tracers must not throw.
 */
public interface Tracer {
  /** The mnemonic of an opcode as geth's tracers print it, e.g. {@code PUSH1} or {@code opcode 0xef not defined}. */
  static String opcodeName(int opcode) {
    return Opcodes.name(opcode);
  }

  /**
   * Before an opcode runs. The stack holds {@code stackSize} words of four longs each (most significant limb
   * first), the top of stack last; the first {@code memorySize} bytes of {@code memory} are live.
   */
  default void onStep(int depth, int pc, int opcode, long gas, long refund, long[] stack, int stackSize,
      byte[] memory, int memorySize, Address address) {}

  /**
   * What the opcode of the last {@link #onStep} cost; for calls and creations this includes the gas handed to the
   * child. {@code error} is null unless the opcode halted its frame exceptionally.
   */
  default void onStepEnd(long gasCost, String error) {}

  /**
   * A message call or creation starts at {@code depth} (0 for the transaction itself). {@code type} is CALL,
   * CALLCODE, DELEGATECALL, STATICCALL, CREATE or CREATE2.
   */
  default void onEnter(int depth, String type, Address from, Address to, UInt256 value, long gas, byte[] input) {}

  /**
   * The call or creation entered last ends. {@code error} is null on success, "execution reverted" for REVERT,
   * otherwise the reason of the exceptional halt; {@code output} is the return or revert data.
   */
  default void onExit(int depth, long gasUsed, byte[] output, String error) {}
}
