package io.trestle.evm;

import io.trestle.crypto.KeccakF1600;

/**
 * Keccak-256 (original padding) for the interpreter: KECCAK256 writes its digest straight into a stack word, with
 * no digest object or byte array between (the sponge is {@link KeccakF1600}). It is the most common costly opcode,
 * so this matters for Mgas/s.
 */
final class Keccak {
  private Keccak() {}

  /** keccak256 of {@code data[off, off+len)} into {@code out[outOff, outOff+32)}. */
  static void hash(byte[] data, int off, int len, byte[] out, int outOff) {
    long[] s = new long[25];
    absorb(s, data, off, len);
    for (int i = 0; i < 4; i++) {
      long v = s[i];
      for (int j = 0; j < 8; j++) {
        out[outOff + 8 * i + j] = (byte) v;
        v >>>= 8;
      }
    }
  }

  static byte[] hash(byte[] data, int off, int len) {
    byte[] out = new byte[32];
    hash(data, off, len, out, 0);
    return out;
  }

  /** keccak256 of {@code data[off, off+len)} as a stack word at {@code b} (most significant limb first). */
  static void hashToWord(byte[] data, int off, int len, long[] stack, int b) {
    long[] s = new long[25];
    absorb(s, data, off, len);
    for (int i = 0; i < 4; i++) {
      stack[b + i] = Long.reverseBytes(s[i]);
    }
  }

  private static void absorb(long[] s, byte[] data, int off, int len) {
    KeccakF1600.absorbMessage(s, data, off, len);
  }
}
