package io.trestle.p2p.sync;

import io.trestle.core.Hash;
import io.trestle.p2p.ProtocolException;
import io.trestle.p2p.ProtocolOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The block-sync messages (ADR 0204), big-endian binary with a one-byte type:
 *
 * <pre>
 *   Status    = 0x01 | height u64 | headHash (32)
 *   GetBlocks = 0x02 | requestId u64 | fromHeight u64 | toHeight u64 | bytesMax u32
 *   Blocks    = 0x03 | requestId u64 | fromHeight u64 | count u32 | count × (length u32 | bytes)
 * </pre>
 *
 * Heights are non-negative, ranges inclusive and at most {@link #BLOCKS_PER_MESSAGE_MAX} long. Decoding
 * anything else is a {@link ProtocolException}, and nothing else.
 */
public sealed interface SyncMessage {
  int BLOCKS_PER_MESSAGE_MAX = 1024;
  /** The payload limit of the sync protocol: the transport's largest. */
  int PAYLOAD_BYTES_MAX = ProtocolOptions.payloadBytesLimit();

  byte[] encode();

  static SyncMessage decode(byte[] bytes) throws ProtocolException {
    if (bytes.length == 0) {
      throw new ProtocolException("sync message is empty");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    SyncMessage message = switch (bytes[0]) {
      case Status.TYPE -> Status.read(in, bytes.length);
      case GetBlocks.TYPE -> GetBlocks.read(in, bytes.length);
      case Blocks.TYPE -> Blocks.read(in);
      default -> throw new ProtocolException("sync message type 0x" + Integer.toHexString(bytes[0] & 0xff) + " is unknown");
    };
    if (in.hasRemaining()) {
      throw new ProtocolException("sync message has " + in.remaining() + " bytes after its end");
    }
    return message;
  }

  /** What a node has: its committed height and head hash. */
  record Status(long height, Hash headHash) implements SyncMessage {
    static final byte TYPE = 1;
    static final int BYTES = 1 + 8 + 32;

    public Status {
      Objects.requireNonNull(headHash, "headHash");
      if (height < 0) {
        throw new IllegalArgumentException("height must be non-negative, got " + height);
      }
    }

    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(BYTES).put(TYPE).putLong(height).put(headHash.unsafeArray()).array();
    }

    static Status read(ByteBuffer in, int length) throws ProtocolException {
      requireLength("Status", length, BYTES);
      long height = readHeight(in, "Status.height");
      byte[] hash = new byte[32];
      in.get(hash);
      return new Status(height, Hash.wrap(hash));
    }
  }

  /** A request for heights {@code fromHeight..toHeight}, answered by {@link Blocks} with the same id. */
  record GetBlocks(long requestId, long fromHeight, long toHeight, int bytesMax) implements SyncMessage {
    static final byte TYPE = 2;
    static final int BYTES = 1 + 8 + 8 + 8 + 4;

    public GetBlocks {
      if (fromHeight < 0 || toHeight < fromHeight || toHeight - fromHeight >= BLOCKS_PER_MESSAGE_MAX) {
        throw new IllegalArgumentException("range " + fromHeight + ".." + toHeight + " must be non-negative, ordered"
            + " and at most " + BLOCKS_PER_MESSAGE_MAX + " heights");
      }
      if (bytesMax < 1 || bytesMax > PAYLOAD_BYTES_MAX) {
        throw new IllegalArgumentException("bytesMax must be 1.." + PAYLOAD_BYTES_MAX + ", got " + bytesMax);
      }
    }

    public int count() {
      return (int) (toHeight - fromHeight + 1);
    }

    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(BYTES).put(TYPE).putLong(requestId).putLong(fromHeight).putLong(toHeight)
          .putInt(bytesMax).array();
    }

    static GetBlocks read(ByteBuffer in, int length) throws ProtocolException {
      requireLength("GetBlocks", length, BYTES);
      long requestId = in.getLong();
      long from = readHeight(in, "GetBlocks.fromHeight");
      long to = readHeight(in, "GetBlocks.toHeight");
      if (to < from || to - from >= BLOCKS_PER_MESSAGE_MAX) {
        throw new ProtocolException("GetBlocks range " + from + ".." + to + " is reversed or longer than "
            + BLOCKS_PER_MESSAGE_MAX);
      }
      int bytesMax = in.getInt();
      if (bytesMax < 1 || bytesMax > PAYLOAD_BYTES_MAX) {
        throw new ProtocolException("GetBlocks.bytesMax must be 1.." + PAYLOAD_BYTES_MAX + ", got " + bytesMax);
      }
      return new GetBlocks(requestId, from, to, bytesMax);
    }
  }

  /** Encoded (block, certificate) pairs at consecutive heights from {@code fromHeight}; possibly none. */
  record Blocks(long requestId, long fromHeight, List<byte[]> items) implements SyncMessage {
    static final byte TYPE = 3;
    static final int HEADER_BYTES = 1 + 8 + 8 + 4;
    static final int ITEM_HEADER_BYTES = 4;

    public Blocks {
      items = List.copyOf(items);
      if (fromHeight < 0) {
        throw new IllegalArgumentException("fromHeight must be non-negative, got " + fromHeight);
      }
      if (items.size() > BLOCKS_PER_MESSAGE_MAX) {
        throw new IllegalArgumentException("at most " + BLOCKS_PER_MESSAGE_MAX + " items, got " + items.size());
      }
    }

    /** The bytes {@link #encode()} produces for items of these sizes. */
    static long encodedBytes(List<byte[]> items) {
      long n = HEADER_BYTES;
      for (byte[] item : items) {
        n += ITEM_HEADER_BYTES + item.length;
      }
      return n;
    }

    @Override
    public byte[] encode() {
      long size = encodedBytes(items);
      if (size > PAYLOAD_BYTES_MAX) {
        throw new IllegalArgumentException("Blocks message of " + size + " bytes exceeds " + PAYLOAD_BYTES_MAX);
      }
      ByteBuffer out = ByteBuffer.allocate((int) size).put(TYPE).putLong(requestId).putLong(fromHeight)
          .putInt(items.size());
      for (byte[] item : items) {
        out.putInt(item.length).put(item);
      }
      return out.array();
    }

    static Blocks read(ByteBuffer in) throws ProtocolException {
      if (in.remaining() < HEADER_BYTES - 1) {
        throw new ProtocolException("Blocks message is " + (in.remaining() + 1) + " bytes, shorter than its header");
      }
      long requestId = in.getLong();
      long from = readHeight(in, "Blocks.fromHeight");
      int count = in.getInt();
      if (count < 0 || count > BLOCKS_PER_MESSAGE_MAX) {
        throw new ProtocolException("Blocks.count must be 0.." + BLOCKS_PER_MESSAGE_MAX + ", got " + count);
      }
      if ((long) count * ITEM_HEADER_BYTES > in.remaining()) {
        throw new ProtocolException("Blocks.count " + count + " does not fit the " + in.remaining() + " bytes left");
      }
      if (from + count < from) {
        throw new ProtocolException("Blocks heights overflow from " + from);
      }
      List<byte[]> items = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        if (in.remaining() < ITEM_HEADER_BYTES) {
          throw new ProtocolException("Blocks item " + i + " has no length");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new ProtocolException("Blocks item " + i + " length " + length + " exceeds the " + in.remaining()
              + " bytes left");
        }
        byte[] item = new byte[length];
        in.get(item);
        items.add(item);
      }
      return new Blocks(requestId, from, items);
    }
  }

  private static long readHeight(ByteBuffer in, String field) throws ProtocolException {
    long height = in.getLong();
    if (height < 0) {
      throw new ProtocolException(field + " must be non-negative, got " + Long.toUnsignedString(height));
    }
    return height;
  }

  private static void requireLength(String type, int length, int expected) throws ProtocolException {
    if (length != expected) {
      throw new ProtocolException(type + " message must be " + expected + " bytes, got " + length);
    }
  }
}
