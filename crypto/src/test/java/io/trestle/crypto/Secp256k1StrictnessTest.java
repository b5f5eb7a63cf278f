package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Strict DER, r || s and low-s handling, and secp256k1 ECDH. */
class Secp256k1StrictnessTest {
  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {5});
  private static final byte[] DIGEST = Keccak256.hash(new byte[] {42});

  @Test
  void derRoundTripsAndDecodesToTheSameValues() throws SignatureException {
    Signature sig = Secp256k1.sign(DIGEST, Secp256k1.generateKeyPair(RANDOM).privateKey());
    Signature decoded = Secp256k1.decodeDer(Secp256k1.encodeDer(sig));
    assertEquals(sig.r(), decoded.r());
    assertEquals(sig.s(), decoded.s());
    assertEquals("3006020101020102", Hex.encode(Secp256k1.encodeDer(new Signature(BigInteger.ONE, BigInteger.TWO, 0))));
    assertEquals("3007020200ff020102", Hex.encode(Secp256k1.encodeDer(new Signature(BigInteger.valueOf(255), BigInteger.TWO, 0))));
  }

  @Test
  void derRejectsEveryNonCanonicalForm() {
    assertDerRejected("3081060201010201 02", "short form");
    assertDerRejected("3007020101020102", "does not match");
    assertDerRejected("300702020001020102", "superfluous leading zero");
    assertDerRejected("3006020181020102", "negative");
    assertDerRejected("3106020101020102", "SEQUENCE");
    assertDerRejected("3006030101020102", "INTEGER");
    assertDerRejected("30080201010201020000", "after s");
    assertDerRejected("3006020001020102", "length 0");
    assertDerRejected("300602010102", "bytes, expected");
  }

  @Test
  void rsFormNeedsExactlySixtyFourBytes() throws SignatureException {
    byte[] rs = new byte[64];
    rs[31] = 1;
    rs[63] = 2;
    Signature sig = Secp256k1.decodeRs(rs);
    assertEquals(BigInteger.ONE, sig.r());
    assertEquals(BigInteger.TWO, sig.s());
    assertThrows(SignatureException.class, () -> Secp256k1.decodeRs(new byte[65]));
    assertThrows(SignatureException.class, () -> Secp256k1.decodeRs(new byte[63]));
  }

  @Test
  void lowSVerificationRejectsTheHighTwinThatPlainVerificationAccepts() {
    KeyPair key = Secp256k1.generateKeyPair(RANDOM);
    Signature low = Secp256k1.sign(DIGEST, key.privateKey());
    Signature high = new Signature(low.r(), Secp256k1.N.subtract(low.s()), low.recoveryId() ^ 1);
    assertTrue(Secp256k1.verifyLowS(DIGEST, low, key.publicKey()));
    assertTrue(Secp256k1.verify(DIGEST, high, key.publicKey()));
    assertFalse(Secp256k1.verifyLowS(DIGEST, high, key.publicKey()));
  }

  @Test
  void ecdhPartiesAgreeWhateverEncodingTheyExchange() throws CryptoException {
    KeyPair a = Secp256k1.generateKeyPair(RANDOM);
    KeyPair b = Secp256k1.generateKeyPair(RANDOM);
    byte[] ab = Ecdh.secp256k1SharedSecret(a.privateKey(), b.publicKey());
    assertArrayEquals(ab, Ecdh.secp256k1SharedSecret(b.privateKey(), a.publicKey()));
    byte[] compressed = Secp256k1.decodePublicKey(b.publicKey()).getEncoded(true);
    assertArrayEquals(ab, Ecdh.secp256k1SharedSecret(a.privateKey(), compressed));
  }

  @Test
  void ecdhRefusesPointsOffTheCurveAndHybridEncodings() {
    KeyPair a = Secp256k1.generateKeyPair(RANDOM);
    byte[] off = Secp256k1.generateKeyPair(RANDOM).publicKey();
    off[63] ^= 1;
    assertThrows(CryptoException.class, () -> Ecdh.secp256k1SharedSecret(a.privateKey(), off));
    byte[] hybrid = new byte[65];
    hybrid[0] = 0x06;
    System.arraycopy(a.publicKey(), 0, hybrid, 1, 64);
    assertThrows(CryptoException.class, () -> Ecdh.secp256k1SharedSecret(a.privateKey(), hybrid));
    assertThrows(CryptoException.class, () -> Ecdh.secp256k1SharedSecret(a.privateKey(), new byte[20]));
  }

  @Test
  void subjectPublicKeyInfoMustNameSecp256k1() throws CryptoException {
    KeyPair a = Secp256k1.generateKeyPair(RANDOM);
    byte[] spki = Hex.decode("3056301006072a8648ce3d020106052b8104000a034200" + "04" + Hex.encode(a.publicKey()));
    assertArrayEquals(a.publicKey(), Ecdh.decodeSecp256k1PublicKeyInfo(spki));
    byte[] otherCurve = spki.clone();
    otherCurve[19] = 0x0b;
    assertThrows(CryptoException.class, () -> Ecdh.decodeSecp256k1PublicKeyInfo(otherCurve));
  }

  private static void assertDerRejected(String hex, String reason) {
    SignatureException e = assertThrows(SignatureException.class, () -> Secp256k1.decodeDer(Hex.decode(hex.replace(" ", ""))));
    assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should mention '" + reason + "'");
  }
}
