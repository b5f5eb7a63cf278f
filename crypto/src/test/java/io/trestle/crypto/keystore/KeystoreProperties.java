package io.trestle.crypto.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.SmSuite;
import java.security.SecureRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Whatever is written can be read back with the same password, for both suites and both KDFs. */
class KeystoreProperties {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Property(tries = 40)
  void keystoreFilesRoundTrip(
      @ForAll("suites") CryptoSuite suite,
      @ForAll("lightKdfs") KdfParams kdf,
      @ForAll @StringLength(max = 30) String password)
      throws KeystoreException {
    KeyPair key = suite.generateKeyPair(RANDOM);
    Keystore.Decrypted opened = Keystore.decrypt(Keystore.encrypt(key, suite, password, kdf, RANDOM), password);
    assertSame(suite, opened.suite());
    assertEquals(key, opened.keyPair());
    assertEquals(4, opened.id().version());
  }

  @Provide
  Arbitrary<CryptoSuite> suites() {
    return Arbitraries.of(EthereumSuite.INSTANCE, SmSuite.INSTANCE);
  }

  /** Cheap parameters: the property is about the format, not the cost. */
  @Provide
  Arbitrary<KdfParams> lightKdfs() {
    return Arbitraries.of(
        new KdfParams.Scrypt(1024, 8, 1),
        new KdfParams.Scrypt(256, 1, 2),
        new KdfParams.Pbkdf2(1000, KdfParams.Prf.HMAC_SHA256),
        new KdfParams.Pbkdf2(1000, KdfParams.Prf.HMAC_SM3));
  }
}
