package io.trestle.consensus.support;

import io.trestle.consensus.KeyPairSigner;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** Deterministic validator keys: key i is the 32-byte big-endian number i + 1. */
public final class TestKeys {
  private final CryptoSuite suite;
  private final List<KeyPair> keys = new ArrayList<>();

  public TestKeys(CryptoSuite suite, int count) {
    this.suite = suite;
    for (int i = 0; i < count; i++) {
      byte[] priv = new byte[32];
      priv[31] = (byte) (i + 1);
      priv[30] = (byte) ((i + 1) >> 8);
      keys.add(suite.keyPair(priv));
    }
  }

  public KeyPair key(int i) {
    return keys.get(i);
  }

  public KeyPairSigner signer(int i) {
    return new KeyPairSigner(suite, keys.get(i));
  }

  public int size() {
    return keys.size();
  }

  /** The validator set of keys {@code indices}, in that order. */
  public ValidatorSet set(int... indices) {
    List<byte[]> pubs = new ArrayList<>();
    for (int i : indices) {
      pubs.add(keys.get(i).publicKey());
    }
    return ValidatorSet.ofPublicKeys(suite, pubs);
  }

  public ValidatorSet firstN(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return set(idx);
  }
}
