package io.trestle.evm.abi;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Keccak256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Entry points of the Solidity ABI: selectors, event topics, revert reasons. */
public final class Abi {
  /** The selector of {@code Error(string)}. */
  public static final byte[] ERROR_SELECTOR = {0x08, (byte) 0xc3, 0x79, (byte) 0xa0};

  private Abi() {}

  /** The first four bytes of keccak256 of a canonical signature such as {@code transfer(address,uint256)}. */
  public static byte[] selector(String signature) {
    return Arrays.copyOf(Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII)), 4);
  }

  /** keccak256 of a canonical event signature: topic 0 of a non-anonymous event. */
  public static Hash eventTopic(String signature) {
    return Hash.keccak(signature.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code Error(string)} revert data for {@code reason}. */
  public static Bytes encodeError(String reason) {
    try {
      Bytes body = AbiCodec.encode(List.of(AbiType.STRING), List.of(reason));
      byte[] out = new byte[4 + body.size()];
      System.arraycopy(ERROR_SELECTOR, 0, out, 0, 4);
      System.arraycopy(body.unsafeArray(), 0, out, 4, body.size());
      return Bytes.wrap(out);
    } catch (AbiException e) {
      throw new IllegalStateException("a String always encodes as string", e);
    }
  }

  /** The reason carried by {@code Error(string)} revert data, or null when the data is not that. */
  public static String decodeError(Bytes revertData) {
    byte[] d = revertData.unsafeArray();
    if (d.length < 4 || !Arrays.equals(Arrays.copyOf(d, 4), ERROR_SELECTOR)) {
      return null;
    }
    try {
      return (String) AbiCodec.decode(List.of(AbiType.STRING), Bytes.wrap(Arrays.copyOfRange(d, 4, d.length))).get(0);
    } catch (AbiException e) {
      return null;
    }
  }
}
