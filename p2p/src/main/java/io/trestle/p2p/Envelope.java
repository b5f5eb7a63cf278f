package io.trestle.p2p;

/**
 * The plaintext of a session frame: a 2-byte big-endian protocol id, then the protocol's opaque payload.
 * Protocol 0 is the transport's own keep-alive.
 */
record Envelope(int protocol, byte[] payload) {
  static final int HEADER_BYTES = 2;
  static final int PROTOCOL_MAX = 0xffff;

  Envelope {
    if (protocol < 0 || protocol > PROTOCOL_MAX) {
      throw new IllegalArgumentException("protocol must be 0.." + PROTOCOL_MAX + ", got " + protocol);
    }
  }

  static byte[] encode(int protocol, byte[] payload) {
    byte[] out = new byte[HEADER_BYTES + payload.length];
    out[0] = (byte) (protocol >>> 8);
    out[1] = (byte) protocol;
    System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
    return out;
  }

  static Envelope decode(byte[] plaintext) throws ProtocolException {
    if (plaintext.length < HEADER_BYTES) {
      throw new ProtocolException("frame plaintext is " + plaintext.length + " bytes, shorter than its protocol id");
    }
    int protocol = ((plaintext[0] & 0xff) << 8) | (plaintext[1] & 0xff);
    byte[] payload = new byte[plaintext.length - HEADER_BYTES];
    System.arraycopy(plaintext, HEADER_BYTES, payload, 0, payload.length);
    return new Envelope(protocol, payload);
  }
}
