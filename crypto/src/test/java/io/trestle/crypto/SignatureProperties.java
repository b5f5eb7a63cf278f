package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Sign/recover round trips and tamper resistance for both suites, over random keys and digests. */
class SignatureProperties {
  @Property(tries = 200)
  void ethereumSignaturesRecoverTheSignersKeyAndAreLowS(
      @ForAll("secp256k1Keys") byte[] privateKey, @ForAll @Size(32) byte[] digest) throws SignatureException {
    KeyPair key = EthereumSuite.INSTANCE.keyPair(privateKey);
    Signature sig = EthereumSuite.INSTANCE.sign(digest, key);
    assertArrayEquals(key.publicKey(), EthereumSuite.INSTANCE.recoverPublicKey(digest, sig));
    assertTrue(Secp256k1.verifyLowS(digest, sig, key.publicKey()));
    assertEquals(sig, EthereumSuite.INSTANCE.sign(digest, key), "RFC 6979 signing is deterministic");
  }

  @Property(tries = 100)
  void smSignaturesRecoverTheSignersKey(@ForAll("sm2Keys") byte[] privateKey, @ForAll @Size(32) byte[] digest)
      throws SignatureException {
    KeyPair key = SmSuite.INSTANCE.keyPair(privateKey);
    Signature sig = SmSuite.INSTANCE.sign(digest, key);
    assertArrayEquals(key.publicKey(), SmSuite.INSTANCE.recoverPublicKey(digest, sig));
    assertTrue(SmSuite.INSTANCE.verify(digest, sig, key.publicKey()));
  }

  @Property(tries = 300)
  void tamperingAnyByteOfAnEthereumSignatureNeverRecoversTheSigner(
      @ForAll("secp256k1Keys") byte[] privateKey,
      @ForAll @Size(32) byte[] digest,
      @ForAll @IntRange(min = 0, max = 64) int index,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    KeyPair key = EthereumSuite.INSTANCE.keyPair(privateKey);
    byte[] compact = EthereumSuite.INSTANCE.sign(digest, key).toCompact();
    compact[index] ^= (byte) flip;
    assertFalse(recovers(EthereumSuite.INSTANCE, digest, compact, key.publicKey()));
  }

  @Property(tries = 200)
  void tamperingAnyByteOfAnSmSignatureOrItsCarriedKeyNeverRecoversTheSigner(
      @ForAll("sm2Keys") byte[] privateKey,
      @ForAll @Size(32) byte[] digest,
      @ForAll @IntRange(min = 0, max = 127) int index,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    KeyPair key = SmSuite.INSTANCE.keyPair(privateKey);
    Signature sig = SmSuite.INSTANCE.sign(digest, key);
    byte[] bytes = new byte[128];
    System.arraycopy(Ints.toFixed(sig.r(), 32), 0, bytes, 0, 32);
    System.arraycopy(Ints.toFixed(sig.s(), 32), 0, bytes, 32, 32);
    System.arraycopy(sig.publicKey(), 0, bytes, 64, 64);
    bytes[index] ^= (byte) flip;
    assertFalse(recovers(SmSuite.INSTANCE, digest, bytes, key.publicKey()));
  }

  @Property(tries = 200)
  void derEncodingRoundTripsEveryScalarPair(@ForAll("scalars") BigInteger r, @ForAll("scalars") BigInteger s)
      throws SignatureException {
    byte[] der = Secp256k1.encodeDer(new Signature(r, s, 0));
    Signature decoded = Secp256k1.decodeDer(der);
    assertEquals(r, decoded.r());
    assertEquals(s, decoded.s());
  }

  /**
   * Whether the tampered bytes still name {@code signer}: 65 bytes r ‖ s ‖ v for ethereum, 128 bytes
   * r ‖ s ‖ publicKey for sm. A decoding failure counts as not recovering.
   */
  private static boolean recovers(CryptoSuite suite, byte[] digest, byte[] bytes, byte[] signer) {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
    try {
      Signature sig =
          bytes.length == 65
              ? new Signature(r, s, bytes[64] & 0xff)
              : new Signature(r, s, 0, Arrays.copyOfRange(bytes, 64, 128));
      return Arrays.equals(signer, suite.recoverPublicKey(digest, sig));
    } catch (IllegalArgumentException | SignatureException refused) {
      return false;
    }
  }

  @Provide
  Arbitrary<byte[]> secp256k1Keys() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, Secp256k1.N.subtract(BigInteger.ONE))
        .edgeCases(c -> c.includeOnly(BigInteger.ONE, Secp256k1.N.subtract(BigInteger.ONE)))
        .map(d -> Ints.toFixed(d, 32));
  }

  @Provide
  Arbitrary<byte[]> sm2Keys() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, Sm2.N.subtract(BigInteger.TWO))
        .edgeCases(c -> c.includeOnly(BigInteger.ONE, Sm2.N.subtract(BigInteger.TWO)))
        .map(d -> Ints.toFixed(d, 32));
  }

  @Provide
  Arbitrary<BigInteger> scalars() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
  }
}
