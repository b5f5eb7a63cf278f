package io.trestle.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.SigningDigest;
import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Signature;
import java.util.List;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A notarization on a running node yields a receipt that verifies offline against the genesis alone. */
class EvidenceReceiptTest {
  static LocalChain chain;
  static byte[] file = "warehouse receipt #4711".getBytes(StandardCharsets.UTF_8);
  static EvidenceReceipt receipt;

  @BeforeAll
  static void notarize(@TempDir Path dir) throws Exception {
    chain = LocalChain.start(dir, 200);
    Bytes digest = Bytes.wrap(HashAlgorithm.SHA256.hash(file));
    JsonNode r = chain.client.transact(LocalChain.ALICE, EvidenceRegistry.ADDRESS,
        ChainClient.encode(EvidenceRegistry.NOTARIZE, digest, BigInteger.ONE, "urn:test:4711"), 30);
    receipt = chain.client.awaitEvidenceReceipt(r.get("transactionHash").asText(), 0, 30);
  }

  @AfterAll
  static void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void aFreshReceiptPassesEveryCheckIncludingTheFile() {
    ReceiptVerifier.Verdict v = new ReceiptVerifier(Trust.of(chain.genesis)).verify(ReceiptJson.write(receipt), file);
    assertTrue(v.valid(), v.toString());
    assertEquals(ReceiptVerifier.CHECKS.length, v.checks().size());
    assertTrue(v.checks().stream().allMatch(c -> c.outcome() == ReceiptVerifier.Outcome.PASS), v.toString());
  }

  @Test
  void anotherFileFailsTheFileCheckOnly() {
    ReceiptVerifier.Verdict v = new ReceiptVerifier(Trust.of(chain.genesis)).verify(ReceiptJson.write(receipt),
        "another file".getBytes(StandardCharsets.UTF_8));
    assertFalse(v.valid());
    assertEquals("file", v.failure().orElseThrow().name());
  }

  static EvidenceReceipt withCertificate(EvidenceReceipt r, CommitCertificate cert) {
    return new EvidenceReceipt(r.version(), r.chain(), r.evidence(), r.transaction(), r.block(), r.receipt(), r.log(),
        new EvidenceReceipt.Certification(r.certification().height(), r.certification().header(),
            Hex.encodePrefixed(cert.encode())), r.validatorSet());
  }

  static CommitCertificate certificate(EvidenceReceipt r) throws Exception {
    return CommitCertificate.decode(Hex.decode(r.certification().certificate().substring(2)));
  }

  String refusal(EvidenceReceipt r) {
    ReceiptVerifier.Verdict v = new ReceiptVerifier(Trust.of(chain.genesis)).verify(r, null);
    assertFalse(v.valid());
    ReceiptVerifier.Check f = v.failure().orElseThrow();
    return f.name() + ": " + f.detail();
  }

  @Test
  void refusesCertificatesWithTooFewDuplicatedForeignOrAlteredSignatures() throws Exception {
    CommitCertificate good = certificate(receipt);
    VoteSignature sig = good.signatures().get(0);
    assertTrue(refusal(withCertificate(receipt, new CommitCertificate(good.height(), good.round(), good.blockHash(),
        List.of()))).contains("too few signatures: 0 of 1 validators signed, quorum is 1"));
    assertTrue(refusal(withCertificate(receipt, new CommitCertificate(good.height(), good.round(), good.blockHash(),
        List.of(sig, sig)))).contains("signed twice (duplicate signature)"));
    KeyPair stranger = EthereumSuite.INSTANCE.keyPair(LocalChain.key(0x77));
    byte[] digest = SigningDigest.vote(EthereumSuite.INSTANCE, VoteKind.COMMIT, chain.genesis.chainId(), good.height(),
        good.round(), good.blockHash());
    VoteSignature foreign = new VoteSignature(Address.wrap(EthereumSuite.INSTANCE.address(stranger.publicKey())),
        EthereumSuite.INSTANCE.sign(digest, stranger));
    assertTrue(refusal(withCertificate(receipt, new CommitCertificate(good.height(), good.round(), good.blockHash(),
        List.of(foreign)))).contains("is not a validator"));
    Signature s = sig.signature();
    VoteSignature otherId = new VoteSignature(sig.signer(), new Signature(s.r(), s.s(), 1 - s.recoveryId()));
    assertTrue(refusal(withCertificate(receipt, new CommitCertificate(good.height(), good.round(), good.blockHash(),
        List.of(otherId)))).startsWith("certification.certificate: certification.certificate: the signature of"));
    assertTrue(refusal(withCertificate(receipt, new CommitCertificate(good.height(), good.round() + 1, good.blockHash(),
        List.of(sig)))).contains("does not verify"));
  }

  @Test
  void followsARecordedValidatorSetChangeAndRefusesABrokenOne() throws Exception {
    long n = receipt.block().number();
    String certN = chain.call("trestle_getBlockCertificate", "0x" + Long.toHexString(n)).get("encoded").asText();
    String certNext = receipt.certification().certificate();
    String set = Hex.encodePrefixed(Trust.of(chain.genesis).validators().encode());
    EvidenceReceipt.ValidatorSetInfo vs = receipt.validatorSet();
    EvidenceReceipt followed = withChanges(List.of(
        new EvidenceReceipt.ValidatorSetChange(n + 1, set, receipt.block().header(), certN)));
    ReceiptVerifier.Verdict v = new ReceiptVerifier(Trust.of(chain.genesis)).verify(followed, null);
    assertTrue(v.valid(), v.toString());
    assertTrue(v.checks().get(2).detail().contains("1 change(s)"));
    assertTrue(refusal(withChanges(List.of(new EvidenceReceipt.ValidatorSetChange(n + 1, set, receipt.block().header(),
        certNext)))).startsWith("validatorSet: validatorSet.changes[0].certificate"));
    assertTrue(refusal(withChanges(List.of(new EvidenceReceipt.ValidatorSetChange(n + 5, set, receipt.block().header(),
        certN)))).startsWith("validatorSet: validatorSet.changes[0].fromHeight"));
    assertEquals(vs, receipt.validatorSet());
  }

  EvidenceReceipt withChanges(List<EvidenceReceipt.ValidatorSetChange> changes) {
    EvidenceReceipt r = receipt;
    return new EvidenceReceipt(r.version(), r.chain(), r.evidence(), r.transaction(), r.block(), r.receipt(), r.log(),
        r.certification(), new EvidenceReceipt.ValidatorSetInfo("genesis", r.validatorSet().validatorsHash(), changes));
  }

  @Test
  void findsTheSubmittersRecordsOverRpcAndRest() throws Exception {
    JsonNode viaRpc = chain.call("trestle_getEvidenceBySubmitter", receipt.evidence().submitter());
    assertEquals(receipt.evidence().id(), viaRpc.get(0).get("id").asLong());
    var viaRest = chain.get("/v1/evidence?submitter=" + receipt.evidence().submitter(), null);
    assertEquals(200, viaRest.statusCode(), viaRest.body());
    assertEquals(receipt.evidence().digest(),
        LocalChain.JSON.readTree(viaRest.body()).get("records").get(0).get("digest").asText());
    assertEquals(400, chain.get("/v1/evidence?submitter=0x12", null).statusCode());
  }

  @Test
  void garbageIsAnsweredWithReasonsAndTheNodeKeepsRunning() throws Exception {
    long before = Long.decode(chain.call("eth_blockNumber").asText());
    for (byte[] body : List.of("{".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0, 1},
        "[".repeat(100_000).getBytes(StandardCharsets.UTF_8), ("{\"type\":" + "1".repeat(5000)
            + "}").getBytes(StandardCharsets.UTF_8),
        new byte[ReceiptJson.BYTES_MAX + 1])) {
      var answer = chain.post("/v1/evidence/verify", body);
      assertEquals(200, answer.statusCode());
      JsonNode verdict = LocalChain.JSON.readTree(answer.body());
      assertFalse(verdict.get("valid").asBoolean());
      assertTrue(verdict.get("reason").asText().startsWith("format: "), verdict.toString());
    }
    assertEquals(400, chain.get("/1.0/identifiers/did:trestle:" + "1".repeat(3000), null).statusCode());
    assertEquals(400, chain.get("/v1/evidence/0xzz", null).statusCode());
    Thread.sleep(600);
    assertTrue(Long.decode(chain.call("eth_blockNumber").asText()) > before, "the chain goes on");
  }

  @Test
  void theRestRouteGivesTheSameVerdictAndFindsTheRecord() throws Exception {
    var answer = chain.post("/v1/evidence/verify", ReceiptJson.write(receipt));
    assertEquals(200, answer.statusCode());
    assertTrue(LocalChain.JSON.readTree(answer.body()).get("valid").asBoolean(), answer.body());
    var found = chain.get("/v1/evidence/" + receipt.evidence().digest(), null);
    assertEquals(200, found.statusCode(), found.body());
    JsonNode rec = LocalChain.JSON.readTree(found.body()).get("records").get(0);
    assertEquals("urn:test:4711", rec.get("metadata").asText());
    assertEquals(receipt.evidence().submitterDid(), rec.get("submitterDid").asText());
    assertEquals(400, chain.get("/v1/evidence/0x1234", null).statusCode());
    assertEquals(404, chain.get("/v1/evidence/0x" + "ab".repeat(32), null).statusCode());
    assertEquals(400, chain.get("/v1/evidence/" + receipt.evidence().digest() + "?algorithm=sha-512",
        null).statusCode());
  }
}
