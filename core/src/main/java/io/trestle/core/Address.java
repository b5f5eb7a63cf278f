package io.trestle.core;

import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import java.util.Arrays;
import java.util.Locale;

/** A 20-byte account address. Renders with the EIP-55 mixed-case checksum. */
public final class Address implements Comparable<Address> {
  public static final int LENGTH = 20;
  public static final Address ZERO = new Address(new byte[LENGTH]);

  private final byte[] bytes;
  private final int hash;

  private Address(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static Address of(byte[] bytes) {
    return wrap(bytes.clone());
  }

  /** Takes ownership of a 20-byte array without copying. */
  public static Address wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("address must be 20 bytes, got " + bytes.length);
    }
    return new Address(bytes);
  }

  /**
   * Parses {@code 0x} + 40 hex digits. All-lower or all-upper case is accepted as is; mixed case must carry a
   * valid EIP-55 checksum, since a wrong one means a typo.
   */
  public static Address fromHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 40) {
      throw new IllegalArgumentException("address must be 40 hex digits, got " + digits.length());
    }
    Address address = wrap(Hex.decode(digits));
    boolean mixed = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
    if (mixed && !address.toChecksumHex().substring(2).equals(digits)) {
      throw new IllegalArgumentException("address " + hex + " has a wrong EIP-55 checksum");
    }
    return address;
  }

  /** The address of a low number, e.g. a precompile (0x…01) or a system contract. */
  public static Address ofLong(long value) {
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < 8; i++) {
      b[LENGTH - 1 - i] = (byte) (value >>> (8 * i));
    }
    return new Address(b);
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

  /** Lower-case {@code 0x} hex, as JSON-RPC answers carry it. */
  public String toHex() {
    return Hex.encodePrefixed(bytes);
  }

  /** EIP-55 mixed-case checksum form. */
  public String toChecksumHex() {
    String lower = Hex.encode(bytes);
    byte[] h = Keccak256.hash(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    StringBuilder sb = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (h[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      sb.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Address other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return toChecksumHex();
  }
}
