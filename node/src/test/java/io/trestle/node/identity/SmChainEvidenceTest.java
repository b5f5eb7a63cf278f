package io.trestle.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Bytes;
import io.trestle.crypto.SmSuite;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On an sm chain (SM2 signatures, SM3 hashes) digests are SM3 and receipts verify with SM2 certificates. */
class SmChainEvidenceTest {
  @Test
  void notarizesWithSm3AndVerifiesTheSm2Certificate(@TempDir Path dir) throws Exception {
    try (LocalChain chain = LocalChain.start(dir, 200, SmSuite.INSTANCE)) {
      ChainClient.Info info = chain.client.info();
      assertEquals(HashAlgorithm.SM3, info.hashAlgorithm());
      assertEquals("sm4-gcm", info.encryption().label());
      byte[] file = "仓单 W-17".getBytes(StandardCharsets.UTF_8);
      Bytes digest = Bytes.wrap(HashAlgorithm.SM3.hash(file));
      JsonNode r = chain.client.transact(LocalChain.keyOf(SmSuite.INSTANCE, LocalChain.ALICE), EvidenceRegistry.ADDRESS,
          ChainClient.encode(EvidenceRegistry.NOTARIZE, digest, BigInteger.valueOf(HashAlgorithm.SM3.code()), ""), 30);
      EvidenceReceipt receipt = chain.client.awaitEvidenceReceipt(r.get("transactionHash").asText(), 0, 30);
      assertEquals("sm3", receipt.evidence().hashAlgorithm());
      ReceiptVerifier verifier = new ReceiptVerifier(Trust.of(chain.genesis));
      ReceiptVerifier.Verdict v = verifier.verify(ReceiptJson.write(receipt), file);
      assertTrue(v.valid(), v.toString());

      String json = new String(ReceiptJson.write(receipt), StandardCharsets.UTF_8);
      int at = json.indexOf("\"certificate\":\"0x") + 17;
      String cert = receipt.certification().certificate();
      // the recovery-id byte of the one signature sits before the 64-byte carried key at the end
      int idByte = at + cert.length() - 2 - 2 * 64 - 2;
      String flipped = json.substring(0, idByte) + "01" + json.substring(idByte + 2);
      ReceiptVerifier.Verdict bad = verifier.verify(flipped.getBytes(StandardCharsets.UTF_8), file);
      assertFalse(bad.valid());
      assertEquals("certification.certificate", bad.failure().orElseThrow().name(), bad.toString());
    }
  }
}
