package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmSuiteTest {
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {3});
  private static final CryptoSuite SM = CryptoSuite.named("sm");
  private static final byte[] DIGEST = Sm3.hash("a transaction".getBytes());

  @Test
  void suitesAreFoundByTheirGenesisNames() {
    assertSame(SmSuite.INSTANCE, CryptoSuite.named("sm"));
    assertSame(EthereumSuite.INSTANCE, CryptoSuite.named("ethereum"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CryptoSuite.named("rsa"));
    assertTrue(e.getMessage().contains("'rsa'"), e.getMessage());
  }

  @Test
  void hashesWithSm3AndDerivesAddressesFromTheLastTwentyBytesOfSm3() {
    byte[] data = {1, 2, 3};
    assertArrayEquals(Sm3.hash(data), SM.hash(data));
    KeyPair key = SM.generateKeyPair(RANDOM);
    assertArrayEquals(Arrays.copyOfRange(Sm3.hash(key.publicKey()), 12, 32), SM.address(key.publicKey()));
    assertTrue(SM.signatureCarriesPublicKey());
    assertFalse(EthereumSuite.INSTANCE.signatureCarriesPublicKey());
  }

  @Test
  void recoversTheCarriedKeyOnlyAfterTheSignatureVerifies() throws SignatureException {
    KeyPair key = SM.generateKeyPair(RANDOM);
    Signature sig = SM.sign(DIGEST, key);
    assertArrayEquals(key.publicKey(), SM.recoverPublicKey(DIGEST, sig));
    assertArrayEquals(SM.address(key.publicKey()), SM.recoverAddress(DIGEST, sig));
    assertTrue(SM.verify(DIGEST, sig, key.publicKey()));

    byte[] otherDigest = DIGEST.clone();
    otherDigest[0] ^= 1;
    assertReason("does not verify", () -> SM.recoverPublicKey(otherDigest, sig));
  }

  @Test
  void recoveryExplainsEachWayASignatureCanBeWrong() {
    KeyPair key = SM.generateKeyPair(RANDOM);
    Signature sig = SM.sign(DIGEST, key);
    assertReason("carries no public key", () -> SM.recoverPublicKey(DIGEST, new Signature(sig.r(), sig.s(), 0)));
    assertReason("recovery id must be 0", () -> SM.recoverPublicKey(DIGEST, new Signature(sig.r(), sig.s(), 1, key.publicKey())));
    assertReason("r is not in [1, n-1]", () -> SM.recoverPublicKey(DIGEST, new Signature(BigInteger.ZERO, sig.s(), 0, key.publicKey())));
    assertReason("s is not in [1, n-1]", () -> SM.recoverPublicKey(DIGEST, new Signature(sig.r(), Sm2.N, 0, key.publicKey())));
    byte[] offCurve = key.publicKey();
    offCurve[5] ^= 1;
    assertReason("not an sm2p256v1 point", () -> SM.recoverPublicKey(DIGEST, new Signature(sig.r(), sig.s(), 0, offCurve)));
    KeyPair other = SM.generateKeyPair(RANDOM);
    assertReason("does not verify", () -> SM.recoverPublicKey(DIGEST, new Signature(sig.r(), sig.s(), 0, other.publicKey())));
  }

  @Test
  void signsOnlyThirtyTwoByteDigests() {
    KeyPair key = SM.generateKeyPair(RANDOM);
    assertThrows(IllegalArgumentException.class, () -> SM.sign(new byte[31], key));
    assertFalse(SM.verify(new byte[31], SM.sign(DIGEST, key), key.publicKey()));
  }

  @Test
  void signingTheDigestIsSm2SigningItAsTheMessage() {
    KeyPair key = SM.generateKeyPair(RANDOM);
    assertTrue(Sm2.verify(DIGEST, SM.sign(DIGEST, key), key.publicKey()));
  }

  private static void assertReason(String expected, org.junit.jupiter.api.function.Executable call) {
    SignatureException e = assertThrows(SignatureException.class, call);
    assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should say '" + expected + "'");
  }
}
