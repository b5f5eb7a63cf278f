package io.trestle.evm.precompile;

import java.math.BigInteger;

/**
 * 0x05 modular exponentiation (EIP-198) priced by EIP-2565. Lengths come from the input and may be absurd: they
 * are priced before anything is allocated, and a length that cannot be paid for is never read.
 */
final class ModExp implements Precompile {
  static final ModExp INSTANCE = new ModExp();
  /** Lengths beyond this cost more gas than exists; treated as unpayable without further arithmetic. */
  private static final long LENGTH_LIMIT = 1L << 32;

  private ModExp() {}

  private static BigInteger lengthAt(byte[] input, int offset) {
    return new BigInteger(1, slice(input, offset, 32));
  }

  /** {@code len} bytes of {@code input} from {@code offset}, zero-padded past its end. */
  static byte[] slice(byte[] input, long offset, int len) {
    byte[] out = new byte[len];
    if (offset < input.length) {
      int avail = (int) Math.min(len, input.length - offset);
      System.arraycopy(input, (int) offset, out, 0, avail);
    }
    return out;
  }

  @Override
  public long gas(byte[] input) {
    BigInteger baseLenBig = lengthAt(input, 0);
    BigInteger expLenBig = lengthAt(input, 32);
    BigInteger modLenBig = lengthAt(input, 64);
    BigInteger maxLen = baseLenBig.max(modLenBig);
    if (maxLen.bitLength() > 32) {
      return Long.MAX_VALUE;
    }
    long words = (maxLen.longValue() + 7) / 8;
    long complexity = words * words;
    long iterations;
    if (expLenBig.bitLength() > 32) {
      if (complexity == 0) {
        return 200;
      }
      return Long.MAX_VALUE;
    }
    long baseLen = baseLenBig.longValue();
    long expLen = expLenBig.longValue();
    int headLen = (int) Math.min(expLen, 32);
    BigInteger head = new BigInteger(1, slice(input, 96 + baseLen, headLen));
    if (expLen <= 32) {
      iterations = head.signum() == 0 ? 0 : head.bitLength() - 1;
    } else {
      iterations = 8 * (expLen - 32) + Math.max(head.bitLength() - 1, 0);
    }
    iterations = Math.max(iterations, 1);
    BigInteger gas =
        BigInteger.valueOf(complexity).multiply(BigInteger.valueOf(iterations)).divide(BigInteger.valueOf(3));
    if (gas.bitLength() > 62) {
      return Long.MAX_VALUE;
    }
    return Math.max(200, gas.longValue());
  }

  @Override
  public byte[] run(byte[] input) {
    BigInteger modLenBig = lengthAt(input, 64);
    if (modLenBig.signum() == 0) {
      return new byte[0];
    }
    BigInteger baseLenBig = lengthAt(input, 0);
    BigInteger expLenBig = lengthAt(input, 32);
    BigInteger limit = BigInteger.valueOf(LENGTH_LIMIT);
    if (baseLenBig.compareTo(limit) > 0 || expLenBig.compareTo(limit) > 0 || modLenBig.compareTo(limit) > 0) {
      return null;
    }
    long baseLen = baseLenBig.longValue();
    long expLen = expLenBig.longValue();
    long modLen = modLenBig.longValue();
    BigInteger base = new BigInteger(1, slice(input, 96, (int) baseLen));
    BigInteger exp = new BigInteger(1, slice(input, 96 + baseLen, (int) expLen));
    BigInteger mod = new BigInteger(1, slice(input, 96 + baseLen + expLen, (int) modLen));
    byte[] out = new byte[(int) modLen];
    if (mod.signum() == 0) {
      return out;
    }
    BigInteger r = base.modPow(exp, mod);
    byte[] raw = r.toByteArray();
    int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
    int n = raw.length - start;
    System.arraycopy(raw, start, out, out.length - n, n);
    return out;
  }
}
