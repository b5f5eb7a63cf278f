package io.trestle.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames under a limit the connection raises after the handshake. A bad length
 * is passed on as a {@link FrameError} (not thrown), after which all further input is discarded: the
 * connection is about to close and nothing it sends can be trusted to be framed.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private int frameBytesMax;
  private boolean failed;

  FrameDecoder(int frameBytesMax) {
    this.frameBytesMax = frameBytesMax;
  }

  /** Called on the event loop, between two frames. */
  void frameBytesMax(int value) {
    frameBytesMax = value;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      ByteBuf frame = Frames.read(in, frameBytesMax);
      if (frame != null) {
        out.add(frame);
      }
    } catch (ProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      out.add(new FrameError(e.getMessage()));
    }
  }

  /** A framing violation, travelling down the pipeline as a message. */
  record FrameError(String reason) {}
}
