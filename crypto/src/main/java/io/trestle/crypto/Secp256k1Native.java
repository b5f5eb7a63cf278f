package io.trestle.crypto;

import java.io.File;

/**
 * libsecp256k1 (Bitcoin Core's C library, through ACINQ's JNI binding) for the two operations every validator runs
 * once per transaction or vote: public-key recovery and verification. About 3.8 times faster than the
 * BouncyCastle path here (ADR 0400), which stays the reference: whenever the library refuses an input,
 * {@link Secp256k1} asks BouncyCastle instead, so errors and edge cases are BouncyCastle's on every node.
 *
 * <p>The library is optional. It is not used when the system property {@value #PROPERTY} is {@code false}, or
 * when it cannot be loaded (a platform the binding ships no binary for); then every call goes to BouncyCastle.
 */
final class Secp256k1Native {
  static final String PROPERTY = "trestle.secp256k1.native";
  /** Where the binding unpacks its library (its own property, else the JVM's temporary folder). */
  private static final String BINDING_TMPDIR_PROPERTY = "fr.acinq.secp256k1.tmpdir";
  /** Unpacked copies older than this belong to processes that died without cleaning up (a loader takes ms). */
  static final long STALE_COPY_AGE_MS = 10 * 60 * 1000;
  private static final fr.acinq.secp256k1.Secp256k1 LIB;
  private static final String WHY_NOT;

  static {
    fr.acinq.secp256k1.Secp256k1 lib = null;
    String whyNot = null;
    if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
      whyNot = "disabled by -D" + PROPERTY + "=false";
    } else {
      try {
        pruneStaleCopies(
            new File(System.getProperty(BINDING_TMPDIR_PROPERTY, System.getProperty("java.io.tmpdir"))),
            System.currentTimeMillis() - STALE_COPY_AGE_MS);
        lib = fr.acinq.secp256k1.Secp256k1.Companion.get();
        // one call through JNI proves the binary matches this platform before anything relies on it
        byte[] one = new byte[32];
        one[31] = 1;
        lib.pubkeyCreate(one);
      } catch (Exception | LinkageError unavailable) {
        lib = null;
        whyNot = "could not load: " + unavailable;
      }
    }
    LIB = lib;
    WHY_NOT = whyNot;
  }

  private Secp256k1Native() {}

  /**
   * The binding unpacks a fresh 1.3 MB copy of the library into the temporary folder for every process and deletes
   * it on a clean exit only; a node that is SIGKILLed (or crash-loops) would leave one copy per start behind. This
   * deletes this user's copies last modified before {@code cutoffMs}. A copy still loaded by a live process is safe
   * to unlink (its mapping stays; where the platform refuses, the file simply stays).
   */
  static int pruneStaleCopies(File dir, long cutoffMs) {
    File[] copies = dir.listFiles((d, name) -> name.startsWith("secp256k1-") && name.contains("secp256k1-jni."));
    int deleted = 0;
    if (copies == null) {
      return 0;
    }
    for (File copy : copies) {
      if (copy.isFile() && copy.lastModified() < cutoffMs && copy.delete()) {
        deleted++;
      }
    }
    return deleted;
  }

  static boolean available() {
    return LIB != null;
  }

  /** "libsecp256k1" or why BouncyCastle does all the work; for logs and the node's status. */
  static String describe() {
    return LIB != null ? "libsecp256k1 (JNI)" : "BouncyCastle (libsecp256k1 " + WHY_NOT + ")";
  }

  /**
   * The 65-byte uncompressed key {@code 04 || x || y} that signed {@code digest}, or null when the library refuses
   * (the caller then asks BouncyCastle, which explains why). {@code rs} is {@code r || s}, 64 bytes.
   */
  static byte[] recover(byte[] digest, byte[] rs, int recoveryId) {
    // Exception, not RuntimeException: the Kotlin binding can throw its checked AssertFailException undeclared
    try {
      return LIB.ecdsaRecover(rs, digest, recoveryId);
    } catch (Exception refused) {
      return null;
    }
  }

  /**
   * Whether {@code rs} (with s already ≤ n/2: the library accepts only the low form) verifies against the 65-byte
   * uncompressed key; null when the library refuses the key or signature encoding.
   */
  static Boolean verify(byte[] digest, byte[] rs, byte[] uncompressedKey) {
    try {
      return LIB.verify(rs, digest, uncompressedKey);
    } catch (Exception refused) {
      return null;
    }
  }
}
