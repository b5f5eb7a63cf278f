package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof's edge cases. "valid" must be accepted with the expected result, "invalid" must be refused (by
 * the decoder or by verification), "acceptable" may go either way but, if accepted, must give the expected
 * result.
 */
class WycheproofConformanceTest {
  private static final String DIR = "crypto/wycheproof/";

  @Test
  void verifiesDerSignaturesAndRejectsEveryMalformedOrForgedOne() {
    runEcdsa("ecdsa_secp256k1_sha256_test.json", Encoding.DER, false);
  }

  @Test
  void verifiesRsSignaturesAndRejectsWrongSizes() {
    runEcdsa("ecdsa_secp256k1_sha256_p1363_test.json", Encoding.RS, false);
  }

  @Test
  void rejectsHighSSignaturesUnderLowSRules() {
    runEcdsa("ecdsa_secp256k1_sha256_bitcoin_test.json", Encoding.DER, true);
  }

  @Test
  void derivesEcdhSecretsAndRejectsInvalidAndForeignCurvePublicKeys() {
    String file = DIR + "ecdh_secp256k1_test.json";
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (JsonNode group : ConformanceVectors.json(file).get("testGroups")) {
      assertEquals("asn", group.get("encoding").asText());
      for (JsonNode t : group.get("tests")) {
        run.check(id(t), () -> {
          String result = t.get("result").asText();
          byte[] privateKey = Ints.toFixed(new BigInteger(t.get("private").asText(), 16), 32);
          byte[] shared;
          try {
            byte[] peer = Ecdh.decodeSecp256k1PublicKeyInfo(Hex.decode(t.get("public").asText()));
            shared = Ecdh.secp256k1SharedSecret(privateKey, peer);
          } catch (CryptoException refused) {
            if (result.equals("valid")) {
              throw new AssertionError("valid case refused: " + refused.getMessage());
            }
            return;
          }
          if (result.equals("invalid")) {
            fail("invalid case accepted");
          }
          assertEquals(t.get("shared").asText(), Hex.encode(shared));
        });
      }
    }
    run.assertOnlyDocumentedExclusions();
  }

  @Test
  void hmacSm3TagsMatchAndModifiedTagsDoNot() {
    String file = DIR + "hmac_sm3_test.json";
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (JsonNode group : ConformanceVectors.json(file).get("testGroups")) {
      int tagBytes = group.get("tagSize").asInt() / 8;
      for (JsonNode t : group.get("tests")) {
        run.check(id(t), () -> {
          byte[] mac = Arrays.copyOf(Sm3.hmac(hex(t, "key"), hex(t, "msg")), tagBytes);
          boolean matches = Arrays.equals(mac, hex(t, "tag"));
          assertEquals(t.get("result").asText().equals("valid"), matches);
        });
      }
    }
    run.assertOnlyDocumentedExclusions();
  }

  @Test
  void sm4GcmSealsAndOpensAndRejectsForgeries() {
    runAead("sm4_gcm_test.json", false);
  }

  @Test
  void sm4CcmSealsAndOpensAndRejectsForgeriesAndBadParameters() {
    runAead("sm4_ccm_test.json", true);
  }

  private enum Encoding { DER, RS }

  private static void runEcdsa(String name, Encoding encoding, boolean lowS) {
    String file = DIR + name;
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (JsonNode group : ConformanceVectors.json(file).get("testGroups")) {
      assertEquals("SHA-256", group.get("sha").asText());
      byte[] uncompressed = Hex.decode(group.get("publicKey").get("uncompressed").asText());
      byte[] publicKey = Arrays.copyOfRange(uncompressed, 1, 65);
      for (JsonNode t : group.get("tests")) {
        run.check(id(t), () -> {
          byte[] digest = Sha256.hash(hex(t, "msg"));
          boolean accepted;
          try {
            Signature sig = encoding == Encoding.DER ? Secp256k1.decodeDer(hex(t, "sig")) : Secp256k1.decodeRs(hex(t, "sig"));
            accepted = lowS ? Secp256k1.verifyLowS(digest, sig, publicKey) : Secp256k1.verify(digest, sig, publicKey);
            if (accepted && encoding == Encoding.DER) {
              assertArrayEquals(hex(t, "sig"), Secp256k1.encodeDer(sig), "accepted DER re-encodes identically");
            }
          } catch (SignatureException malformed) {
            accepted = false;
          }
          assertEquals(t.get("result").asText().equals("valid"), accepted, t.get("comment").asText());
        });
      }
    }
    run.assertOnlyDocumentedExclusions();
  }

  private static void runAead(String name, boolean ccm) {
    String file = DIR + name;
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (JsonNode group : ConformanceVectors.json(file).get("testGroups")) {
      int tagBytes = group.get("tagSize").asInt() / 8;
      for (JsonNode t : group.get("tests")) {
        run.check(id(t), () -> {
          boolean valid = t.get("result").asText().equals("valid");
          byte[] key = hex(t, "key");
          byte[] iv = hex(t, "iv");
          byte[] aad = hex(t, "aad");
          byte[] sealed = concat(hex(t, "ct"), hex(t, "tag"));
          byte[] opened;
          try {
            opened = ccm ? Sm4.decryptCcm(key, iv, aad, sealed, tagBytes) : Sm4.decryptGcm(key, iv, aad, sealed);
          } catch (CryptoException refused) {
            assertFalse(valid, "valid case refused: " + refused.getMessage());
            return;
          }
          assertTrue(valid, "invalid case opened");
          assertArrayEquals(hex(t, "msg"), opened);
          byte[] resealed =
              ccm ? Sm4.encryptCcm(key, iv, aad, hex(t, "msg"), tagBytes) : Sm4.encryptGcm(key, iv, aad, hex(t, "msg"));
          assertArrayEquals(sealed, resealed);
        });
      }
    }
    run.assertOnlyDocumentedExclusions();
  }

  private static String id(JsonNode test) {
    return "tcId " + test.get("tcId").asInt();
  }

  private static byte[] hex(JsonNode node, String field) {
    return Hex.decode(node.get(field).asText());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
