package io.trestle.crypto.keystore;

/**
 * The password-stretching cost of a keystore file. Limits hold for files written and read alike, so a file
 * from outside cannot make the reader allocate gigabytes or spin for minutes (ADR 0102).
 */
public sealed interface KdfParams permits KdfParams.Scrypt, KdfParams.Pbkdf2 {
  /** scrypt n = 2^18, r = 8, p = 1: geth's "standard" and what other wallets expect; about 1.3 s and 256 MiB. */
  KdfParams STANDARD = new Scrypt(1 << 18, 8, 1);

  /** scrypt n = 2^12, r = 8, p = 6: geth's "light", for tests and development only. */
  KdfParams LIGHT = new Scrypt(1 << 12, 8, 6);

  /** Scrypt's table needs 128·r·n bytes (256 MiB for {@link #STANDARD}); more than this is refused. */
  long SCRYPT_MEMORY_BYTES_MAX = 256L << 20;

  /** n·r·p, the scrypt work factor, at most 4× {@link #STANDARD}. */
  long SCRYPT_WORK_MAX = 1L << 23;

  /** PBKDF2 iterations at most 16× the 262,144 that geth and the Ethereum test files use. */
  int PBKDF2_ITERATIONS_MAX = 1 << 22;

  /** scrypt (RFC 7914) with cost n (a power of two), block size r and parallelism p. */
  record Scrypt(int n, int r, int p) implements KdfParams {
    public Scrypt {
      if (n < 2 || Integer.bitCount(n) != 1) {
        throw new IllegalArgumentException("scrypt n must be a power of two of at least 2, got " + n);
      }
      if (r < 1 || p < 1) {
        throw new IllegalArgumentException("scrypt r and p must be at least 1, got r=" + r + " p=" + p);
      }
      // RFC 7914 §2 requires n < 2^(128·r/8); BouncyCastle's SCrypt enforces it.
      if (r < 2 && n >= 1 << 16) {
        throw new IllegalArgumentException("scrypt n must be below 2^16 when r=1 (RFC 7914), got n=" + n);
      }
      // The table V holds n blocks of 128·r bytes; the p lanes of 128·r bytes each are the other allocation.
      long memoryBytes = 128L * r * Math.max(n, p);
      if (memoryBytes > SCRYPT_MEMORY_BYTES_MAX) {
        throw new IllegalArgumentException(
            "scrypt n=" + n + " r=" + r + " p=" + p + " needs " + memoryBytes + " bytes, at most "
                + SCRYPT_MEMORY_BYTES_MAX);
      }
      long work = (long) n * r * p;
      if (work > SCRYPT_WORK_MAX) {
        throw new IllegalArgumentException(
            "scrypt work n·r·p=" + work + " exceeds " + SCRYPT_WORK_MAX + " (n=" + n + " r=" + r + " p=" + p + ")");
      }
    }
  }

  /** PBKDF2 (RFC 8018) with {@code c} iterations of the given HMAC. */
  record Pbkdf2(int c, Prf prf) implements KdfParams {
    public Pbkdf2 {
      if (c < 1 || c > PBKDF2_ITERATIONS_MAX) {
        throw new IllegalArgumentException("pbkdf2 c must be 1.." + PBKDF2_ITERATIONS_MAX + ", got " + c);
      }
      if (prf == null) {
        throw new IllegalArgumentException("pbkdf2 prf is required");
      }
    }
  }

  /** The pseudo-random functions a PBKDF2 keystore may name; hmac-sm3 keeps an {@code sm} file national-only. */
  enum Prf {
    HMAC_SHA256("hmac-sha256"),
    HMAC_SM3("hmac-sm3");

    private final String jsonName;

    Prf(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The name in the file's {@code kdfparams.prf}. */
    public String jsonName() {
      return jsonName;
    }
  }
}
