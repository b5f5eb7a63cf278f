package io.trestle.p2p;

import java.util.concurrent.Executor;

/**
 * How a registered protocol is received: the largest payload a peer may send on it (larger ones get the peer
 * banned), and where its handler runs: on the I/O thread when {@code executor} is null, else on the executor
 * (in submission order if the executor is single-threaded).
 */
public record ProtocolOptions(int payloadBytesMax, Executor executor) {
  /** The payload limit of a protocol registered without options. */
  public static final int DEFAULT_PAYLOAD_BYTES_MAX = 1024 * 1024;

  public ProtocolOptions {
    if (payloadBytesMax < 0 || payloadBytesMax > Frames.PAYLOAD_BYTES_MAX) {
      throw new IllegalArgumentException(
          "payloadBytesMax must be 0.." + Frames.PAYLOAD_BYTES_MAX + ", got " + payloadBytesMax);
    }
  }

  /** Handler on the I/O thread; it must hand work off quickly. */
  public static ProtocolOptions onIoThread(int payloadBytesMax) {
    return new ProtocolOptions(payloadBytesMax, null);
  }

  public static ProtocolOptions on(Executor executor, int payloadBytesMax) {
    if (executor == null) {
      throw new IllegalArgumentException("executor must not be null; use onIoThread");
    }
    return new ProtocolOptions(payloadBytesMax, executor);
  }

  /** The largest payload any protocol can be given: 16 MiB. */
  public static int payloadBytesLimit() {
    return Frames.PAYLOAD_BYTES_MAX;
  }
}
