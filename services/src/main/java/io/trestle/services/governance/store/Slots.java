package io.trestle.services.governance.store;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import java.nio.charset.StandardCharsets;

/**
 * Where governance keeps each value: {@code keccak(keccak(name) ‖ key₁ ‖ key₂ …)} with every key a 32-byte word.
 * Names are namespaced ({@code gov.}, {@code roles.}, {@code sup.}), so no two values share a slot unless keccak
 * collides (ADR 0270). Node code reads the same slots from committed state, so this is a wire format: change
 * it only with a new chain.
 */
public final class Slots {
  private Slots() {}

  /** A named root: precompute it once per name. */
  public static byte[] root(String name) {
    return Hash.keccak(name.getBytes(StandardCharsets.UTF_8)).toArray();
  }

  public static UInt256 of(byte[] root, UInt256... keys) {
    byte[] buf = new byte[32 + 32 * keys.length];
    System.arraycopy(root, 0, buf, 0, 32);
    for (int i = 0; i < keys.length; i++) {
      System.arraycopy(keys[i].toArray(), 0, buf, 32 + 32 * i, 32);
    }
    return UInt256.fromBytes(Hash.keccak(buf).toArray());
  }

  public static UInt256 word(Address a) {
    return UInt256.fromBytes(a.toArray());
  }

  public static UInt256 word(long v) {
    return UInt256.valueOf(v);
  }

  /** A byte string of at most 32 bytes, left-aligned (how Solidity stores {@code bytesN}). */
  public static UInt256 leftAligned(Bytes b) {
    if (b.size() > 32) {
      throw new IllegalArgumentException("at most 32 bytes, got " + b.size());
    }
    byte[] w = new byte[32];
    System.arraycopy(b.unsafeArray(), 0, w, 0, b.size());
    return UInt256.fromBytes(w);
  }

  public static Address address(UInt256 w) {
    byte[] b = w.toArray();
    return Address.wrap(java.util.Arrays.copyOfRange(b, 12, 32));
  }

  /** The low 63 bits; governance only stores counts, heights and weights that fit. */
  public static long asLong(UInt256 w) {
    return w.fitsLong() ? w.toLong() : Long.MAX_VALUE;
  }
}
