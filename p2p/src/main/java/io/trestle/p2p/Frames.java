package io.trestle.p2p;

import io.netty.buffer.ByteBuf;

/**
 * Length-prefixed framing (ADR 0200): a 4-byte big-endian length, then that many bytes. The length limit
 * depends on the phase: handshake frames are tiny and come from anyone, session frames are authenticated and
 * may carry a block-sync response.
 */
final class Frames {
  static final int HEADER_BYTES = 4;
  /** The largest handshake frame: a hello or an auth frame, with room to spare. */
  static final int HANDSHAKE_FRAME_BYTES_MAX = 256;
  /** The largest payload any protocol may carry: 16 MiB, sized for block-sync responses. */
  static final int PAYLOAD_BYTES_MAX = 16 * 1024 * 1024;
  /** Protocol id (2 bytes) and AEAD tag around the largest payload. */
  static final int SESSION_FRAME_BYTES_MAX = PAYLOAD_BYTES_MAX + Envelope.HEADER_BYTES + SessionSuite.TAG_BYTES;

  private Frames() {}

  /**
   * Reads one whole frame body from {@code in}, or null (reading nothing) when it has not all arrived yet.
   * A ProtocolException for a length of zero or above {@code frameBytesMax}; nothing is consumed then.
   */
  static ByteBuf read(ByteBuf in, int frameBytesMax) throws ProtocolException {
    if (in.readableBytes() < HEADER_BYTES) {
      return null;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    checkLength(length, frameBytesMax);
    if (in.readableBytes() < HEADER_BYTES + length) {
      return null;
    }
    in.skipBytes(HEADER_BYTES);
    return in.readRetainedSlice((int) length);
  }

  /** Whether a frame header announcing {@code length} bytes is acceptable under {@code frameBytesMax}. */
  static void checkLength(long length, int frameBytesMax) throws ProtocolException {
    if (length == 0) {
      throw new ProtocolException("frame length is 0");
    }
    if (length > frameBytesMax) {
      throw new ProtocolException("frame length " + length + " exceeds the limit " + frameBytesMax);
    }
  }

  /** The header and body of one frame, ready to write. */
  static ByteBuf encode(io.netty.buffer.ByteBufAllocator alloc, byte[] body) {
    ByteBuf out = alloc.buffer(HEADER_BYTES + body.length);
    out.writeInt(body.length);
    out.writeBytes(body);
    return out;
  }
}
