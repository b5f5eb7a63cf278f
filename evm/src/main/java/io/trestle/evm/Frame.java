package io.trestle.evm;

import io.trestle.core.Address;

/**
 * One call frame: the code being run, its machine state (pc, stack of 256-bit words as four longs each with
 * the most significant limb first, memory, gas) and, while a child call is pending, what that child needs and
 * where its result goes.
 */
final class Frame {
  static final int STACK_LIMIT = 1024;
  static final int KIND_CALL = 0;
  static final int KIND_CREATE = 1;
  static final byte[] NO_BYTES = new byte[0];

  final int kind;
  final Code code;
  final Address address;
  final Address caller;
  final Address codeAddress;
  final UInt256 value;
  /** Call data is {@code input[inputOff, inputOff + inputLen)}: a view of the caller's memory, never copied. */
  final byte[] input;
  final int inputOff;
  final int inputLen;
  final boolean isStatic;
  final int depth;
  final int snapshot;
  final TxState.Account self;

  long gas;
  int pc;
  int sp;
  final long[] stack;
  byte[] memory = NO_BYTES;
  int memSize;
  byte[] returnData = NO_BYTES;
  byte[] output = NO_BYTES;
  /** Why the frame stopped, one of {@link Halt}'s codes. */
  int halt;

  // a pending child call or creation, filled by the interpreter before it suspends
  int pendingOp;
  Address pendingTarget;
  UInt256 pendingValue;
  long pendingGas;
  /** The child's input: {@code pendingInput[pendingInputOff, +pendingInputLen)} (this frame's memory). */
  byte[] pendingInput;
  int pendingInputOff;
  int pendingInputLen;
  long pendingRetOffset;
  long pendingRetSize;
  UInt256 pendingSalt;

  Frame(int kind, Code code, Address address, Address caller, Address codeAddress, UInt256 value, byte[] input,
      int inputOff, int inputLen, boolean isStatic, int depth, long gas, int snapshot, TxState.Account self,
      long[] stack) {
    this.kind = kind;
    this.code = code;
    this.address = address;
    this.caller = caller;
    this.codeAddress = codeAddress;
    this.value = value;
    this.input = input;
    this.inputOff = inputOff;
    this.inputLen = inputLen;
    this.isStatic = isStatic;
    this.depth = depth;
    this.gas = gas;
    this.snapshot = snapshot;
    this.self = self;
    this.stack = stack;
  }

  /**
   * Grows memory to {@code newSize} bytes (a multiple of 32), which the caller has paid for. Capacity grows by
   * at least a quarter so word-by-word expansion stays linear, and by at most a quarter more than was paid.
   */
  void growMemory(int newSize) {
    if (newSize > memory.length) {
      long cap = Math.max(newSize, memory.length + (memory.length >> 2));
      cap = Math.max(cap, Math.min(1024, Interpreter.MEMORY_LIMIT_BYTES));
      memory = java.util.Arrays.copyOf(memory, (int) Math.min(cap, Interpreter.MEMORY_LIMIT_BYTES));
    }
    memSize = newSize;
  }
}
