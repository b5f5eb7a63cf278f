package io.trestle.node.identity;

import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.consensus.ChainApplication;

/** What a verifier trusts, all taken from a genesis file: the chain, its suite and its first validator set. */
public record Trust(long chainId, CryptoSuite suite, Hash genesisFingerprint, ValidatorSet validators) {
  public static Trust of(Genesis genesis) {
    return new Trust(genesis.chainId(), genesis.suite(), genesis.fingerprint(), ChainApplication.validatorSet(genesis));
  }
}
