package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sm4Test {
  private static final byte[] KEY = Hex.decode("0123456789abcdeffedcba9876543210");
  private static final byte[] NONCE = Hex.decode("00001234567800000000abcd");
  private static final byte[] AAD = "header".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PLAINTEXT = "a payload that is not a whole number of blocks".getBytes(StandardCharsets.US_ASCII);

  @Test
  void gcmAppendsASixteenByteTagAndOpensWhatItSealed() throws CryptoException {
    byte[] sealed = Sm4.encryptGcm(KEY, NONCE, AAD, PLAINTEXT);
    assertEquals(PLAINTEXT.length + Sm4.GCM_TAG_BYTES, sealed.length);
    assertArrayEquals(PLAINTEXT, Sm4.decryptGcm(KEY, NONCE, AAD, sealed));
  }

  @Test
  void gcmRefusesAlteredCiphertextAadNonceOrKey() {
    byte[] sealed = Sm4.encryptGcm(KEY, NONCE, AAD, PLAINTEXT);
    byte[] altered = sealed.clone();
    altered[3] ^= 1;
    assertThrows(CryptoException.class, () -> Sm4.decryptGcm(KEY, NONCE, AAD, altered));
    assertThrows(CryptoException.class, () -> Sm4.decryptGcm(KEY, NONCE, new byte[0], sealed));
    byte[] otherNonce = NONCE.clone();
    otherNonce[11] ^= 1;
    assertThrows(CryptoException.class, () -> Sm4.decryptGcm(KEY, otherNonce, AAD, sealed));
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    CryptoException e = assertThrows(CryptoException.class, () -> Sm4.decryptGcm(otherKey, NONCE, AAD, sealed));
    assertTrue(e.getMessage().contains("tag does not match"), e.getMessage());
  }

  @Test
  void gcmRefusesInputShorterThanItsTagAndAnEmptyNonce() {
    assertThrows(CryptoException.class, () -> Sm4.decryptGcm(KEY, NONCE, AAD, new byte[15]));
    assertThrows(CryptoException.class, () -> Sm4.decryptGcm(KEY, new byte[0], AAD, new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> Sm4.encryptGcm(KEY, new byte[0], AAD, PLAINTEXT));
  }

  @Test
  void ccmSupportsEveryEvenTagLengthFromFourToSixteenAndNothingElse() throws CryptoException {
    for (int tagBytes = 4; tagBytes <= 16; tagBytes += 2) {
      byte[] sealed = Sm4.encryptCcm(KEY, NONCE, AAD, PLAINTEXT, tagBytes);
      assertEquals(PLAINTEXT.length + tagBytes, sealed.length);
      assertArrayEquals(PLAINTEXT, Sm4.decryptCcm(KEY, NONCE, AAD, sealed, tagBytes));
    }
    byte[] sealed = Sm4.encryptCcm(KEY, NONCE, AAD, PLAINTEXT, 16);
    assertThrows(CryptoException.class, () -> Sm4.decryptCcm(KEY, NONCE, AAD, sealed, 5));
    assertThrows(CryptoException.class, () -> Sm4.decryptCcm(KEY, new byte[6], AAD, sealed, 16));
    assertThrows(IllegalArgumentException.class, () -> Sm4.encryptCcm(KEY, NONCE, AAD, PLAINTEXT, 18));
  }

  @Test
  void ecbAndCbcTakeWholeBlocksOnly() throws CryptoException {
    byte[] twoBlocks = new byte[32];
    assertArrayEquals(twoBlocks, Sm4.decryptEcb(KEY, Sm4.encryptEcb(KEY, twoBlocks)));
    assertArrayEquals(twoBlocks, Sm4.decryptCbc(KEY, NONCE_16, Sm4.encryptCbc(KEY, NONCE_16, twoBlocks)));
    assertThrows(IllegalArgumentException.class, () -> Sm4.encryptEcb(KEY, new byte[17]));
    assertThrows(CryptoException.class, () -> Sm4.decryptEcb(KEY, new byte[17]));
    assertThrows(CryptoException.class, () -> Sm4.decryptCbc(KEY, NONCE_16, new byte[1]));
  }

  @Test
  void ctrIsItsOwnInverseForAnyLength() {
    byte[] once = Sm4.ctr(KEY, NONCE_16, PLAINTEXT);
    assertEquals(PLAINTEXT.length, once.length);
    assertArrayEquals(PLAINTEXT, Sm4.ctr(KEY, NONCE_16, once));
  }

  @Test
  void keysMustBeSixteenBytes() {
    assertThrows(IllegalArgumentException.class, () -> Sm4.encryptGcm(new byte[32], NONCE, AAD, PLAINTEXT));
    assertThrows(IllegalArgumentException.class, () -> Sm4.ctr(new byte[15], NONCE_16, PLAINTEXT));
  }

  private static final byte[] NONCE_16 = Hex.decode("000102030405060708090a0b0c0d0e0f");
}
