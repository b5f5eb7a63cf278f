package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import java.math.BigInteger;

/**
 * Packing of storage words (ADR 0291): an address in the low 160 bits, a 64-bit number in bits 160-223 and 32
 * flag bits in bits 224-255, as Solidity would pack {@code (address, uint64, uint32)} into one slot.
 */
final class Word {
  private Word() {}

  static UInt256 pack(Address address, long mid, int flags) {
    byte[] b = new byte[32];
    putInt(b, 0, flags);
    putLong(b, 4, mid);
    System.arraycopy(address.unsafeArray(), 0, b, 12, 20);
    return UInt256.fromBytes(b);
  }

  static Address address(UInt256 word) {
    byte[] b = word.toArray();
    return Address.wrap(java.util.Arrays.copyOfRange(b, 12, 32));
  }

  static long mid(UInt256 word) {
    byte[] b = word.toArray();
    long v = 0;
    for (int i = 4; i < 12; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  static int flags(UInt256 word) {
    byte[] b = word.toArray();
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  static UInt256 ofAddress(Address a) {
    return UInt256.fromBytes(a.unsafeArray());
  }

  static UInt256 ofBytes(Bytes b32) {
    return UInt256.fromBytes(b32.unsafeArray());
  }

  static Bytes bytes32(UInt256 w) {
    return Bytes.wrap(w.toArray());
  }

  static UInt256 of(BigInteger v) {
    return UInt256.fromBigInteger(v);
  }

  static UInt256 of(long v) {
    return UInt256.valueOf(v);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }
}
