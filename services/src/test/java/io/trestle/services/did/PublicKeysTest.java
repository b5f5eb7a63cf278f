package io.trestle.services.did;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.crypto.Ed25519;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.SmSuite;
import java.security.SecureRandom;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PublicKeysTest {
  @Property(tries = 50)
  void curveKeysSurviveCompressionRoundTrips(@ForAll long seed, @ForAll boolean sm) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    KeyPair k = (sm ? SmSuite.INSTANCE : EthereumSuite.INSTANCE).generateKeyPair(r);
    KeyType type = sm ? KeyType.SM2 : KeyType.SECP256K1;
    assertArrayEquals(k.publicKey(), PublicKeys.normalize(type, k.publicKey()));
    assertArrayEquals(k.publicKey(), PublicKeys.normalize(type, PublicKeys.compress(k.publicKey())));
    byte[] sec1 = new byte[65];
    sec1[0] = 4;
    System.arraycopy(k.publicKey(), 0, sec1, 1, 64);
    assertArrayEquals(k.publicKey(), PublicKeys.normalize(type, sec1));
  }

  @Property(tries = 50)
  void ed25519KeysFromTheCryptoModuleAreAccepted(@ForAll long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    byte[] pub = Ed25519.generateKeyPair(r).publicKey();
    assertArrayEquals(pub, PublicKeys.normalize(KeyType.ED25519, pub));
  }

  @Property(tries = 200)
  void randomCoordinatesAreAlmostNeverCurvePoints(@ForAll @Size(64) byte[] junk) {
    // a random (x, y) lies on the curve with probability about 2^-256
    assertThrows(InvalidKeyException.class, () -> PublicKeys.normalize(KeyType.SECP256K1, junk));
    assertThrows(InvalidKeyException.class, () -> PublicKeys.normalize(KeyType.SM2, junk));
  }

  @Test
  void refusesAKeyOfTheOtherCurve() {
    byte[] sm2 = SmSuite.INSTANCE.generateKeyPair(new SecureRandom()).publicKey();
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> PublicKeys.normalize(KeyType.SECP256K1, sm2));
    assertEquals("secp256k1 key is not a point of the curve", e.getMessage());
  }

  @Test
  void multibaseKeysCarryTheMulticodecPrefixesMultikeyReadersExpect() throws Exception {
    byte[] ed = Ed25519.generateKeyPair(new SecureRandom()).publicKey();
    byte[] secp = EthereumSuite.INSTANCE.generateKeyPair(new SecureRandom()).publicKey();
    // Multikey convention: Ed25519 keys start z6Mk, compressed secp256k1 keys zQ3s
    assertTrue(PublicKeys.multibase(KeyType.ED25519, ed).startsWith("z6Mk"));
    assertTrue(PublicKeys.multibase(KeyType.SECP256K1, secp).startsWith("zQ3s"));
    byte[] decoded = Base58.decode(PublicKeys.multibase(KeyType.SM2, secp).substring(1));
    assertArrayEquals(new byte[] {(byte) 0x86, 0x24}, Arrays.copyOf(decoded, 2));
  }

  @Test
  void theDidResolutionSpecExampleKeyIsAValidEd25519Multikey() throws Exception {
    // Example 11 of the DID Resolution CR (../shared/conformance/did/did-resolution-examples.json)
    byte[] decoded = Base58.decode("6MkmM42vxfqZQsv4ehtTjFFxQ4sQKS2w6WR7emozFAn5cxu");
    assertArrayEquals(new byte[] {(byte) 0xed, 0x01}, Arrays.copyOf(decoded, 2));
    byte[] key = Arrays.copyOfRange(decoded, 2, decoded.length);
    assertArrayEquals(key, PublicKeys.normalize(KeyType.ED25519, key));
    assertEquals("z6MkmM42vxfqZQsv4ehtTjFFxQ4sQKS2w6WR7emozFAn5cxu", PublicKeys.multibase(KeyType.ED25519, key));
  }

  @Property
  void base58RoundTrips(@ForAll @Size(max = 80) byte[] data) {
    assertArrayEquals(data, Base58.decode(Base58.encode(data)));
  }
}
