package io.trestle.p2p;

import java.util.Arrays;
import java.util.Random;

/** Seeded byte mutations for fuzzing decoders with near-valid input: flips, overwrites, cuts and insertions. */
public final class Mutator {
  private Mutator() {}

  public static byte[] mutate(byte[] original, long seed) {
    Random random = new Random(seed);
    byte[] out = original.clone();
    int operations = 1 + random.nextInt(3);
    for (int i = 0; i < operations; i++) {
      int at = out.length == 0 ? 0 : random.nextInt(out.length);
      switch (random.nextInt(5)) {
        case 0 -> {
          if (out.length > 0) {
            out[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          if (out.length > 0) {
            out[at] = (byte) random.nextInt(256);
          }
        }
        case 2 -> out = Arrays.copyOf(out, at);
        case 3 -> {
          byte[] extra = new byte[1 + random.nextInt(8)];
          random.nextBytes(extra);
          byte[] grown = new byte[out.length + extra.length];
          System.arraycopy(out, 0, grown, 0, at);
          System.arraycopy(extra, 0, grown, at, extra.length);
          System.arraycopy(out, at, grown, at + extra.length, out.length - at);
          out = grown;
        }
        default -> {
          if (out.length >= 4) {
            // lengths and counts live in 4-byte big-endian fields: make one huge, negative or zero
            int field = random.nextInt(out.length - 3);
            int value = switch (random.nextInt(3)) {
              case 0 -> Integer.MAX_VALUE;
              case 1 -> -1;
              default -> 0;
            };
            out[field] = (byte) (value >>> 24);
            out[field + 1] = (byte) (value >>> 16);
            out[field + 2] = (byte) (value >>> 8);
            out[field + 3] = (byte) value;
          }
        }
      }
    }
    return out;
  }
}
