package io.trestle.core;

import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import java.util.Arrays;

/** A 32-byte digest: block and transaction hashes, trie roots, storage keys. */
public final class Hash implements Comparable<Hash> {
  public static final int LENGTH = 32;
  public static final Hash ZERO = new Hash(new byte[LENGTH]);
  /** keccak256 of the empty string: the code hash of an account without code. */
  public static final Hash EMPTY_KECCAK = keccak(new byte[0]);
  /** keccak256(rlp("")): the root of an empty Merkle-Patricia trie. */
  public static final Hash EMPTY_TRIE_ROOT = keccak(new byte[] {(byte) 0x80});
  /** keccak256(rlp([])): the ommers hash of a block without ommers. */
  public static final Hash EMPTY_LIST_HASH = keccak(new byte[] {(byte) 0xc0});

  private final byte[] bytes;
  private final int hash;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static Hash of(byte[] bytes) {
    return wrap(bytes.clone());
  }

  /** Takes ownership of a 32-byte array without copying. */
  public static Hash wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes);
  }

  public static Hash fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  public static Hash keccak(byte[] data) {
    return new Hash(Keccak256.hash(data));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** The backing array, for hot paths that promise not to modify it. */
  public byte[] unsafeArray() {
    return bytes;
  }

  public Bytes toBytes() {
    return Bytes.wrap(bytes.clone());
  }

  public String toHex() {
    return Hex.encodePrefixed(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Hash other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
