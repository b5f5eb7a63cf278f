package io.trestle.consensus.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.consensus.support.TestKeys;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline certificate check light clients rely on, with real secp256k1 signatures: each refusal reason. */
class CertificateVerifierTest {
  private static final CryptoSuite SUITE = EthereumSuite.INSTANCE;
  private static final long CHAIN = 77;
  private static final TestKeys KEYS = new TestKeys(SUITE, 5);
  private static final ValidatorSet FOUR = KEYS.firstN(4);
  private static final Hash BLOCK = Hash.keccak(new byte[] {1, 2, 3});

  private static VoteSignature sign(int key, VoteKind kind, long chain, long height, int round, Hash block) {
    byte[] digest = SigningDigest.vote(SUITE, kind, chain, height, round, block);
    return new VoteSignature(KEYS.signer(key).address(), KEYS.signer(key).sign(digest));
  }

  private static CommitCertificate cert(int... keys) {
    List<VoteSignature> sigs = new ArrayList<>();
    for (int k : keys) {
      sigs.add(sign(k, VoteKind.COMMIT, CHAIN, 10, 2, BLOCK));
    }
    return new CommitCertificate(10, 2, BLOCK, sigs);
  }

  private static CertificateCheck.Outcome check(CommitCertificate c) {
    return CertificateVerifier.verify(BLOCK, 10, c, FOUR, SUITE, CHAIN).outcome();
  }

  @Test
  void acceptsAQuorumOfDistinctValidSignatures() {
    assertTrue(CertificateVerifier.verify(BLOCK, 10, cert(0, 1, 3), FOUR, SUITE, CHAIN).isOk());
    assertTrue(CertificateVerifier.verify(BLOCK, 10, cert(3, 2, 1, 0), FOUR, SUITE, CHAIN).isOk());
  }

  @Test
  void refusesACertificateForAnotherHeightOrBlock() {
    assertEquals(CertificateCheck.Outcome.WRONG_HEIGHT,
        CertificateVerifier.verify(BLOCK, 11, cert(0, 1, 3), FOUR, SUITE, CHAIN).outcome());
    assertEquals(CertificateCheck.Outcome.WRONG_BLOCK_HASH,
        CertificateVerifier.verify(Hash.ZERO, 10, cert(0, 1, 3), FOUR, SUITE, CHAIN).outcome());
  }

  @Test
  void refusesFewerSignaturesThanAQuorum() {
    CertificateCheck check = CertificateVerifier.verify(BLOCK, 10, cert(0, 1), FOUR, SUITE, CHAIN);
    assertEquals(CertificateCheck.Outcome.TOO_FEW_SIGNATURES, check.outcome());
    assertTrue(check.detail().contains("quorum"), check.detail());
  }

  @Test
  void refusesASignerThatSignedTwice() {
    assertEquals(CertificateCheck.Outcome.DUPLICATE_SIGNER, check(cert(0, 1, 1)));
  }

  @Test
  void refusesASignerOutsideTheValidatorSet() {
    CertificateCheck check = CertificateVerifier.verify(BLOCK, 10, cert(0, 1, 4), FOUR, SUITE, CHAIN);
    assertEquals(CertificateCheck.Outcome.UNKNOWN_SIGNER, check.outcome());
    assertTrue(check.detail().contains(KEYS.signer(4).address().toHex()), check.detail());
  }

  @Test
  void refusesASignatureByAnotherKeyUnderAValidatorsName() {
    List<VoteSignature> sigs = new ArrayList<>(cert(0, 1).signatures());
    Address three = KEYS.signer(3).address();
    sigs.add(new VoteSignature(three, sign(4, VoteKind.COMMIT, CHAIN, 10, 2, BLOCK).signature()));
    assertEquals(CertificateCheck.Outcome.BAD_SIGNATURE, check(new CommitCertificate(10, 2, BLOCK, sigs)));
  }

  @Test
  void refusesSignaturesMadeForAnotherChainRoundOrVoteKind() {
    for (VoteSignature wrong : List.of(
        sign(3, VoteKind.COMMIT, CHAIN + 1, 10, 2, BLOCK),
        sign(3, VoteKind.COMMIT, CHAIN, 10, 3, BLOCK),
        sign(3, VoteKind.PREPARE, CHAIN, 10, 2, BLOCK))) {
      List<VoteSignature> sigs = new ArrayList<>(cert(0, 1).signatures());
      sigs.add(wrong);
      assertEquals(CertificateCheck.Outcome.BAD_SIGNATURE, check(new CommitCertificate(10, 2, BLOCK, sigs)));
    }
  }

  @Test
  void aCertificateOfOneValidatorSetDoesNotVerifyAgainstAnother() {
    ValidatorSet others = KEYS.set(1, 2, 3, 4);
    assertEquals(CertificateCheck.Outcome.UNKNOWN_SIGNER,
        CertificateVerifier.verify(BLOCK, 10, cert(0, 1, 3), others, SUITE, CHAIN).outcome());
  }

  @Test
  void quorumCertificatesCarryPrepareSignatures() {
    List<VoteSignature> sigs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      sigs.add(sign(k, VoteKind.PREPARE, CHAIN, 10, 2, BLOCK));
    }
    assertTrue(CertificateVerifier.verify(new QuorumCertificate(10, 2, BLOCK, sigs), FOUR, SUITE, CHAIN).isOk());
    assertEquals(CertificateCheck.Outcome.BAD_SIGNATURE, CertificateVerifier.verify(
        new QuorumCertificate(10, 2, BLOCK, cert(0, 1, 2).signatures()), FOUR, SUITE, CHAIN).outcome());
  }
}
