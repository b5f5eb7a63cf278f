package io.trestle.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Strict DER for ECDSA signatures over 256-bit curves. Written out rather than left to a general ASN.1
 * parser because the general ones accept BER forms (long lengths, padded integers) that make one signature
 * have several encodings; Wycheproof checks exactly these.
 */
final class DerSignatures {
  /** 2 + 2 × (2 + 33): the largest DER signature whose integers fit 256 bits. */
  static final int DER_BYTES_MAX = 72;

  private static final int INTEGER_BYTES_MAX = 33;

  private DerSignatures() {}

  static BigInteger[] decode(byte[] der) throws SignatureException {
    if (der.length < 8 || der.length > DER_BYTES_MAX) {
      throw new SignatureException("DER signature is " + der.length + " bytes, expected 8.." + DER_BYTES_MAX);
    }
    if (der[0] != 0x30) {
      throw new SignatureException("DER signature must start with SEQUENCE (0x30), got 0x" + hex(der[0]));
    }
    int length = der[1] & 0xff;
    if (length >= 0x80) {
      throw new SignatureException("DER signature SEQUENCE length must use the short form, got 0x" + hex(der[1]));
    }
    if (length != der.length - 2) {
      throw new SignatureException(
          "DER signature SEQUENCE length " + length + " does not match the " + (der.length - 2) + " bytes after it");
    }
    int[] position = {2};
    BigInteger r = readInteger(der, position, "r");
    BigInteger s = readInteger(der, position, "s");
    if (position[0] != der.length) {
      throw new SignatureException("DER signature has " + (der.length - position[0]) + " bytes after s");
    }
    return new BigInteger[] {r, s};
  }

  private static BigInteger readInteger(byte[] der, int[] position, String name) throws SignatureException {
    int at = position[0];
    if (der.length - at < 3) {
      throw new SignatureException("DER signature ends before INTEGER " + name);
    }
    if (der[at] != 0x02) {
      throw new SignatureException("DER signature " + name + " must be an INTEGER (0x02), got 0x" + hex(der[at]));
    }
    int length = der[at + 1] & 0xff;
    if (length == 0 || length > INTEGER_BYTES_MAX) {
      throw new SignatureException("DER signature " + name + " has length " + length + ", expected 1.." + INTEGER_BYTES_MAX);
    }
    int start = at + 2;
    if (start + length > der.length) {
      throw new SignatureException("DER signature " + name + " runs past the end");
    }
    if ((der[start] & 0x80) != 0) {
      throw new SignatureException("DER signature " + name + " is negative");
    }
    if (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0) {
      throw new SignatureException("DER signature " + name + " has a superfluous leading zero");
    }
    position[0] = start + length;
    return new BigInteger(1, Arrays.copyOfRange(der, start, start + length));
  }

  static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rBytes = r.toByteArray();
    byte[] sBytes = s.toByteArray();
    if (rBytes.length > INTEGER_BYTES_MAX || sBytes.length > INTEGER_BYTES_MAX) {
      throw new IllegalArgumentException("signature values must fit 256 bits");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(DER_BYTES_MAX);
    out.write(0x30);
    out.write(4 + rBytes.length + sBytes.length);
    out.write(0x02);
    out.write(rBytes.length);
    out.writeBytes(rBytes);
    out.write(0x02);
    out.write(sBytes.length);
    out.writeBytes(sBytes);
    return out.toByteArray();
  }

  private static String hex(byte b) {
    return Hex.encode(new byte[] {b});
  }
}
