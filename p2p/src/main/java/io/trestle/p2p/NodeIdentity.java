package io.trestle.p2p;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import java.util.Objects;

/**
 * Who this node is and which chain it serves: the node key under the chain's crypto suite (its identity is
 * the suite address of the public key), the chain id and the genesis hash. Two nodes only talk when chain id,
 * genesis hash and suite are equal.
 */
public record NodeIdentity(CryptoSuite suite, KeyPair nodeKey, long chainId, Hash genesisHash) {
  public NodeIdentity {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(nodeKey, "nodeKey");
    Objects.requireNonNull(genesisHash, "genesisHash");
    if (chainId < 0) {
      throw new IllegalArgumentException("chainId must be non-negative, got " + chainId);
    }
    if (nodeKey.publicKey().length != 64) {
      throw new IllegalArgumentException("node public key must be 64 bytes, got " + nodeKey.publicKey().length);
    }
  }

  public Address address() {
    return Address.wrap(suite.address(nodeKey.publicKey()));
  }

  @Override
  public String toString() {
    return "NodeIdentity[" + address() + ", suite=" + suite.name() + ", chainId=" + chainId + "]";
  }
}
