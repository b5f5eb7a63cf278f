package io.trestle.consensus.cert;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.Signature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Field readers and writers shared by the consensus codecs. Every reader names the field it failed on and
 * throws only {@link DecodeException}.
 */
public final class Codec {
  /** Rounds above this are refused: at the capped timeout they would take centuries to reach honestly. */
  public static final int MAX_ROUND = 1 << 30;
  /** Ethereum-suite signatures are r‖s‖v; suites whose signatures carry the key append the 64-byte key. */
  public static final int SIGNATURE_LENGTH = 65;
  public static final int SIGNATURE_WITH_KEY_LENGTH = 129;

  private Codec() {}

  public static RlpItem decodeItem(byte[] input, int maxBytes, String what) throws DecodeException {
    if (input.length > maxBytes) {
      throw new DecodeException(what + " of " + input.length + " bytes exceeds the limit of " + maxBytes);
    }
    try {
      return Rlp.decode(input);
    } catch (RlpException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
  }

  public static List<RlpItem> fields(RlpItem item, int count, String what) throws DecodeException {
    try {
      return item.items(count, what);
    } catch (RlpException e) {
      throw new DecodeException(e.getMessage(), e);
    }
  }

  public static List<RlpItem> list(RlpItem item, int maxItems, String what) throws DecodeException {
    List<RlpItem> items;
    try {
      items = item.items();
    } catch (RlpException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
    if (items.size() > maxItems) {
      throw new DecodeException(what + " has " + items.size() + " entries, more than " + maxItems);
    }
    return items;
  }

  public static long readLong(RlpItem item, String field) throws DecodeException {
    try {
      return item.asLong();
    } catch (RlpException e) {
      throw new DecodeException(field + ": " + e.getMessage(), e);
    }
  }

  public static int readRound(RlpItem item, String field) throws DecodeException {
    long value = readLong(item, field);
    if (value > MAX_ROUND) {
      throw new DecodeException(field + " " + value + " exceeds the maximum round " + MAX_ROUND);
    }
    return (int) value;
  }

  public static Hash readHash(RlpItem item, String field) throws DecodeException {
    try {
      return item.asHash();
    } catch (RlpException e) {
      throw new DecodeException(field + ": " + e.getMessage(), e);
    }
  }

  public static Address readAddress(RlpItem item, String field) throws DecodeException {
    try {
      return item.asAddress();
    } catch (RlpException e) {
      throw new DecodeException(field + ": " + e.getMessage(), e);
    }
  }

  public static byte[] readBytes(RlpItem item, int maxBytes, String field) throws DecodeException {
    try {
      int length = item.stringLength();
      if (length > maxBytes) {
        throw new DecodeException(field + " of " + length + " bytes exceeds the limit of " + maxBytes);
      }
      return item.bytes();
    } catch (RlpException e) {
      throw new DecodeException(field + ": " + e.getMessage(), e);
    }
  }

  /** An optional round: the empty list for none (−1), a one-item list otherwise. */
  public static byte[] encodeOptionalRound(int round) {
    return round < 0 ? Rlp.encodeList() : Rlp.encodeList(Rlp.encodeLong(round));
  }

  public static int readOptionalRound(RlpItem item, String field) throws DecodeException {
    List<RlpItem> items = list(item, 1, field);
    return items.isEmpty() ? -1 : readRound(items.get(0), field);
  }

  public static byte[] encodeSignature(Signature signature) {
    byte[] compact = signature.toCompact();
    byte[] key = signature.publicKey();
    if (key == null) {
      return Rlp.encodeBytes(compact);
    }
    byte[] out = Arrays.copyOf(compact, SIGNATURE_WITH_KEY_LENGTH);
    System.arraycopy(key, 0, out, SIGNATURE_LENGTH, key.length);
    return Rlp.encodeBytes(out);
  }

  public static Signature readSignature(RlpItem item, String field) throws DecodeException {
    byte[] b = readBytes(item, SIGNATURE_WITH_KEY_LENGTH, field);
    if (b.length != SIGNATURE_LENGTH && b.length != SIGNATURE_WITH_KEY_LENGTH) {
      throw new DecodeException(
          field + " must be " + SIGNATURE_LENGTH + " or " + SIGNATURE_WITH_KEY_LENGTH + " bytes, got " + b.length);
    }
    int v = b[64] & 0xff;
    if (v > 3) {
      throw new DecodeException(field + " recovery id must be 0..3, got " + v);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(b, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(b, 32, 64));
    byte[] key = b.length == SIGNATURE_WITH_KEY_LENGTH ? Arrays.copyOfRange(b, 65, 129) : null;
    return new Signature(r, s, v, key);
  }

  public static byte[] encodeVoteSignatures(List<VoteSignature> signatures) {
    List<byte[]> items = new ArrayList<>(signatures.size());
    for (VoteSignature s : signatures) {
      items.add(s.encode());
    }
    return Rlp.encodeList(items);
  }

  public static List<VoteSignature> readVoteSignatures(RlpItem item, String field) throws DecodeException {
    List<RlpItem> items = list(item, ValidatorSet.MAX_VALIDATORS, field);
    List<VoteSignature> out = new ArrayList<>(items.size());
    for (RlpItem i : items) {
      out.add(VoteSignature.decode(i));
    }
    return out;
  }
}
