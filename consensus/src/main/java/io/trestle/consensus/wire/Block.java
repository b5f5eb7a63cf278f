package io.trestle.consensus.wire;

import io.trestle.consensus.cert.BlockHeader;
import io.trestle.consensus.cert.Codec;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.CryptoSuite;
import java.util.List;
import java.util.Objects;

/**
 * A block as consensus orders it: the header envelope it understands and the application's opaque payload.
 * The application binds payload to {@code header.payloadHash()} and judges it; consensus never looks inside.
 */
public record Block(BlockHeader header, Bytes payload) {
  /** Larger payloads are refused by the decoder; the engine's configured limit may be lower. */
  public static final int MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

  public Block {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(payload, "payload");
    if (payload.size() > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "block payload of " + payload.size() + " bytes exceeds the limit of " + MAX_PAYLOAD_BYTES);
    }
  }

  public long height() {
    return header.height();
  }

  /** id(B), the hash certificates sign (see {@link BlockHeader#id}). */
  public Hash id(CryptoSuite suite) {
    return header.id(suite);
  }

  /** rlp([header, payload]) */
  public byte[] encode() {
    return Rlp.encodeList(header.encode(), Rlp.encodeBytes(payload.unsafeArray()));
  }

  public static Block decode(byte[] input) throws DecodeException {
    return decode(Codec.decodeItem(input, MAX_PAYLOAD_BYTES + 1024, "block"));
  }

  public static Block decode(RlpItem item) throws DecodeException {
    List<RlpItem> f = Codec.fields(item, 2, "block");
    return new Block(BlockHeader.decode(f.get(0)), Bytes.wrap(Codec.readBytes(f.get(1), MAX_PAYLOAD_BYTES, "block payload")));
  }
}
