package io.trestle.evm.abi;

import io.trestle.core.Bytes;
import java.nio.charset.StandardCharsets;

/** Solidity ABI helpers (the full codec grows in this package). */
public final class Abi {
  /** The selector of {@code Error(string)}. */
  public static final byte[] ERROR_SELECTOR = {0x08, (byte) 0xc3, 0x79, (byte) 0xa0};

  private Abi() {}

  /** {@code Error(string)} revert data for {@code reason}. */
  public static Bytes encodeError(String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 31) / 32 * 32;
    byte[] out = new byte[4 + 32 + 32 + padded];
    System.arraycopy(ERROR_SELECTOR, 0, out, 0, 4);
    out[4 + 31] = 0x20;
    putInt(out, 4 + 32 + 28, text.length);
    System.arraycopy(text, 0, out, 4 + 64, text.length);
    return Bytes.wrap(out);
  }

  private static void putInt(byte[] out, int pos, int v) {
    out[pos] = (byte) (v >>> 24);
    out[pos + 1] = (byte) (v >>> 16);
    out[pos + 2] = (byte) (v >>> 8);
    out[pos + 3] = (byte) v;
  }
}
