package io.trestle.services.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BatchMerkleTest {
  static List<byte[]> digests(int n, int salt) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(HashAlgorithm.SHA256.hash(new byte[] {(byte) i, (byte) (i >> 8), (byte) salt}));
    }
    return out;
  }

  @Property(tries = 300)
  void everyLeafIsProvenByItsPath(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0,
      max = 299) int i,
      @ForAll boolean sm3) {
    int index = i % n;
    HashAlgorithm h = sm3 ? HashAlgorithm.SM3 : HashAlgorithm.SHA256;
    List<byte[]> d = digests(n, 7);
    byte[] root = BatchMerkle.root(h, d);
    List<byte[]> path = BatchMerkle.path(h, d, index);
    assertTrue(BatchMerkle.verify(h, d.get(index), index, n, path, root));
    List<byte[]> fromAll = BatchMerkle.paths(h, d).get(index);
    assertEquals(path.size(), fromAll.size());
    for (int j = 0; j < path.size(); j++) {
      assertArrayEquals(path.get(j), fromAll.get(j));
    }
  }

  @Property(tries = 200)
  void aPathProvesNothingForAnotherPositionOrDigest(@ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 0, max = 199) int i) {
    int index = i % n;
    HashAlgorithm h = HashAlgorithm.SHA256;
    List<byte[]> d = digests(n, 3);
    byte[] root = BatchMerkle.root(h, d);
    List<byte[]> path = BatchMerkle.path(h, d, index);
    assertFalse(BatchMerkle.verify(h, d.get(index), (index + 1) % n, n, path, root));
    assertFalse(BatchMerkle.verify(h, d.get((index + 1) % n), index, n, path, root));
    if (!path.isEmpty()) {
      List<byte[]> bent = new ArrayList<>(path);
      byte[] first = bent.get(0).clone();
      first[0] ^= 1;
      bent.set(0, first);
      assertFalse(BatchMerkle.verify(h, d.get(index), index, n, bent, root));
    }
  }

  @Test
  void followsRfc9162ForThreeLeaves() {
    HashAlgorithm h = HashAlgorithm.SHA256;
    List<byte[]> d = digests(3, 1);
    byte[] l0 = BatchMerkle.leafHash(h, d.get(0));
    byte[] l1 = BatchMerkle.leafHash(h, d.get(1));
    byte[] l2 = BatchMerkle.leafHash(h, d.get(2));
    byte[] expected = BatchMerkle.nodeHash(h, BatchMerkle.nodeHash(h, l0, l1), l2);
    assertArrayEquals(expected, BatchMerkle.root(h, d));
    assertArrayEquals(l0, BatchMerkle.root(h, d.subList(0, 1)));
    byte[] leaf0 = new byte[33];
    System.arraycopy(d.get(0), 0, leaf0, 1, 32);
    assertArrayEquals(h.hash(leaf0), l0, "leaves are hashed with a 0x00 prefix");
  }

  @Test
  void refusesImpossiblePositions() {
    assertNull(BatchMerkle.rootFromPath(HashAlgorithm.SHA256, new byte[32], 5, 5, List.of()));
    assertNull(BatchMerkle.rootFromPath(HashAlgorithm.SHA256, new byte[32], 0, 0, List.of()));
    assertNull(BatchMerkle.rootFromPath(HashAlgorithm.SHA256, new byte[32], 0, 4, List.of(new byte[32])));
  }
}
