package io.trestle.consensus.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.consensus.support.TestKeys;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.EthereumSuite;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {
  private static final TestKeys KEYS = new TestKeys(EthereumSuite.INSTANCE, 7);

  @Property
  void twoQuorumsShareMoreThanFAndTheHonestFormAQuorum(@ForAll @IntRange(min = 1, max = ValidatorSet.MAX_VALIDATORS) int n) {
    int q = 2 * n / 3 + 1;
    int f = (n - 1) / 3;
    assertTrue(2 * q - n >= f + 1, "quorum intersection for n=" + n);
    assertTrue(n - f >= q, "honest quorum for n=" + n);
  }

  @Test
  void quorumAndFaultToleranceFollowTheSetSize() {
    int[][] expected = {{1, 1, 0}, {2, 2, 0}, {3, 3, 0}, {4, 3, 1}, {5, 4, 1}, {6, 5, 1}, {7, 5, 2}};
    for (int[] e : expected) {
      ValidatorSet v = KEYS.firstN(e[0]);
      assertEquals(e[1], v.quorum(), "quorum of " + e[0]);
      assertEquals(e[2], v.maxFaulty(), "f of " + e[0]);
    }
  }

  @Test
  void leadersRotateRoundRobinByHeightAndRound() {
    ValidatorSet v = KEYS.firstN(4);
    assertEquals(v.get(1).address(), v.leader(1, 0));
    assertEquals(v.get(2).address(), v.leader(1, 1));
    assertEquals(v.get(0).address(), v.leader(1, 3));
    assertEquals(v.get(3).address(), v.leader(Long.MAX_VALUE, 0));
  }

  @Test
  void theHashChangesWithMembersAndOrder() {
    ValidatorSet a = KEYS.set(0, 1, 2, 3);
    assertEquals(a.hash(EthereumSuite.INSTANCE), KEYS.set(0, 1, 2, 3).hash(EthereumSuite.INSTANCE));
    assertNotEquals(a.hash(EthereumSuite.INSTANCE), KEYS.set(1, 0, 2, 3).hash(EthereumSuite.INSTANCE));
    assertNotEquals(a.hash(EthereumSuite.INSTANCE), KEYS.set(0, 1, 2, 4).hash(EthereumSuite.INSTANCE));
  }

  @Test
  void refusesEmptySetsAndRepeatedMembers() {
    assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(List.of()));
    Validator v = KEYS.firstN(1).get(0);
    assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(List.of(v, v)));
  }

  @Test
  void findsAnAddressThatDoesNotBelongToItsKey() {
    Validator real = KEYS.firstN(1).get(0);
    Validator wrong = new Validator(Address.ofLong(5), Bytes.of(real.publicKey().toArray()));
    assertTrue(KEYS.firstN(3).findMismatchedAddress(EthereumSuite.INSTANCE).isEmpty());
    assertEquals(Address.ofLong(5), ValidatorSet.of(List.of(real, wrong)).findMismatchedAddress(EthereumSuite.INSTANCE).orElseThrow());
  }
}
