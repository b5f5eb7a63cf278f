package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** Every SM2, SM3 and SM4 vector of GB/T 32918, 32905, 32907 and RFC 8998 in crypto/sm. */
class SmConformanceTest {
  private static final String SM2 = "crypto/sm/sm2.json";
  private static final String SM3 = "crypto/sm/sm3.json";
  private static final String SM4 = "crypto/sm/sm4.json";

  @Test
  void sm3DigestsMatchTheStandardAndZaInputs() {
    ConformanceVectors.Run run = new ConformanceVectors.Run(SM3);
    for (JsonNode v : ConformanceVectors.json(SM3).get("vectors")) {
      run.check(v.get("id").asText(), () -> {
        byte[] message = hex(v, "message_hex");
        assertEquals(v.get("digest_hex").asText(), Hex.encode(Sm3.hash(message)));
        assertEquals(v.get("digest_hex").asText(), Hex.encode(Sm3.newHasher().update(message).digest()));
      });
    }
    run.assertOnlyDocumentedExclusions();
  }

  @Test
  void sm2SignaturesEncryptionsAndKeyExchangesMatchTheStandard() {
    JsonNode file = ConformanceVectors.json(SM2);
    JsonNode curves = file.get("curves");
    ConformanceVectors.Run run = new ConformanceVectors.Run(SM2);
    for (JsonNode v : file.get("signature")) {
      run.check(v.get("id").asText(), () -> checkSignature(scheme(curves, v), v));
    }
    for (JsonNode v : file.get("encryption")) {
      run.check(v.get("id").asText(), () -> checkEncryption(scheme(curves, v), v));
    }
    for (JsonNode v : file.get("key_exchange")) {
      run.check(v.get("id").asText(), () -> checkKeyExchange(scheme(curves, v), v));
    }
    for (JsonNode v : file.get("unverified_binary_curve_vectors")) {
      String id = v.get("id").asText();
      Sm2Scheme scheme = scheme(curves, v);
      if (id.startsWith("sign-")) {
        run.check(id, () -> checkSignature(scheme, v));
      } else if (id.startsWith("enc-")) {
        run.check(id, () -> checkEncryption(scheme, v));
      } else {
        run.check(id, () -> checkKeyExchange(scheme, v));
      }
    }
    run.assertOnlyDocumentedExclusions();
  }

  @Test
  void sm4VectorsMatchTheStandardAndRfc8998() throws Exception {
    ConformanceVectors.Run run = new ConformanceVectors.Run(SM4);
    for (JsonNode v : ConformanceVectors.json(SM4).get("vectors")) {
      run.check(v.get("id").asText(), () -> checkSm4(v));
    }
    run.assertOnlyDocumentedExclusions();
  }

  private static void checkSignature(Sm2Scheme scheme, JsonNode v) {
    BigInteger d = integer(v, "private_key");
    ECPoint q = scheme.publicPoint(d);
    if (v.has("public_key_x")) {
      assertEquals(integer(v, "public_key_x"), q.getAffineXCoord().toBigInteger(), "public key x");
      assertEquals(integer(v, "public_key_y"), q.getAffineYCoord().toBigInteger(), "public key y");
    }
    byte[] id = v.get("user_id_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    byte[] message = v.get("message_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    if (v.has("za")) {
      assertEquals(v.get("za").asText(), Hex.encode(scheme.userHash(id, q)), "Z_A");
      assertEquals(integer(v, "e"), scheme.messageRepresentative(id, q, message), "e");
    }
    BigInteger[] rs = scheme.sign(id, d, q, message, fixed(integer(v, "k")));
    assertEquals(integer(v, "r"), rs[0], "r");
    assertEquals(integer(v, "s"), rs[1], "s");
    assertTrue(scheme.verify(id, q, message, rs[0], rs[1]), "verifies");
    assertFalse(scheme.verify(id, q, Arrays.copyOf(message, message.length + 1), rs[0], rs[1]), "other message");
    assertFalse(scheme.verify(new byte[] {'x'}, q, message, rs[0], rs[1]), "other user id");
    if ("sm2p256v1".equals(v.get("curve").asText())) {
      KeyPair pair = Sm2.keyPair(Ints.toFixed(d, 32));
      assertTrue(Sm2.verify(message, new Signature(rs[0], rs[1], 0), pair.publicKey()), "public API verifies");
      assertArrayEquals(Sm2.DEFAULT_USER_ID, id, "vector uses the default user id");
    }
  }

  private static void checkEncryption(Sm2Scheme scheme, JsonNode v) throws CryptoException {
    BigInteger d = integer(v, "private_key");
    ECPoint q = scheme.publicPoint(d);
    byte[] message = v.get("message_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    byte[] expected = v.has("ciphertext_c1c3c2") ? hex(v, "ciphertext_c1c3c2") : c1c2c3ToC1c3c2(hex(v, "ciphertext_c1c2c3"), message.length);
    if (v.has("ciphertext_c1c3c2") && v.has("ciphertext_c1c2c3")) {
      assertArrayEquals(expected, c1c2c3ToC1c3c2(hex(v, "ciphertext_c1c2c3"), message.length), "both orders agree");
    }
    if (v.has("c3")) {
      assertEquals(v.get("c2").asText() + v.get("c3").asText(), Hex.encode(Arrays.copyOfRange(hex(v, "ciphertext_c1c2c3"), 65, hex(v, "ciphertext_c1c2c3").length)));
    }
    assertArrayEquals(expected, scheme.encrypt(q, message, fixed(integer(v, "k"))), "ciphertext C1C3C2");
    assertArrayEquals(message, scheme.decrypt(d, expected), "decrypts");
    byte[] altered = expected.clone();
    altered[altered.length - 1] ^= 1;
    assertThrows(CryptoException.class, () -> scheme.decrypt(d, altered));
    if ("sm2p256v1".equals(v.get("curve").asText())) {
      assertArrayEquals(message, Sm2.decrypt(Ints.toFixed(d, 32), expected), "public API decrypts");
    }
  }

  private static void checkKeyExchange(Sm2Scheme scheme, JsonNode v) throws CryptoException {
    BigInteger dA = integer(v, "d_a");
    BigInteger rA = integer(v, "r_a");
    BigInteger dB = integer(v, "d_b");
    BigInteger rB = integer(v, "r_b");
    byte[] idA = v.get("id_a_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    byte[] idB = v.get("id_b_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    ECPoint pA = scheme.publicPoint(dA);
    ECPoint bigRa = scheme.publicPoint(rA);
    ECPoint pB = scheme.publicPoint(dB);
    ECPoint bigRb = scheme.publicPoint(rB);
    if (v.has("p_a")) {
      assertPoint(v.get("p_a"), pA, "P_A");
      assertPoint(v.get("R_a"), bigRa, "R_A");
      assertPoint(v.get("p_b"), pB, "P_B");
      assertPoint(v.get("R_b"), bigRb, "R_B");
      assertEquals(v.get("z_a").asText(), Hex.encode(scheme.userHash(idA, pA)), "Z_A");
      assertEquals(v.get("z_b").asText(), Hex.encode(scheme.userHash(idB, pB)), "Z_B");
    }
    int keyBytes = v.get("klen_bits").asInt() / 8;
    byte[][] responder = Sm2KeyExchange.agree(scheme, false, dB, rB, idB, pA, bigRa, idA, keyBytes, null);
    assertEquals(v.get("key").asText(), Hex.encode(responder[0]), "responder key");
    assertEquals(v.get("s_b").asText(), Hex.encode(responder[1]), "S_B");
    assertEquals(v.get("s_a").asText(), Hex.encode(responder[2]), "expected S_A");
    byte[][] initiator = Sm2KeyExchange.agree(scheme, true, dA, rA, idA, pB, bigRb, idB, keyBytes, responder[1]);
    assertEquals(v.get("key").asText(), Hex.encode(initiator[0]), "initiator key");
    assertEquals(v.get("s_a").asText(), Hex.encode(initiator[1]), "S_A");
  }

  private static void checkSm4(JsonNode v) throws CryptoException {
    byte[] key = hex(v, "key");
    String mode = v.get("mode").asText();
    byte[] plaintext = hex(v, "plaintext");
    String ciphertext = v.get("ciphertext").asText();
    switch (mode) {
      case "ECB-block" -> {
        assertEquals(ciphertext, Hex.encode(Sm4.encryptEcb(key, plaintext)));
        assertArrayEquals(plaintext, Sm4.decryptEcb(key, Hex.decode(ciphertext)));
      }
      case "ECB-block-iterated" -> {
        byte[] block = plaintext;
        for (int i = 0; i < v.get("iterations").asInt(); i++) {
          block = Sm4.encryptEcb(key, block);
        }
        assertEquals(ciphertext, Hex.encode(block));
      }
      case "CBC" -> {
        assertEquals(ciphertext, Hex.encode(Sm4.encryptCbc(key, hex(v, "iv"), plaintext)));
        assertArrayEquals(plaintext, Sm4.decryptCbc(key, hex(v, "iv"), Hex.decode(ciphertext)));
      }
      case "CTR" -> {
        assertEquals(ciphertext, Hex.encode(Sm4.ctr(key, hex(v, "iv"), plaintext)));
        assertArrayEquals(plaintext, Sm4.ctr(key, hex(v, "iv"), Hex.decode(ciphertext)));
      }
      case "GCM" -> {
        String sealed = ciphertext + v.get("tag").asText();
        assertEquals(sealed, Hex.encode(Sm4.encryptGcm(key, hex(v, "iv"), hex(v, "aad"), plaintext)));
        assertArrayEquals(plaintext, Sm4.decryptGcm(key, hex(v, "iv"), hex(v, "aad"), Hex.decode(sealed)));
      }
      case "CCM" -> {
        String sealed = ciphertext + v.get("tag").asText();
        int tagBytes = v.get("tag").asText().length() / 2;
        assertEquals(sealed, Hex.encode(Sm4.encryptCcm(key, hex(v, "iv"), hex(v, "aad"), plaintext, tagBytes)));
        assertArrayEquals(plaintext, Sm4.decryptCcm(key, hex(v, "iv"), hex(v, "aad"), Hex.decode(sealed), tagBytes));
      }
      default -> throw new UnsupportedOperationException("Trestle offers no SM4 " + mode + " mode");
    }
  }

  /** C1 ‖ C2 ‖ C3 (the 2010 draft order) rearranged to the standard's C1 ‖ C3 ‖ C2. */
  private static byte[] c1c2c3ToC1c3c2(byte[] c1c2c3, int messageBytes) {
    int c1Bytes = c1c2c3.length - messageBytes - 32;
    byte[] out = new byte[c1c2c3.length];
    System.arraycopy(c1c2c3, 0, out, 0, c1Bytes);
    System.arraycopy(c1c2c3, c1Bytes + messageBytes, out, c1Bytes, 32);
    System.arraycopy(c1c2c3, c1Bytes, out, c1Bytes + 32, messageBytes);
    return out;
  }

  /** The scheme over the vector's curve; the test curves are built from the file's parameters. */
  private static Sm2Scheme scheme(JsonNode curves, JsonNode vector) {
    String name = vector.get("curve").asText();
    if (name.equals("sm2p256v1")) {
      JsonNode c = curves.get(name);
      assertEquals(integer(c, "n"), Sm2.N, "sm2p256v1 order");
      assertEquals(integer(c, "gx"), Sm2.DOMAIN.getG().getAffineXCoord().toBigInteger(), "sm2p256v1 generator");
      return Sm2.SCHEME;
    }
    JsonNode c = curves.get(name);
    BigInteger a = integer(c, "a");
    BigInteger b = integer(c, "b");
    BigInteger n = integer(c, "n");
    BigInteger h = integer(c, "h");
    ECCurve curve =
        c.has("p")
            ? new ECCurve.Fp(integer(c, "p"), a, b, n, h)
            : new ECCurve.F2m(257, 12, a, b, n, h);
    ECPoint g = curve.createPoint(integer(c, "gx"), integer(c, "gy"));
    return new Sm2Scheme(new ECDomainParameters(curve, g, n, h));
  }

  /** The fixed k of a worked example; asking twice means the scheme wanted a retry the example did not make. */
  static Sm2Scheme.Nonces fixed(BigInteger k) {
    AtomicBoolean used = new AtomicBoolean();
    return n -> {
      if (used.getAndSet(true)) {
        throw new AssertionError("the worked example's k was rejected and a second k requested");
      }
      return k;
    };
  }

  private static void assertPoint(JsonNode xy, ECPoint point, String what) {
    assertEquals(new BigInteger(xy.get(0).asText(), 16), point.getAffineXCoord().toBigInteger(), what + " x");
    assertEquals(new BigInteger(xy.get(1).asText(), 16), point.getAffineYCoord().toBigInteger(), what + " y");
  }

  private static BigInteger integer(JsonNode node, String field) {
    return new BigInteger(node.get(field).asText(), 16);
  }

  private static byte[] hex(JsonNode node, String field) {
    return Hex.decode(node.get(field).asText());
  }
}
