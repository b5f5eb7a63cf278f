package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * libsecp256k1 and BouncyCastle must give every node the same answer: the same key or the same refusal for any
 * signature, valid or not, and the same verdict on every verification (ADR 0400).
 */
class Secp256k1NativeProperties {
  @Example
  void theNativeLibraryLoadsOnLinuxX8664() {
    // CI and the benchmarks run here; a silent fallback would make both measure the wrong thing
    if (System.getProperty("os.name").toLowerCase().contains("linux")
        && System.getProperty("os.arch").matches("amd64|x86_64")) {
      assertTrue(Secp256k1Native.available(), Secp256k1.implementation());
    }
  }

  @Example
  void prunesOnlyStaleUnpackedCopiesOfTheLibrary() throws IOException {
    Path dir = Files.createTempDirectory("secp256k1-prune");
    try {
      long now = 1_800_000_000_000L;
      File stale = touch(dir, "secp256k1-0f1e-libsecp256k1-jni.so", now - Secp256k1Native.STALE_COPY_AGE_MS - 1);
      File staleLock = touch(dir, "secp256k1-0f1e-libsecp256k1-jni.so.lck", now - Secp256k1Native.STALE_COPY_AGE_MS - 1);
      File fresh = touch(dir, "secp256k1-9a8b-libsecp256k1-jni.so", now - 1_000);
      File unrelated = touch(dir, "secp256k1-notes.txt", 0);
      assertEquals(2, Secp256k1Native.pruneStaleCopies(dir.toFile(), now - Secp256k1Native.STALE_COPY_AGE_MS));
      assertTrue(!stale.exists() && !staleLock.exists(), "stale copies are gone");
      assertTrue(fresh.exists() && unrelated.exists(), "a recent copy and other files stay");
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.delete(dir);
    }
  }

  private static File touch(Path dir, String name, long modifiedMs) throws IOException {
    File file = Files.createFile(dir.resolve(name)).toFile();
    assertTrue(file.setLastModified(modifiedMs));
    return file;
  }

  @Property(tries = 300)
  void validSignaturesRecoverTheSameKeyBothWays(
      @ForAll("keys") byte[] privateKey, @ForAll @Size(32) byte[] digest, @ForAll boolean highS)
      throws SignatureException {
    Signature sig = Secp256k1.sign(digest, privateKey);
    if (highS) {
      sig = new Signature(sig.r(), Secp256k1.N.subtract(sig.s()), sig.recoveryId() ^ 1);
    }
    byte[] expected = Secp256k1.keyPair(privateKey).publicKey();
    assertArrayEquals(expected, Secp256k1.recoverPublicKeyJava(digest, sig));
    assertArrayEquals(expected, Secp256k1.recoverPublicKey(digest, sig));
  }

  @Property(tries = 1000)
  void arbitrarySignaturesRecoverTheSameKeyOrTheSameRefusal(
      @ForAll("scalars") BigInteger r, @ForAll("scalars") BigInteger s, @ForAll @IntRange(max = 3) int recoveryId,
      @ForAll @Size(32) byte[] digest) {
    Signature sig = new Signature(r, s, recoveryId);
    byte[] reference;
    try {
      reference = Secp256k1.recoverPublicKeyJava(digest, sig);
    } catch (SignatureException refused) {
      SignatureException nativeRefusal =
          assertThrows(SignatureException.class, () -> Secp256k1.recoverPublicKey(digest, sig));
      assertEquals(refused.getMessage(), nativeRefusal.getMessage());
      return;
    }
    try {
      assertArrayEquals(reference, Secp256k1.recoverPublicKey(digest, sig));
    } catch (SignatureException unexpected) {
      throw new AssertionError("BouncyCastle recovers a key, the dispatching path refuses: " + unexpected);
    }
  }

  @Property(tries = 500)
  void verificationGivesTheSameVerdictBothWays(
      @ForAll("keys") byte[] privateKey, @ForAll @Size(32) byte[] digest, @ForAll @IntRange(max = 4) int tamper) {
    Signature sig = Secp256k1.sign(digest, privateKey);
    byte[] key = Secp256k1.keyPair(privateKey).publicKey();
    switch (tamper) {
      case 1 -> sig = new Signature(sig.r(), Secp256k1.N.subtract(sig.s()), 0);
      case 2 -> digest[0] ^= 1;
      case 3 -> key[63] ^= 1; // no longer on the curve
      case 4 -> sig = new Signature(sig.r().add(BigInteger.ONE).mod(Secp256k1.N).max(BigInteger.ONE), sig.s(), 0);
      default -> { }
    }
    boolean reference = Secp256k1.verifyJava(digest, sig, key);
    assertEquals(reference, Secp256k1.verify(digest, sig, key));
    if (tamper <= 1) {
      assertTrue(reference, "an untampered signature (either s) verifies");
    }
  }

  @Provide
  Arbitrary<byte[]> keys() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, Secp256k1.N.subtract(BigInteger.ONE))
        .edgeCases(c -> c.includeOnly(BigInteger.ONE, Secp256k1.N.subtract(BigInteger.ONE)))
        .map(d -> Ints.toFixed(d, 32));
  }

  @Provide
  Arbitrary<BigInteger> scalars() {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, max)
        .edgeCases(c -> c.includeOnly(BigInteger.ZERO, BigInteger.ONE, Secp256k1.N.subtract(BigInteger.ONE),
            Secp256k1.N, max));
  }
}
