package io.trestle.services.did;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Ed25519;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.SmSuite;
import io.trestle.evm.EvmLog;
import io.trestle.evm.TxResult;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiType;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class DidRegistryTest {
  static final Address ALICE = IdentityHarness.account(1);
  static final Address BOB = IdentityHarness.account(2);
  static final Address MALLORY = IdentityHarness.account(3);
  static final SecureRandom RANDOM = new SecureRandom();
  final IdentityHarness h = new IdentityHarness().fund(ALICE, BOB, MALLORY);
  final Address reg = DidRegistry.ADDRESS;

  static Bytes secpKey() {
    return Bytes.wrap(EthereumSuite.INSTANCE.generateKeyPair(RANDOM).publicKey());
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  List<Object> addKey(Address from, Address id, String keyId, KeyType type, Bytes key, int rel) {
    return h.ok(from, reg, DidRegistry.ADD_KEY, id, keyId, n(type.code()), key, n(rel));
  }

  @Test
  void anUntouchedAccountHasAnImplicitDidAtVersionZero() {
    DidRecord r = h.did(ALICE);
    assertEquals(0, r.versionCount());
    assertTrue(r.latest().keys().isEmpty());
    assertFalse(r.latest().deactivated());
    assertEquals(List.of(BigInteger.ZERO, false), h.ok(BOB, reg, DidRegistry.VERSION_OF, ALICE));
  }

  @Test
  void theAccountAddsAKeyAsANewVersionWithAnEvent() throws Exception {
    Bytes key = secpKey();
    TxResult r = h.call(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "key-1", n(1), key,
        n(DidRegistry.AUTHENTICATION | DidRegistry.KEY_AGREEMENT));
    assertTrue(r.isSuccess(), IdentityHarness.reason(r));
    EvmLog log = r.logs().get(0);
    assertEquals(DidRegistry.KEY_ADDED.topic0(), log.topics().get(0));
    assertEquals(Hash.wrap(io.trestle.evm.UInt256.fromBytes(ALICE.toArray()).toArray()), log.topics().get(1));
    assertEquals(Hash.wrap(io.trestle.evm.UInt256.valueOf(1).toArray()), log.topics().get(2));
    List<Object> data = AbiCodec.decode(List.of(AbiType.STRING, AbiType.uint(8), AbiType.BYTES, AbiType.uint(8)),
        log.data());
    assertEquals("key-1", data.get(0));

    DidRecord rec = h.did(ALICE);
    assertEquals(1, rec.versionCount());
    DidLayout.Key k = rec.latest().keys().get(0);
    assertEquals("key-1", k.id());
    assertEquals(KeyType.SECP256K1, k.type());
    assertEquals(key, Bytes.wrap(k.publicKey()));
    assertEquals(1, rec.stamp(1).blockNumber());
    assertEquals(h.timestampSeconds, rec.stamp(1).timestampSeconds());
  }

  @Test
  void strangersCannotChangeADid() {
    String reason = h.refused(MALLORY, reg, DidRegistry.ADD_KEY, ALICE, "evil", n(1), secpKey(), n(1));
    assertEquals("DidRegistry: " + MALLORY.toHex() + " is not a controller of did:trestle:1337:" + ALICE.toHex(),
        reason);
    assertEquals(0, h.did(ALICE).versionCount());
  }

  @Test
  void addedControllersMayChangeTheDidUntilRemoved() {
    h.ok(ALICE, reg, DidRegistry.ADD_CONTROLLER, ALICE, BOB);
    assertEquals(List.of(true), h.ok(MALLORY, reg, DidRegistry.IS_CONTROLLER, ALICE, BOB));
    addKey(BOB, ALICE, "by-bob", KeyType.SECP256K1, secpKey(), 1);
    h.ok(ALICE, reg, DidRegistry.REMOVE_CONTROLLER, ALICE, BOB);
    assertTrue(h.refused(BOB, reg, DidRegistry.ADD_KEY, ALICE, "again", n(1), secpKey(),
        n(1)).contains("is not a controller"));
    DidRecord rec = h.did(ALICE);
    assertEquals(List.of(BOB), rec.at(2).controllers());
    assertEquals(List.of(), rec.latest().controllers());
  }

  @Test
  void aDeactivatedControllerLosesControl() {
    h.ok(ALICE, reg, DidRegistry.ADD_CONTROLLER, ALICE, BOB);
    h.ok(BOB, reg, DidRegistry.DEACTIVATE, BOB);
    assertTrue(h.refused(BOB, reg, DidRegistry.ADD_KEY, ALICE, "k", n(1), secpKey(),
        n(1)).contains("is not a controller"));
  }

  @Test
  void revokingAKeyKeepsItInEarlierVersions() {
    addKey(ALICE, ALICE, "k1", KeyType.SECP256K1, secpKey(), 1);
    h.advance(10);
    h.ok(ALICE, reg, DidRegistry.REVOKE_KEY, ALICE, "k1");
    DidRecord rec = h.did(ALICE);
    assertEquals(1, rec.at(1).keys().size());
    assertTrue(rec.latest().keys().isEmpty());
    assertEquals(2, rec.keys().get(0).revokedVersion());
    assertEquals(List.of(n(2), n(1), n(1), n(1), n(2)).subList(4, 5),
        h.ok(BOB, reg, DidRegistry.KEY_OF, ALICE, "k1").subList(4, 5));
  }

  @Test
  void refusesToRevokeARevokedKeyAndNeverReusesItsId() {
    addKey(ALICE, ALICE, "k1", KeyType.SECP256K1, secpKey(), 1);
    h.ok(ALICE, reg, DidRegistry.REVOKE_KEY, ALICE, "k1");
    assertEquals("DidRegistry: key #k1 of did:trestle:1337:" + ALICE.toHex() + " is already revoked (version 2)",
        h.refused(ALICE, reg, DidRegistry.REVOKE_KEY, ALICE, "k1"));
    assertEquals("DidRegistry: key #k1 of did:trestle:1337:" + ALICE.toHex()
        + " was revoked at version 2; key ids are never reused",
        h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "k1", n(1), secpKey(), n(1)));
    assertTrue(h.refused(ALICE, reg, DidRegistry.REVOKE_KEY, ALICE, "nope").endsWith("has no key #nope"));
  }

  @Test
  void acceptsKeysOfAllThreeTypesInTheirUsualEncodings() {
    byte[] secp = EthereumSuite.INSTANCE.generateKeyPair(RANDOM).publicKey();
    byte[] sm2 = SmSuite.INSTANCE.generateKeyPair(RANDOM).publicKey();
    byte[] ed = Ed25519.generateKeyPair(RANDOM).publicKey();
    addKey(ALICE, ALICE, "secp", KeyType.SECP256K1, Bytes.wrap(PublicKeys.compress(secp)), 1);
    addKey(ALICE, ALICE, "sm2", KeyType.SM2, Bytes.wrap(sm2), DidRegistry.KEY_AGREEMENT);
    addKey(ALICE, ALICE, "ed", KeyType.ED25519, Bytes.wrap(ed), DidRegistry.ASSERTION_METHOD);
    List<DidLayout.Key> keys = h.did(ALICE).latest().keys();
    assertEquals(Bytes.wrap(secp), Bytes.wrap(keys.get(0).publicKey()), "compressed input is stored as x||y");
    assertEquals(Bytes.wrap(sm2), Bytes.wrap(keys.get(1).publicKey()));
    assertEquals(Bytes.wrap(ed), Bytes.wrap(keys.get(2).publicKey()));
  }

  @Test
  void refusesKeysThatAreNotPointsOrHaveTheWrongLength() {
    byte[] bad = EthereumSuite.INSTANCE.generateKeyPair(RANDOM).publicKey();
    bad[63] ^= 1;
    assertEquals("DidRegistry: secp256k1 key is not a point of the curve",
        h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "k", n(1), Bytes.wrap(bad), n(1)));
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "k", n(3), Bytes.wrap(new byte[31]), n(1))
        .contains("ed25519 key must be 32 bytes, got 31"));
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "k", n(9), secpKey(),
        n(1)).contains("key type 9 is unknown"));
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "k", n(3), Bytes.wrap(Ed25519.generateKeyPair(RANDOM)
        .publicKey()), n(DidRegistry.KEY_AGREEMENT)).contains("cannot be used for keyAgreement"));
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "bad id!", n(1), secpKey(), n(1)).contains("key id"));
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "k", n(1), secpKey(),
        n(0)).contains("relationships 0"));
  }

  @Test
  void deactivationIsFinalAndVisibleInTheVersion() {
    addKey(ALICE, ALICE, "k1", KeyType.SECP256K1, secpKey(), 1);
    h.ok(ALICE, reg, DidRegistry.DEACTIVATE, ALICE);
    assertEquals(List.of(n(2), true), h.ok(BOB, reg, DidRegistry.VERSION_OF, ALICE));
    assertEquals("DidRegistry: did:trestle:1337:" + ALICE.toHex() + " is deactivated (version 2)",
        h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "k2", n(1), secpKey(), n(1)));
    DidRecord rec = h.did(ALICE);
    assertFalse(rec.at(1).deactivated());
    assertTrue(rec.latest().deactivated());
  }

  @Test
  void servicesAreAddedRemovedAndReAdded() {
    h.ok(ALICE, reg, DidRegistry.ADD_SERVICE, ALICE, "files", "LinkedDomains", "https://alice.example/");
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_SERVICE, ALICE, "files", "LinkedDomains", "https://x.example/")
        .contains("already has a service #files"));
    h.ok(ALICE, reg, DidRegistry.REMOVE_SERVICE, ALICE, "files");
    h.ok(ALICE, reg, DidRegistry.ADD_SERVICE, ALICE, "files", "LinkedDomains", "https://new.example/");
    DidRecord rec = h.did(ALICE);
    assertEquals("https://alice.example/", rec.at(1).services().get(0).endpoint());
    assertTrue(rec.at(2).services().isEmpty());
    assertEquals("https://new.example/", rec.at(3).services().get(0).endpoint());
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_SERVICE, ALICE, "s2", "T",
        "not a uri").contains("service endpoint"));
  }

  @Test
  void resolvesTheVersionInForceAtATime() {
    long t0 = h.timestampSeconds;
    addKey(ALICE, ALICE, "k1", KeyType.SECP256K1, secpKey(), 1);
    h.advance(100);
    addKey(ALICE, ALICE, "k2", KeyType.SECP256K1, secpKey(), 1);
    DidRecord rec = h.did(ALICE);
    assertEquals(0, rec.versionAtTime(t0 - 1));
    assertEquals(1, rec.versionAtTime(t0));
    assertEquals(1, rec.versionAtTime(t0 + 99));
    assertEquals(2, rec.versionAtTime(t0 + 100));
  }

  @Test
  void limitsTheNumberOfKeysADidHolds() {
    for (int i = 0; i < DidLayout.KEYS_MAX; i++) {
      addKey(ALICE, ALICE, "k" + i, KeyType.SECP256K1, secpKey(), 1);
    }
    assertTrue(h.refused(ALICE, reg, DidRegistry.ADD_KEY, ALICE, "one-more", n(1), secpKey(), n(1))
        .contains("the most a DID may hold"));
  }

  @Test
  void malformedCallsAndValueAreRefusedWithReasons() {
    TxResult r = h.send(ALICE, reg, Bytes.fromHex("0x12"));
    assertEquals("DidRegistry: no function selector", IdentityHarness.reason(r));
    r = h.send(ALICE, reg, Bytes.fromHex("0xdeadbeef"));
    assertEquals("DidRegistry: unknown function selector 0xdeadbeef", IdentityHarness.reason(r));
    r = h.send(ALICE, reg, Bytes.wrap(DidRegistry.ADD_KEY.selector()).concat(Bytes.wrap(new byte[40])));
    assertTrue(IdentityHarness.reason(r).startsWith("DidRegistry: malformed arguments"));
  }
}
