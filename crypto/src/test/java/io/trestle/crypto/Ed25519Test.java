package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ed25519Test {
  @Test
  void reproducesRfc8032TestOneAndTwo() {
    checkRfc8032(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    checkRfc8032(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  }

  @Test
  void rejectsAlteredMessagesSignaturesAndWrongLengths() {
    KeyPair key = Ed25519.generateKeyPair(new SecureRandom());
    byte[] message = "did:trestle:1:abc".getBytes();
    byte[] sig = Ed25519.sign(message, key);
    assertTrue(Ed25519.verify(message, sig, key.publicKey()));
    assertFalse(Ed25519.verify(Arrays.copyOf(message, message.length + 1), sig, key.publicKey()));
    byte[] altered = sig.clone();
    altered[40] ^= 1;
    assertFalse(Ed25519.verify(message, altered, key.publicKey()));
    assertFalse(Ed25519.verify(message, Arrays.copyOf(sig, 63), key.publicKey()));
    assertFalse(Ed25519.verify(message, sig, Arrays.copyOf(key.publicKey(), 31)));
    assertThrows(IllegalArgumentException.class, () -> Ed25519.keyPair(new byte[31]));
  }

  @Test
  void signsWithTheSeedsOwnPublicKeyEvenIfThePairLies() {
    KeyPair honest = Ed25519.keyPair(new byte[32]);
    KeyPair lying = new KeyPair(honest.privateKey(), Ed25519.keyPair(filled((byte) 9)).publicKey());
    byte[] message = {1, 2, 3};
    assertArrayEquals(Ed25519.sign(message, honest), Ed25519.sign(message, lying));
  }

  private static void checkRfc8032(String secret, String publicKey, String message, String signature) {
    KeyPair key = Ed25519.keyPair(Hex.decode(secret));
    assertEquals(publicKey, Hex.encode(key.publicKey()));
    byte[] sig = Ed25519.sign(Hex.decode(message), key);
    assertEquals(signature, Hex.encode(sig));
    assertTrue(Ed25519.verify(Hex.decode(message), sig, key.publicKey()));
  }

  private static byte[] filled(byte value) {
    byte[] out = new byte[32];
    Arrays.fill(out, value);
    return out;
  }
}
