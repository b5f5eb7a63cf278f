package io.trestle.p2p;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first, cleartext handshake message (ADR 0201): who we are not yet, only which chain, which protocol
 * version, a fresh X25519 public key and a fresh nonce. Fixed size, so anything else is junk.
 *
 * <pre>
 *   magic "TRST" (4) | version u16 | suite u8 | chainId u64 | genesisHash (32) | ephemeralKey (32) | nonce (32)
 * </pre>
 */
record Hello(int version, int suiteId, long chainId, byte[] genesisHash, byte[] ephemeralKey, byte[] nonce) {
  static final int BYTES = 4 + 2 + 1 + 8 + 32 + 32 + 32;
  static final int NONCE_BYTES = 32;
  private static final byte[] MAGIC = "TRST".getBytes(StandardCharsets.US_ASCII);

  Hello {
    requireLength(genesisHash, 32, "genesisHash");
    requireLength(ephemeralKey, 32, "ephemeralKey");
    requireLength(nonce, NONCE_BYTES, "nonce");
    genesisHash = genesisHash.clone();
    ephemeralKey = ephemeralKey.clone();
    nonce = nonce.clone();
  }

  byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(BYTES);
    out.put(MAGIC).putShort((short) version).put((byte) suiteId).putLong(chainId);
    out.put(genesisHash).put(ephemeralKey).put(nonce);
    return out.array();
  }

  /** Decodes exactly {@link #BYTES} bytes; a MALFORMED or MISMATCH HandshakeException for anything else. */
  static Hello decode(byte[] bytes) throws HandshakeException {
    if (bytes.length != BYTES) {
      throw new HandshakeException(HandshakeException.Kind.MALFORMED,
          "hello must be " + BYTES + " bytes, got " + bytes.length);
    }
    if (!Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
      throw new HandshakeException(HandshakeException.Kind.MALFORMED, "hello magic is not TRST");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 4, BYTES - 4);
    int version = in.getShort() & 0xffff;
    int suiteId = in.get() & 0xff;
    long chainId = in.getLong();
    if (chainId < 0) {
      throw new HandshakeException(HandshakeException.Kind.MALFORMED, "hello chainId is negative: " + chainId);
    }
    byte[] genesis = new byte[32];
    byte[] ephemeral = new byte[32];
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(genesis).get(ephemeral).get(nonce);
    return new Hello(version, suiteId, chainId, genesis, ephemeral, nonce);
  }

  @Override
  public byte[] genesisHash() {
    return genesisHash.clone();
  }

  @Override
  public byte[] ephemeralKey() {
    return ephemeralKey.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hello h
        && version == h.version
        && suiteId == h.suiteId
        && chainId == h.chainId
        && Arrays.equals(genesisHash, h.genesisHash)
        && Arrays.equals(ephemeralKey, h.ephemeralKey)
        && Arrays.equals(nonce, h.nonce);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "Hello[version=" + version + ", suite=" + suiteId + ", chainId=" + chainId + "]";
  }

  private static void requireLength(byte[] value, int length, String name) {
    if (value.length != length) {
      throw new IllegalArgumentException(name + " must be " + length + " bytes, got " + value.length);
    }
  }
}
