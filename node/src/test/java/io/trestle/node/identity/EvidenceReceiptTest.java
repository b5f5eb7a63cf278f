package io.trestle.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Bytes;
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
    assertEquals(400, chain.get("/v1/evidence/" + receipt.evidence().digest() + "?algorithm=sha-512", null).statusCode());
  }
}
