package io.trestle.rpc.eth;

import io.trestle.core.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Decodes Solidity's {@code Error(string)} revert payload into its reason, for error messages. */
final class RevertReason {
  private static final int SELECTOR = 0x08c379a0;
  private static final int REASON_BYTES_MAX = 1024;

  private RevertReason() {}

  /** The reason string, or null when the output is not an Error(string) payload. */
  static String decode(Bytes output) {
    byte[] b = output.unsafeArray();
    if (b.length < 4 + 64) {
      return null;
    }
    int selector = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    if (selector != SELECTOR) {
      return null;
    }
    BigInteger offset = new BigInteger(1, java.util.Arrays.copyOfRange(b, 4, 36));
    if (offset.compareTo(BigInteger.valueOf(b.length)) > 0) {
      return null;
    }
    int at = 4 + offset.intValue();
    if (at + 32 > b.length) {
      return null;
    }
    BigInteger length = new BigInteger(1, java.util.Arrays.copyOfRange(b, at, at + 32));
    if (length.compareTo(BigInteger.valueOf(Math.min(REASON_BYTES_MAX, b.length - at - 32))) > 0) {
      return null;
    }
    return new String(b, at + 32, length.intValue(), StandardCharsets.UTF_8);
  }
}
