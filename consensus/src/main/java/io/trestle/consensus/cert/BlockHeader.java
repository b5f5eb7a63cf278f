package io.trestle.consensus.cert;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.CryptoSuite;
import java.util.List;
import java.util.Objects;

/**
 * The envelope of a block that consensus understands; everything else is the application's payload, bound
 * to the envelope by {@code payloadHash}. The block id that votes and certificates sign is the suite hash of
 * this envelope's encoding. The round is deliberately absent: a block re-proposed in a later round keeps its
 * id (ADR 0181).
 */
public record BlockHeader(long height, Hash parentHash, Address proposer, long timestampMs, Hash payloadHash) {
  public static final int MAX_ENCODED_BYTES = 256;

  public BlockHeader {
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(proposer, "proposer");
    Objects.requireNonNull(payloadHash, "payloadHash");
    if (height < 0) {
      throw new IllegalArgumentException("block height must be >= 0, got " + height);
    }
    if (timestampMs < 0) {
      throw new IllegalArgumentException("block timestampMs must be >= 0, got " + timestampMs);
    }
  }

  /** rlp([height, parentHash, proposer, timestampMs, payloadHash]) */
  public byte[] encode() {
    return Rlp.encodeList(
        Rlp.encodeLong(height),
        Rlp.encodeBytes(parentHash.unsafeArray()),
        Rlp.encodeBytes(proposer.unsafeArray()),
        Rlp.encodeLong(timestampMs),
        Rlp.encodeBytes(payloadHash.unsafeArray()));
  }

  /** id(B) = suite.hash(encode()): the hash certificates sign. */
  public Hash id(CryptoSuite suite) {
    return Hash.wrap(suite.hash(encode()));
  }

  public static BlockHeader decode(byte[] input) throws DecodeException {
    return decode(Codec.decodeItem(input, MAX_ENCODED_BYTES, "block header"));
  }

  public static BlockHeader decode(RlpItem item) throws DecodeException {
    List<RlpItem> f = Codec.fields(item, 5, "block header");
    return new BlockHeader(
        Codec.readLong(f.get(0), "block height"),
        Codec.readHash(f.get(1), "block parentHash"),
        Codec.readAddress(f.get(2), "block proposer"),
        Codec.readLong(f.get(3), "block timestampMs"),
        Codec.readHash(f.get(4), "block payloadHash"));
  }
}
