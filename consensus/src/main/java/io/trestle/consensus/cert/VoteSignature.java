package io.trestle.consensus.cert;

import io.trestle.core.Address;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import io.trestle.crypto.Signature;
import java.util.List;
import java.util.Objects;

/**
 * One validator's signature inside a certificate or message. The signer is named by address (not by index)
 * so a certificate stays readable without the validator set's order, and a wrong signer is reported as such.
 */
public record VoteSignature(Address signer, Signature signature) {
  public VoteSignature {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }

  public byte[] encode() {
    return Rlp.encodeList(Rlp.encodeBytes(signer.unsafeArray()), Codec.encodeSignature(signature));
  }

  public static VoteSignature decode(RlpItem item) throws DecodeException {
    List<RlpItem> f = Codec.fields(item, 2, "vote signature");
    return new VoteSignature(Codec.readAddress(f.get(0), "signer"), Codec.readSignature(f.get(1), "signature"));
  }
}
