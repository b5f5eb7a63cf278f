package io.trestle.crypto;

/**
 * An incremental hash for input too large to hold in one array (files being notarized, long streams).
 * Not thread-safe; {@link #digest()} returns the hash and resets the hasher for reuse.
 */
public interface Hasher {
  Hasher update(byte[] data, int offset, int length);

  default Hasher update(byte[] data) {
    return update(data, 0, data.length);
  }

  byte[] digest();
}
