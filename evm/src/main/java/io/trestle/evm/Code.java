package io.trestle.evm;

import io.trestle.core.Hash;

/**
 * Contract code with its pre-decoded jump-destination bitmap: bit i is set when byte i is a JUMPDEST opcode
 * and not part of a PUSH immediate. Immutable once built; shared between transactions by {@link CodeCache}.
 */
final class Code {
  final Hash hash;
  final byte[] bytes;
  private final long[] jumpDests;

  Code(Hash hash, byte[] bytes) {
    this.hash = hash;
    this.bytes = bytes;
    this.jumpDests = analyse(bytes);
  }

  private static long[] analyse(byte[] code) {
    long[] bits = new long[(code.length + 63) >>> 6];
    int pc = 0;
    while (pc < code.length) {
      int op = code[pc] & 0xff;
      if (op == Opcodes.JUMPDEST) {
        bits[pc >>> 6] |= 1L << (pc & 63);
        pc++;
      } else if (op >= Opcodes.PUSH1 && op <= Opcodes.PUSH32) {
        pc += op - Opcodes.PUSH1 + 2;
      } else {
        pc++;
      }
    }
    return bits;
  }

  boolean isJumpDest(long dest) {
    if (dest < 0 || dest >= bytes.length) {
      return false;
    }
    int d = (int) dest;
    return (jumpDests[d >>> 6] & (1L << (d & 63))) != 0;
  }

  int size() {
    return bytes.length;
  }
}
