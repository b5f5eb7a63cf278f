package io.trestle.crypto;

import java.math.BigInteger;

/** Fixed-width big-endian conversions of unsigned integers. */
public final class Ints {
  private Ints() {}

  /** The unsigned big-endian form of {@code value}, left-padded with zeros to {@code width} bytes. */
  public static byte[] toFixed(BigInteger value, int width) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    byte[] raw = value.toByteArray();
    int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
    int len = raw.length - start;
    if (len > width) {
      throw new IllegalArgumentException("value needs " + len + " bytes, width is " + width);
    }
    byte[] out = new byte[width];
    System.arraycopy(raw, start, out, width - len, len);
    return out;
  }

  public static BigInteger unsigned(byte[] bytes) {
    return new BigInteger(1, bytes);
  }
}
