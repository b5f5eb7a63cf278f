package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Encryption round trips and tag checks over random inputs. */
class CipherProperties {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final KeyPair SM2_KEY = Sm2.generateKeyPair(RANDOM);

  @Property(tries = 100)
  void sm2DecryptsWhatItEncrypted(@ForAll @Size(min = 1, max = 300) byte[] plaintext) throws CryptoException {
    assertArrayEquals(plaintext, Sm2.decrypt(SM2_KEY.privateKey(), Sm2.encrypt(SM2_KEY.publicKey(), plaintext)));
  }

  @Property(tries = 200)
  void sm4GcmOpensWhatItSealedAndNothingElse(
      @ForAll @Size(16) byte[] key,
      @ForAll @Size(12) byte[] nonce,
      @ForAll @Size(max = 40) byte[] aad,
      @ForAll @Size(max = 300) byte[] plaintext,
      @ForAll @IntRange(min = 0, max = 10_000) int flipAt)
      throws CryptoException {
    byte[] sealed = Sm4.encryptGcm(key, nonce, aad, plaintext);
    assertArrayEquals(plaintext, Sm4.decryptGcm(key, nonce, aad, sealed));
    sealed[flipAt % sealed.length] ^= 1;
    assertThrows(CryptoException.class, () -> Sm4.decryptGcm(key, nonce, aad, sealed));
  }

  @Property(tries = 100)
  void sm4CcmOpensWhatItSealed(
      @ForAll @Size(16) byte[] key,
      @ForAll @Size(min = 7, max = 13) byte[] nonce,
      @ForAll @Size(max = 300) byte[] plaintext,
      @ForAll @IntRange(min = 2, max = 8) int halfTag)
      throws CryptoException {
    byte[] sealed = Sm4.encryptCcm(key, nonce, new byte[0], plaintext, halfTag * 2);
    assertArrayEquals(plaintext, Sm4.decryptCcm(key, nonce, new byte[0], sealed, halfTag * 2));
  }
}
