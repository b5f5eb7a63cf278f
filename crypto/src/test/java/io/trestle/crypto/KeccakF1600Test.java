package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The one-shot Keccak-256 (our sponge) against BouncyCastle's digest behind the incremental hasher. */
class KeccakF1600Test {
  @Property(tries = 300)
  void oneShotHashAgreesWithBouncyCastle(@ForAll @Size(max = 1200) byte[] data) {
    assertArrayEquals(Keccak256.newHasher().update(data).digest(), Keccak256.hash(data));
  }

  @Property(tries = 200)
  void hashesOnlyTheGivenRange(
      @ForAll @Size(min = 1, max = 600) byte[] data, @ForAll @IntRange(max = 599) int from) {
    int offset = from % data.length;
    int length = data.length - offset;
    assertArrayEquals(
        Keccak256.newHasher().update(data, offset, length).digest(), Keccak256.hash(data, offset, length));
  }

  @Test
  void agreesWithBouncyCastleAtEveryLengthAroundTwoRateBlocks() {
    for (int len = 0; len <= 3 * 136 + 1; len++) {
      byte[] data = new byte[len];
      for (int i = 0; i < len; i++) {
        data[i] = (byte) (i * 31 + len);
      }
      assertArrayEquals(Keccak256.newHasher().update(data).digest(), Keccak256.hash(data), "length " + len);
    }
  }

  @Test
  void rejectsARangeOutsideTheArray() {
    byte[] data = new byte[10];
    assertThrows(IndexOutOfBoundsException.class, () -> Keccak256.hash(data, 5, 6));
    assertThrows(IndexOutOfBoundsException.class, () -> Keccak256.hash(data, -1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> Keccak256.hash(data, 0, -1));
  }
}
