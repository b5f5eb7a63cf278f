package io.trestle.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A recoverable signature: {@code r}, {@code s}, the recovery id (0 or 1, Ethereum's y-parity) and, for
 * suites whose signatures cannot be recovered without the key (SM2 signs over a digest that includes
 * the signer's public key), the 64-byte uncompressed public key {@code x || y}; {@code null} otherwise.
 */
public record Signature(BigInteger r, BigInteger s, int recoveryId, byte[] publicKey) {
  public Signature {
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(s, "s");
    if (r.signum() < 0 || s.signum() < 0) {
      throw new IllegalArgumentException("signature r and s must be non-negative");
    }
    if (recoveryId < 0 || recoveryId > 3) {
      throw new IllegalArgumentException("recoveryId must be 0..3, got " + recoveryId);
    }
    if (publicKey != null && publicKey.length != 64) {
      throw new IllegalArgumentException("publicKey must be 64 bytes, got " + publicKey.length);
    }
    publicKey = publicKey == null ? null : publicKey.clone();
  }

  public Signature(BigInteger r, BigInteger s, int recoveryId) {
    this(r, s, recoveryId, null);
  }

  @Override
  public byte[] publicKey() {
    return publicKey == null ? null : publicKey.clone();
  }

  /** 65 bytes {@code r || s || v} with v = recoveryId, the form Ethereum's {@code eth_sign} tools print (v+27). */
  public byte[] toCompact() {
    byte[] out = new byte[65];
    System.arraycopy(Ints.toFixed(r, 32), 0, out, 0, 32);
    System.arraycopy(Ints.toFixed(s, 32), 0, out, 32, 32);
    out[64] = (byte) recoveryId;
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature other
        && r.equals(other.r)
        && s.equals(other.s)
        && recoveryId == other.recoveryId
        && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(r, s, recoveryId, Arrays.hashCode(publicKey));
  }

  @Override
  public String toString() {
    return "Signature[r=" + r.toString(16) + ", s=" + s.toString(16) + ", recoveryId=" + recoveryId + "]";
  }
}
