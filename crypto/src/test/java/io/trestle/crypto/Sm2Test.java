package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.junit.jupiter.api.Test;

/** SM2 behaviour beyond the standard's examples, cross-checked against BouncyCastle's own SM2 classes. */
class Sm2Test {
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {7});
  private static final byte[] MESSAGE = "transfer 10 to bob".getBytes(StandardCharsets.UTF_8);

  @Test
  void signaturesVerifyWithBouncyCastlesSm2SignerAndBack() throws Exception {
    KeyPair key = Sm2.generateKeyPair(RANDOM);
    Signature ours = Sm2.sign(MESSAGE, key);
    SM2Signer verifier = new SM2Signer(PlainDSAEncoding.INSTANCE);
    verifier.init(false, new ParametersWithID(publicParameters(key), Sm2.defaultUserId()));
    verifier.update(MESSAGE, 0, MESSAGE.length);
    assertTrue(verifier.verifySignature(concat(Ints.toFixed(ours.r(), 32), Ints.toFixed(ours.s(), 32))));

    SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE);
    signer.init(true, new ParametersWithID(new ParametersWithRandom(privateParameters(key), RANDOM), Sm2.defaultUserId()));
    signer.update(MESSAGE, 0, MESSAGE.length);
    byte[] theirs = signer.generateSignature();
    Signature decoded =
        new Signature(
            new BigInteger(1, Arrays.copyOfRange(theirs, 0, 32)), new BigInteger(1, Arrays.copyOfRange(theirs, 32, 64)), 0);
    assertTrue(Sm2.verify(MESSAGE, decoded, key.publicKey()));
  }

  @Test
  void ciphertextsDecryptWithBouncyCastlesSm2EngineAndBack() throws Exception {
    KeyPair key = Sm2.generateKeyPair(RANDOM);
    byte[] ours = Sm2.encrypt(key.publicKey(), MESSAGE);
    SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
    engine.init(false, privateParameters(key));
    assertArrayEquals(MESSAGE, engine.processBlock(ours, 0, ours.length));

    engine.init(true, new ParametersWithRandom(publicParameters(key), RANDOM));
    byte[] theirs = engine.processBlock(MESSAGE, 0, MESSAGE.length);
    assertArrayEquals(MESSAGE, Sm2.decrypt(key.privateKey(), theirs));
  }

  @Test
  void signaturesCarryTheSignersKeyAndRejectAnyOtherKey() {
    KeyPair alice = Sm2.generateKeyPair(RANDOM);
    KeyPair bob = Sm2.generateKeyPair(RANDOM);
    Signature sig = Sm2.sign(MESSAGE, alice);
    assertArrayEquals(alice.publicKey(), sig.publicKey());
    assertEquals(0, sig.recoveryId());
    assertTrue(Sm2.verify(MESSAGE, sig, alice.publicKey()));
    assertFalse(Sm2.verify(MESSAGE, sig, bob.publicKey()), "carried key differs from the one asked about");
    Signature bare = new Signature(sig.r(), sig.s(), 0);
    assertFalse(Sm2.verify(MESSAGE, bare, bob.publicKey()));
    assertFalse(Sm2.verify(Arrays.copyOf(MESSAGE, MESSAGE.length - 1), sig, alice.publicKey()));
  }

  @Test
  void verifyIsFalseForOutOfRangeValuesAndKeysOffTheCurve() {
    KeyPair key = Sm2.generateKeyPair(RANDOM);
    Signature sig = Sm2.sign(MESSAGE, key);
    assertFalse(Sm2.verify(MESSAGE, new Signature(BigInteger.ZERO, sig.s(), 0), key.publicKey()));
    assertFalse(Sm2.verify(MESSAGE, new Signature(sig.r(), Sm2.N, 0), key.publicKey()));
    assertFalse(Sm2.verify(MESSAGE, new Signature(sig.r(), Sm2.N.subtract(sig.r()), 0), key.publicKey()), "r + s = n");
    byte[] offCurve = key.publicKey();
    offCurve[63] ^= 1;
    assertFalse(Sm2.verify(MESSAGE, new Signature(sig.r(), sig.s(), 0), offCurve));
    assertFalse(Sm2.verify(MESSAGE, new Signature(sig.r(), sig.s(), 0), new byte[10]));
  }

  @Test
  void encryptRefusesRecipientKeysOffTheCurve() {
    byte[] offCurve = Sm2.generateKeyPair(RANDOM).publicKey();
    offCurve[0] ^= 1;
    CryptoException e = assertThrows(CryptoException.class, () -> Sm2.encrypt(offCurve, MESSAGE));
    assertTrue(e.getMessage().contains("SM2 public key"), e.getMessage());
  }

  @Test
  void decryptRejectsTruncatedMalformedAlteredAndMisdirectedCiphertexts() throws CryptoException {
    KeyPair key = Sm2.generateKeyPair(RANDOM);
    byte[] ciphertext = Sm2.encrypt(key.publicKey(), MESSAGE);
    assertEquals(65 + 32 + MESSAGE.length, ciphertext.length);
    assertThrows(CryptoException.class, () -> Sm2.decrypt(key.privateKey(), Arrays.copyOf(ciphertext, 97)));
    byte[] compressedC1 = ciphertext.clone();
    compressedC1[0] = 0x02;
    assertThrows(CryptoException.class, () -> Sm2.decrypt(key.privateKey(), compressedC1));
    for (int index : new int[] {5, 70, 100}) {
      byte[] altered = ciphertext.clone();
      altered[index] ^= 0x40;
      assertThrows(CryptoException.class, () -> Sm2.decrypt(key.privateKey(), altered), "byte " + index);
    }
    byte[] other = Sm2.generateKeyPair(RANDOM).privateKey();
    assertThrows(CryptoException.class, () -> Sm2.decrypt(other, ciphertext));
  }

  @Test
  void encryptingTwiceGivesDifferentCiphertexts() throws CryptoException {
    byte[] publicKey = Sm2.generateKeyPair(RANDOM).publicKey();
    assertNotEquals(Hex.encode(Sm2.encrypt(publicKey, MESSAGE)), Hex.encode(Sm2.encrypt(publicKey, MESSAGE)));
  }

  @Test
  void privateKeysOutsideOneToNMinusTwoAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Sm2.keyPair(new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> Sm2.keyPair(Ints.toFixed(Sm2.N.subtract(BigInteger.ONE), 32)));
    assertThrows(IllegalArgumentException.class, () -> Sm2.keyPair(Ints.toFixed(Sm2.N, 32)));
    assertThrows(IllegalArgumentException.class, () -> Sm2.keyPair(new byte[31]));
    assertEquals(64, Sm2.keyPair(Ints.toFixed(Sm2.N.subtract(BigInteger.TWO), 32)).publicKey().length);
  }

  @Test
  void keyExchangeGivesBothSidesTheSameKeyAndConfirmsEachOther() throws CryptoException {
    KeyPair aStatic = Sm2.generateKeyPair(RANDOM);
    KeyPair aEphemeral = Sm2.generateKeyPair(RANDOM);
    KeyPair bStatic = Sm2.generateKeyPair(RANDOM);
    KeyPair bEphemeral = Sm2.generateKeyPair(RANDOM);
    byte[] idA = "alice@trestle".getBytes(StandardCharsets.US_ASCII);
    byte[] idB = Sm2.defaultUserId();

    Sm2KeyExchange.Responder b =
        Sm2KeyExchange.respond(bStatic, bEphemeral, idB, aStatic.publicKey(), aEphemeral.publicKey(), idA, 48);
    Sm2KeyExchange.Initiator a =
        Sm2KeyExchange.initiate(
            aStatic, aEphemeral, idA, bStatic.publicKey(), bEphemeral.publicKey(), idB, 48, b.confirmation());
    assertEquals(48, a.key().length);
    assertArrayEquals(b.key(), a.key());
    assertTrue(b.confirms(a.confirmation()));
    assertFalse(b.confirms(b.confirmation()), "S_A and S_B differ");
  }

  @Test
  void initiatorRefusesAForgedResponderConfirmation() throws CryptoException {
    KeyPair aStatic = Sm2.generateKeyPair(RANDOM);
    KeyPair aEphemeral = Sm2.generateKeyPair(RANDOM);
    KeyPair bStatic = Sm2.generateKeyPair(RANDOM);
    KeyPair bEphemeral = Sm2.generateKeyPair(RANDOM);
    byte[] id = Sm2.defaultUserId();
    Sm2KeyExchange.Responder b =
        Sm2KeyExchange.respond(bStatic, bEphemeral, id, aStatic.publicKey(), aEphemeral.publicKey(), id, 16);
    byte[] forged = b.confirmation();
    forged[0] ^= 1;
    CryptoException e =
        assertThrows(
            CryptoException.class,
            () -> Sm2KeyExchange.initiate(aStatic, aEphemeral, id, bStatic.publicKey(), bEphemeral.publicKey(), id, 16, forged));
    assertTrue(e.getMessage().contains("confirmation"), e.getMessage());
  }

  @Test
  void keyExchangeRefusesPeerKeysOffTheCurve() {
    KeyPair own = Sm2.generateKeyPair(RANDOM);
    byte[] bad = Sm2.generateKeyPair(RANDOM).publicKey();
    bad[10] ^= 1;
    byte[] id = Sm2.defaultUserId();
    assertThrows(CryptoException.class, () -> Sm2KeyExchange.respond(own, own, id, bad, own.publicKey(), id, 16));
  }

  private static ECPublicKeyParameters publicParameters(KeyPair key) throws CryptoException {
    return new ECPublicKeyParameters(Sm2.decodePublicKey(key.publicKey()), Sm2.DOMAIN);
  }

  private static ECPrivateKeyParameters privateParameters(KeyPair key) {
    return new ECPrivateKeyParameters(new BigInteger(1, key.privateKey()), Sm2.DOMAIN);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
