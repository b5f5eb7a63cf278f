package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.core.Hash;
import io.trestle.crypto.Keccak256;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class KeccakTest {
  @Test
  void hashesTheEmptyStringToTheEmptyCodeHash() {
    assertEquals(Hash.EMPTY_KECCAK, Hash.wrap(Keccak.hash(new byte[0], 0, 0)));
  }

  @Test
  void agreesWithTheReferenceAroundTheRateBoundary() {
    for (int len = 0; len <= 300; len++) {
      byte[] data = new byte[len + 3];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 31 + len);
      }
      assertArrayEquals(reference(data, 3, len), Keccak.hash(data, 3, len), "length " + len);
    }
  }

  @Property(tries = 200)
  void agreesWithTheReference(@ForAll @Size(max = 2000) byte[] data) {
    byte[] expected = reference(data, 0, data.length);
    assertArrayEquals(expected, Keccak.hash(data, 0, data.length));
    long[] word = new long[4];
    Keccak.hashToWord(data, 0, data.length, word, 0);
    assertArrayEquals(expected, UInt256.of(word[0], word[1], word[2], word[3]).toArray());
  }

  /** BouncyCastle's digest (behind the incremental hasher), not the sponge both one-shot hashes share. */
  private static byte[] reference(byte[] data, int offset, int length) {
    return Keccak256.newHasher().update(data, offset, length).digest();
  }
}
