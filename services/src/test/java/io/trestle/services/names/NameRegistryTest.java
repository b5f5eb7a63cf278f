package io.trestle.services.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.services.did.DidRegistry;
import io.trestle.services.did.IdentityHarness;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRegistryTest {
  static final Address ALICE = IdentityHarness.account(1);
  static final Address BOB = IdentityHarness.account(2);
  static final BigInteger YEAR = BigInteger.valueOf(365L * 24 * 3600);
  final IdentityHarness h = new IdentityHarness().fund(ALICE, BOB);
  final Address reg = NameRegistry.ADDRESS;

  List<Object> resolve(String name) {
    return h.ok(BOB, reg, NameRegistry.RESOLVE, name);
  }

  @Test
  void registersAndResolvesAddressAndDid() {
    List<Object> out = h.ok(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", ALICE, YEAR);
    assertEquals(BigInteger.valueOf(h.timestampSeconds).add(YEAR), out.get(0));
    h.ok(ALICE, reg, NameRegistry.SET_ADDRESS, "acme.trestle", BOB);
    String did = "did:trestle:1337:" + ALICE.toHex();
    h.ok(ALICE, reg, NameRegistry.SET_DID, "acme.trestle", did);
    List<Object> r = resolve("acme.trestle");
    assertEquals(List.of(ALICE, BOB, did, BigInteger.valueOf(h.timestampSeconds).add(YEAR), true), r);
  }

  @Test
  void aTakenNameCannotBeRegisteredAgainUntilItsGracePeriodEnds() {
    h.ok(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", ALICE,
        BigInteger.valueOf(NameRegistry.DURATION_SECONDS_MIN));
    h.ok(ALICE, reg, NameRegistry.SET_ADDRESS, "acme.trestle", ALICE);
    assertTrue(h.refused(BOB, reg, NameRegistry.REGISTER, "acme.trestle", BOB, YEAR).contains("is registered until"));
    h.advance(NameRegistry.DURATION_SECONDS_MIN);
    assertEquals(false, resolve("acme.trestle").get(4));
    assertTrue(h.refused(BOB, reg, NameRegistry.REGISTER, "acme.trestle", BOB, YEAR).contains("grace period"));
    h.advance(NameRegistry.GRACE_SECONDS);
    h.ok(BOB, reg, NameRegistry.REGISTER, "acme.trestle", BOB, YEAR);
    List<Object> r = resolve("acme.trestle");
    assertEquals(BOB, r.get(0));
    assertEquals(Address.ZERO, r.get(1), "the new owner does not inherit the old address record");
  }

  @Test
  void theOwnerRenewsDuringGraceButStrangersCannot() {
    h.ok(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", ALICE,
        BigInteger.valueOf(NameRegistry.DURATION_SECONDS_MIN));
    h.advance(NameRegistry.DURATION_SECONDS_MIN + 10);
    assertTrue(h.refused(BOB, reg, NameRegistry.RENEW, "acme.trestle", YEAR).contains("does not own"));
    h.ok(ALICE, reg, NameRegistry.RENEW, "acme.trestle", YEAR);
    assertEquals(true, resolve("acme.trestle").get(4));
  }

  @Test
  void onlyTheOwnerChangesRecordsAndTransfers() {
    h.ok(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", ALICE, YEAR);
    assertTrue(h.refused(BOB, reg, NameRegistry.SET_ADDRESS, "acme.trestle",
        BOB).contains("does not own acme.trestle"));
    h.ok(ALICE, reg, NameRegistry.TRANSFER, "acme.trestle", BOB);
    assertTrue(h.refused(ALICE, reg, NameRegistry.SET_ADDRESS, "acme.trestle", ALICE).contains("does not own"));
    h.ok(BOB, reg, NameRegistry.SET_ADDRESS, "acme.trestle", BOB);
    assertEquals(BOB, resolve("acme.trestle").get(0));
  }

  @Test
  void reverseRecordsCountOnlyWhileTheNameResolvesBack() {
    h.ok(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", ALICE, YEAR);
    assertTrue(h.refused(ALICE, reg, NameRegistry.SET_REVERSE, "acme.trestle").contains("not to the caller"));
    h.ok(ALICE, reg, NameRegistry.SET_ADDRESS, "acme.trestle", ALICE);
    h.ok(ALICE, reg, NameRegistry.SET_REVERSE, "acme.trestle");
    assertEquals(List.of("acme.trestle"), h.ok(BOB, reg, NameRegistry.REVERSE_OF, ALICE));
    h.ok(ALICE, reg, NameRegistry.SET_ADDRESS, "acme.trestle", BOB);
    assertEquals(List.of(""), h.ok(BOB, reg, NameRegistry.REVERSE_OF, ALICE));
  }

  @Test
  void refusesADeactivatedDidOfThisChain() {
    h.ok(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", ALICE, YEAR);
    h.ok(BOB, DidRegistry.ADDRESS, DidRegistry.DEACTIVATE, BOB);
    String did = "did:trestle:1337:" + BOB.toHex();
    assertEquals("NameRegistry: " + did + " is deactivated", h.refused(ALICE, reg, NameRegistry.SET_DID,
        "acme.trestle", did));
    assertTrue(h.refused(ALICE, reg, NameRegistry.SET_DID, "acme.trestle", "not a did").contains("is not a DID"));
    h.ok(ALICE, reg, NameRegistry.SET_DID, "acme.trestle", "did:web:acme.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab.trestle", "Acme.trestle", "acme", "acme.eth", "-acme.trestle", "acme-.trestle",
      "ac me.trestle",
      "a.b.trestle", "ａｃｍｅ.trestle"})
  void refusesMalformedNamesWithAReason(String name) {
    String problem = Names.problem(name);
    assertTrue(problem != null && !problem.isBlank(), name);
    assertEquals("NameRegistry: " + problem,
        h.refused(ALICE, reg, NameRegistry.REGISTER, name, ALICE, YEAR));
  }

  @Test
  void acceptsWellFormedNames() {
    assertNull(Names.problem("acme.trestle"));
    assertNull(Names.problem("a-1.trestle"));
    assertNull(Names.problem("x".repeat(63) + ".trestle"));
    assertTrue(Names.problem("x".repeat(64) + ".trestle") != null);
  }

  @Test
  void refusesDurationsOutsideTheLimits() {
    assertTrue(h.refused(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", ALICE,
        BigInteger.TEN).contains("duration 10 s"));
    assertTrue(h.refused(ALICE, reg, NameRegistry.REGISTER, "acme.trestle", Address.ZERO,
        YEAR).contains("zero address"));
  }
}
