package io.trestle.rpc.eth;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;

/**
 * Reads words off the interpreter stack a {@link io.trestle.evm.Tracer} is shown: four longs per word, most
 * significant first, the top of the stack at {@code stackSize - 1}. {@code fromTop} 0 is the top.
 */
final class StackWords {
  private StackWords() {}

  static byte[] bytes(long[] stack, int stackSize, int fromTop) {
    int base = 4 * (stackSize - 1 - fromTop);
    byte[] b = new byte[32];
    for (int limb = 0; limb < 4; limb++) {
      long v = stack[base + limb];
      for (int i = 7; i >= 0; i--) {
        b[limb * 8 + i] = (byte) v;
        v >>>= 8;
      }
    }
    return b;
  }

  static UInt256 word(long[] stack, int stackSize, int fromTop) {
    return UInt256.fromBytes(bytes(stack, stackSize, fromTop));
  }

  static Hash hash(long[] stack, int stackSize, int fromTop) {
    return Hash.wrap(bytes(stack, stackSize, fromTop));
  }

  /** The low 20 bytes, as the EVM reads an address operand. */
  static Address address(long[] stack, int stackSize, int fromTop) {
    return Address.wrap(java.util.Arrays.copyOfRange(bytes(stack, stackSize, fromTop), 12, 32));
  }

  /** The word as an int when it is below 2^31, else -1 (an offset or size no memory can reach). */
  static int smallInt(long[] stack, int stackSize, int fromTop) {
    int base = 4 * (stackSize - 1 - fromTop);
    if (stack[base] != 0 || stack[base + 1] != 0 || stack[base + 2] != 0) {
      return -1;
    }
    long low = stack[base + 3];
    return low >= 0 && low <= Integer.MAX_VALUE ? (int) low : -1;
  }

  /** {@code size} bytes of memory from {@code offset}, zeros past the live part (the opcode expands memory). */
  static byte[] memory(byte[] memory, int memorySize, int offset, int size) {
    byte[] out = new byte[size];
    if (offset < memorySize) {
      System.arraycopy(memory, offset, out, 0, Math.min(size, memorySize - offset));
    }
    return out;
  }
}
