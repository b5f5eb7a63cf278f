package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class X25519Test {
  @Test
  void reproducesTheRfc7748DiffieHellmanExample() throws CryptoException {
    KeyPair alice = X25519.keyPair(Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    KeyPair bob = X25519.keyPair(Hex.decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Hex.encode(alice.publicKey()));
    assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Hex.encode(bob.publicKey()));
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertEquals(shared, Hex.encode(X25519.sharedSecret(alice.privateKey(), bob.publicKey())));
    assertEquals(shared, Hex.encode(X25519.sharedSecret(bob.privateKey(), alice.publicKey())));
  }

  @Test
  void randomPairsAgree() throws CryptoException {
    SecureRandom random = new SecureRandom();
    KeyPair a = X25519.generateKeyPair(random);
    KeyPair b = X25519.generateKeyPair(random);
    assertArrayEquals(X25519.sharedSecret(a.privateKey(), b.publicKey()), X25519.sharedSecret(b.privateKey(), a.publicKey()));
  }

  @Test
  void refusesSmallOrderAndWrongLengthPeerKeys() {
    byte[] privateKey = X25519.generateKeyPair(new SecureRandom()).privateKey();
    CryptoException zero = assertThrows(CryptoException.class, () -> X25519.sharedSecret(privateKey, new byte[32]));
    assertTrue(zero.getMessage().contains("small order"), zero.getMessage());
    byte[] one = new byte[32];
    one[0] = 1;
    assertThrows(CryptoException.class, () -> X25519.sharedSecret(privateKey, one));
    assertThrows(CryptoException.class, () -> X25519.sharedSecret(privateKey, new byte[31]));
  }
}
