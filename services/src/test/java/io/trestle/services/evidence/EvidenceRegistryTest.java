package io.trestle.services.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.SmSuite;
import io.trestle.evm.EvmLog;
import io.trestle.evm.TxResult;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiType;
import io.trestle.services.did.DidRegistry;
import io.trestle.services.did.IdentityHarness;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceRegistryTest {
  static final Address ALICE = IdentityHarness.account(1);
  static final Address BOB = IdentityHarness.account(2);
  final IdentityHarness h = new IdentityHarness().fund(ALICE, BOB);
  final Address reg = EvidenceRegistry.ADDRESS;

  static Bytes sha(String s) {
    return Bytes.wrap(HashAlgorithm.SHA256.hash(s.getBytes(StandardCharsets.UTF_8)));
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  EvidenceLayout.Record record(long id) throws Exception {
    return EvidenceLayout.read(h.storage(reg), id);
  }

  @Test
  void notarizesADigestBoundToTheSubmittersDidVersion() throws Exception {
    h.ok(ALICE, DidRegistry.ADDRESS, DidRegistry.ADD_SERVICE, ALICE, "web", "LinkedDomains", "https://alice.example");
    TxResult r = h.call(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("contract.pdf"), n(1), "urn:doc:42");
    assertTrue(r.isSuccess(), IdentityHarness.reason(r));
    assertEquals(List.of(BigInteger.ONE), EvidenceRegistry.NOTARIZE.decodeOutput(r.output()));
    EvmLog log = r.logs().get(0);
    assertEquals(EvidenceRegistry.NOTARIZED.topic0(), log.topics().get(0));
    List<Object> data = AbiCodec.decode(List.of(AbiType.uint(8), AbiType.BYTES, AbiType.STRING, AbiType.uint(32),
        AbiType.uint(8)), log.data());
    assertEquals(List.of(BigInteger.ONE, sha("contract.pdf"), "urn:doc:42", BigInteger.ONE, BigInteger.ZERO), data);

    EvidenceLayout.Record rec = record(1);
    assertEquals(ALICE, rec.submitter());
    assertArrayEquals(sha("contract.pdf").toArray(), rec.digest());
    assertEquals("urn:doc:42", rec.metadata());
    assertEquals(1, rec.didVersion());
    assertEquals(h.blockNumber, rec.blockNumber());
    assertEquals(h.timestampSeconds, rec.timestampSeconds());
  }

  @Test
  void notarizingTheSameDigestAgainAnswersWithTheFirstRecordAndChangesNothing() {
    h.ok(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("a"), n(1), "first");
    TxResult again = h.call(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("a"), n(1), "second");
    assertTrue(again.isSuccess());
    assertTrue(again.logs().isEmpty());
    assertTrue(again.stateDiff().get(reg) == null || again.stateDiff().get(reg).storage().isEmpty(),
        "no storage written");
    assertEquals(List.of(BigInteger.ONE), h.ok(BOB, reg, EvidenceRegistry.LOOKUP, sha("a"), n(1), ALICE));
    assertEquals(List.of(BigInteger.TWO), h.ok(BOB, reg, EvidenceRegistry.NOTARIZE, sha("a"), n(1), ""),
        "another submitter gets its own record");
  }

  @Test
  void findsRecordsByDigestAndBySubmitterNewestFirst() {
    h.ok(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("a"), n(1), "");
    h.ok(BOB, reg, EvidenceRegistry.NOTARIZE, sha("a"), n(1), "");
    h.ok(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("b"), n(1), "");
    assertEquals(List.of(List.of(n(2), n(1))), h.ok(BOB, reg, EvidenceRegistry.FIND_BY_DIGEST, sha("a"), n(1), n(0),
        n(10)));
    assertEquals(List.of(List.of(n(3), n(1))), h.ok(BOB, reg, EvidenceRegistry.FIND_BY_SUBMITTER, ALICE, n(0), n(10)));
    assertEquals(List.of(List.of(n(1))), h.ok(BOB, reg, EvidenceRegistry.FIND_BY_SUBMITTER, ALICE, n(3), n(10)));
    assertEquals(List.of(List.of(n(3))), h.ok(BOB, reg, EvidenceRegistry.FIND_BY_SUBMITTER, ALICE, n(0), n(1)));
    assertTrue(h.refused(BOB, reg, EvidenceRegistry.FIND_BY_SUBMITTER, ALICE, n(0), n(101)).contains("limit 101"));
  }

  @Test
  void refusesWrongDigestLengthsAndUnknownAlgorithms() {
    assertEquals("Evidence: sha-256 digests are 32 bytes, got 31",
        h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE, Bytes.wrap(new byte[31]), n(1), ""));
    assertEquals("Evidence: sha-512 digests are 64 bytes, got 32",
        h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("x"), n(3), ""));
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("x"), n(7),
        "").contains("hash algorithm 7 is unknown"));
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("x"), n(1), "m".repeat(1025))
        .contains("metadata of 1025 bytes"));
  }

  @Test
  void aDeactivatedDidMayNotNotarize() {
    h.ok(ALICE, DidRegistry.ADDRESS, DidRegistry.DEACTIVATE, ALICE);
    assertEquals("Evidence: submitter did:trestle:1337:" + ALICE.toHex()
        + " is deactivated (version 1) and may not notarize",
        h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("x"), n(1), ""));
  }

  @Test
  void supersedeAndRevokeKeepTheOriginal() throws Exception {
    h.ok(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("v1"), n(1), "v1");
    assertEquals(List.of(n(2)), h.ok(ALICE, reg, EvidenceRegistry.SUPERSEDE, n(1), sha("v2"), n(1), "v2"));
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.SUPERSEDE, n(1), sha("v3"), n(1),
        "").contains("already superseded by 2"));
    assertTrue(h.refused(BOB, reg, EvidenceRegistry.REVOKE, n(2), "no").contains("was submitted by"));
    h.ok(ALICE, reg, EvidenceRegistry.REVOKE, n(2), "signed in error");
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.REVOKE, n(2), "again").contains("already revoked"));
    EvidenceLayout.Record old = record(1);
    EvidenceLayout.Record neu = record(2);
    assertEquals(2, old.supersededBy());
    assertArrayEquals(sha("v1").toArray(), old.digest());
    assertEquals(1, neu.supersedes());
    assertTrue(neu.revoked());
    assertEquals("signed in error", neu.revocationReason());
    assertArrayEquals(sha("v2").toArray(), neu.digest());
    List<Object> view = h.ok(BOB, reg, EvidenceRegistry.RECORD, n(2));
    assertEquals(true, view.get(12));
  }

  @Test
  void storesAClearOriginalOnlyWhenItMatchesTheDigest() throws Exception {
    byte[] original = "small original".getBytes(StandardCharsets.UTF_8);
    Bytes digest = Bytes.wrap(HashAlgorithm.SHA256.hash(original));
    assertEquals("Evidence: the original's sha-256 digest is not the digest given",
        h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, sha("other"), n(1), "", n(1),
            Bytes.wrap(original),
            List.of(), List.of()));
    h.ok(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, digest, n(1), "", n(1), Bytes.wrap(original),
        List.of(), List.of());
    assertArrayEquals(original, EvidenceLayout.content(h.storage(reg), 1));
    assertEquals(ContentMode.CLEAR, record(1).contentMode());
    byte[] big = new byte[ContentMode.ORIGINAL_BYTES_MAX + 1];
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, Bytes.wrap(HashAlgorithm.SHA256.hash(big)),
        n(1), "", n(1), Bytes.wrap(big), List.of(), List.of()).contains("exceeds 65536"));
  }

  @Test
  void encryptedOriginalsNeedCurrentKeyAgreementKeysOfActiveDids() throws Exception {
    byte[] bobKey = SmSuite.INSTANCE.generateKeyPair(new SecureRandom()).publicKey();
    h.ok(BOB, DidRegistry.ADDRESS, DidRegistry.ADD_KEY, BOB, "enc", n(2), Bytes.wrap(bobKey),
        n(DidRegistry.KEY_AGREEMENT));
    h.ok(BOB, DidRegistry.ADDRESS, DidRegistry.ADD_KEY, BOB, "sig", n(2), Bytes.wrap(bobKey),
        n(DidRegistry.AUTHENTICATION));
    String bob = "did:trestle:1337:" + BOB.toHex();
    Bytes sealed = Bytes.wrap(new byte[60]);
    Bytes wrapped = Bytes.wrap(new byte[129]);
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, sha("x"), n(1), "", n(3), sealed,
        List.of(bob + "#sig"), List.of(wrapped)).contains("is not a keyAgreement key"));
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, sha("x"), n(1), "", n(3), sealed,
        List.of(bob), List.of(wrapped)).contains("must name a key"));
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, sha("x"), n(1), "", n(3), sealed,
        List.of("did:trestle:99:" + BOB.toHex() + "#enc"), List.of(wrapped)).contains("is not a DID of this chain"));
    h.ok(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, sha("x"), n(1), "", n(3), sealed, List.of(bob + "#enc"),
        List.of(wrapped));
    List<EvidenceLayout.Recipient> rs = EvidenceLayout.recipients(h.storage(reg), 1);
    assertEquals(bob + "#enc", rs.get(0).didUrl());
    assertArrayEquals(wrapped.toArray(), rs.get(0).wrappedKey());

    h.ok(BOB, DidRegistry.ADDRESS, DidRegistry.REVOKE_KEY, BOB, "enc");
    assertEquals("Evidence: key #enc of recipient " + bob + " is revoked (version 3)",
        h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, sha("y"), n(1), "", n(3), sealed,
            List.of(bob + "#enc"), List.of(wrapped)));
    h.ok(BOB, DidRegistry.ADDRESS, DidRegistry.DEACTIVATE, BOB);
    assertEquals("Evidence: recipient " + bob + " is deactivated",
        h.refused(ALICE, reg, EvidenceRegistry.NOTARIZE_WITH_CONTENT, sha("y"), n(1), "", n(3), sealed,
            List.of(bob + "#enc"), List.of(wrapped)));
  }

  @Test
  void anchorsABatchRootOnce() throws Exception {
    Bytes root = sha("root");
    assertEquals(List.of(BigInteger.ONE), h.ok(ALICE, reg, EvidenceRegistry.ANCHOR_BATCH, root, n(1), n(1000),
        "batch-7"));
    assertEquals(List.of(BigInteger.ONE), h.ok(ALICE, reg, EvidenceRegistry.ANCHOR_BATCH, root, n(1), n(1000),
        "batch-7"));
    EvidenceLayout.Record r = record(1);
    assertTrue(r.batch());
    assertEquals(1000, r.leafCount());
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.ANCHOR_BATCH, sha("r2"), n(3), n(10),
        "").contains("cannot build batch"));
    assertTrue(h.refused(ALICE, reg, EvidenceRegistry.ANCHOR_BATCH, sha("r2"), n(1), n(0),
        "").contains("leaf count 0"));
  }

  @Test
  void aSingleNotarizationWritesFiveNewSlots() {
    h.ok(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("warm-up"), n(1), "");
    TxResult r = h.call(ALICE, reg, EvidenceRegistry.NOTARIZE, sha("gas"), n(1), "");
    // five new slots (record header, links, digest, digest list head, dedupe) and two updated (counter, submitter head)
    assertTrue(r.gasUsed() > 5 * 22_100 && r.gasUsed() < 5 * 22_100 + 2 * 5_000 + 40_000, "gas used " + r.gasUsed());
  }
}
