package io.trestle.execution;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.crypto.CryptoSuite;
import io.trestle.execution.genesis.Genesis;
import java.util.ArrayList;
import java.util.List;

/** The validator-set hash that headers carry: suite hash of rlp([[address, publicKey], ...]) in leader order. */
public final class Validators {
  private Validators() {}

  public static Hash hash(List<Genesis.Validator> validators, CryptoSuite suite) {
    List<byte[]> items = new ArrayList<>(validators.size());
    for (Genesis.Validator v : validators) {
      items.add(Rlp.list().addBytes(v.address().unsafeArray()).addBytes(v.publicKey().unsafeArray()).build());
    }
    return Hash.wrap(suite.hash(Rlp.encodeList(items)));
  }
}
