package io.trestle.core.block;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import java.util.Arrays;
import java.util.List;

/**
 * Ethereum's 2048-bit logs bloom. Each address or topic sets three bits, taken from the low 11 bits of the
 * first three byte pairs of its Keccak-256 (Keccak on every suite, so filters built by Ethereum tools agree).
 * Immutable: {@link #add} and {@link #or} return new blooms.
 */
public final class Bloom {
  public static final int BYTES = 256;
  public static final Bloom EMPTY = new Bloom(new byte[BYTES]);

  private final byte[] bits;

  private Bloom(byte[] bits) {
    this.bits = bits;
  }

  /** A copy of a 256-byte bloom. */
  public static Bloom of(byte[] bits) {
    if (bits.length != BYTES) {
      throw new IllegalArgumentException("bloom must be " + BYTES + " bytes, got " + bits.length);
    }
    return new Bloom(bits.clone());
  }

  /** The bloom of every address and topic of {@code logs}. */
  public static Bloom of(List<Log> logs) {
    byte[] bits = new byte[BYTES];
    Log previous = null;
    for (Log log : logs) {
      // Setting bits is idempotent, so a value equal to the previous log's at the same place adds nothing; skipping
      // its Keccak matters for batches, where a thousand logs share address, event topic and most indexed values.
      if (previous == null || !previous.address().equals(log.address())) {
        set(bits, log.address().unsafeArray());
      }
      List<Hash> topics = log.topics();
      List<Hash> previousTopics = previous == null ? List.of() : previous.topics();
      for (int i = 0; i < topics.size(); i++) {
        Hash topic = topics.get(i);
        if (i >= previousTopics.size() || !previousTopics.get(i).equals(topic)) {
          set(bits, topic.unsafeArray());
        }
      }
      previous = log;
    }
    return new Bloom(bits);
  }

  public Bloom add(Address address) {
    byte[] out = bits.clone();
    set(out, address.unsafeArray());
    return new Bloom(out);
  }

  public Bloom add(Hash topic) {
    byte[] out = bits.clone();
    set(out, topic.unsafeArray());
    return new Bloom(out);
  }

  public Bloom or(Bloom other) {
    byte[] out = bits.clone();
    for (int i = 0; i < BYTES; i++) {
      out[i] |= other.bits[i];
    }
    return new Bloom(out);
  }

  /** False means certainly absent; true means possibly present. */
  public boolean mightContain(Address address) {
    return contains(Bloom.EMPTY.add(address));
  }

  /** False means certainly absent; true means possibly present. */
  public boolean mightContain(Hash topic) {
    return contains(Bloom.EMPTY.add(topic));
  }

  /** Whether every bit of {@code other} is set here. */
  public boolean contains(Bloom other) {
    for (int i = 0; i < BYTES; i++) {
      if ((bits[i] & other.bits[i]) != other.bits[i]) {
        return false;
      }
    }
    return true;
  }

  private static void set(byte[] bits, byte[] value) {
    byte[] h = Keccak256.hash(value);
    for (int i = 0; i < 6; i += 2) {
      int bit = (((h[i] & 0xff) << 8) | (h[i + 1] & 0xff)) & 0x7ff;
      bits[BYTES - 1 - bit / 8] |= (byte) (1 << (bit % 8));
    }
  }

  public byte[] toArray() {
    return bits.clone();
  }

  public Bytes toBytes() {
    return Bytes.wrap(bits.clone());
  }

  byte[] unsafeArray() {
    return bits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bloom other && Arrays.equals(bits, other.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return Hex.encodePrefixed(bits);
  }
}
