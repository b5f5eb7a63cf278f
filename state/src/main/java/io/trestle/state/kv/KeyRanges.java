package io.trestle.state.kv;

import java.util.Arrays;

/** Key arithmetic shared by the store implementations. */
public final class KeyRanges {
  private KeyRanges() {}

  /**
   * The smallest key greater than every key that starts with {@code prefix}, or {@code null} when there is none
   * (an empty prefix, or one made only of 0xff bytes).
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  /** Whether {@code key} lies in {@code [from, to)}, where a {@code null} bound is open. */
  static boolean inRange(byte[] key, byte[] fromInclusive, byte[] toExclusive) {
    return (fromInclusive == null || Arrays.compareUnsigned(key, fromInclusive) >= 0)
        && (toExclusive == null || Arrays.compareUnsigned(key, toExclusive) < 0);
  }
}
