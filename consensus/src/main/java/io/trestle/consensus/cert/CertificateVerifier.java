package io.trestle.consensus.cert;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Signature;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks certificates against a validator set, offline: what a light client, an evidence receipt or another
 * chain needs to trust that a block is final. Cheap checks come first (height, hash, signers, count) so a
 * forged certificate costs no signature verification unless it names enough real validators.
 */
public final class CertificateVerifier {
  private CertificateVerifier() {}

  /**
   * Whether {@code cert} proves that the block {@code blockHash} is committed at {@code height}: it names that
   * height and hash, and carries COMMIT signatures of at least a quorum of distinct members of
   * {@code validators}, every one of them valid for {@code chainId}.
   */
  public static CertificateCheck verify(
      Hash blockHash, long height, CommitCertificate cert, ValidatorSet validators, CryptoSuite suite, long chainId) {
    if (cert.height() != height) {
      return CertificateCheck.fail(CertificateCheck.Outcome.WRONG_HEIGHT,
          "certificate is for height " + cert.height() + ", expected " + height);
    }
    if (!cert.blockHash().equals(blockHash)) {
      return CertificateCheck.fail(CertificateCheck.Outcome.WRONG_BLOCK_HASH,
          "certificate is for block " + cert.blockHash() + ", expected " + blockHash);
    }
    return verifySignatures(
        VoteKind.COMMIT, cert.height(), cert.round(), cert.blockHash(), cert.signatures(), validators, suite, chainId);
  }

  /** Whether {@code qc} carries valid PREPARE signatures of a quorum of {@code validators}. */
  public static CertificateCheck verify(QuorumCertificate qc, ValidatorSet validators, CryptoSuite suite, long chainId) {
    return verifySignatures(
        VoteKind.PREPARE, qc.height(), qc.round(), qc.blockHash(), qc.signatures(), validators, suite, chainId);
  }

  /** The common check of QCs and CCs: distinct known signers, a quorum of them, every signature valid. */
  public static CertificateCheck verifySignatures(
      VoteKind kind,
      long height,
      int round,
      Hash blockHash,
      List<VoteSignature> signatures,
      ValidatorSet validators,
      CryptoSuite suite,
      long chainId) {
    Set<Address> seen = new HashSet<>();
    for (VoteSignature s : signatures) {
      if (!validators.contains(s.signer())) {
        return CertificateCheck.fail(CertificateCheck.Outcome.UNKNOWN_SIGNER,
            "signer " + s.signer().toHex() + " is not a validator of height " + height);
      }
      if (!seen.add(s.signer())) {
        return CertificateCheck.fail(CertificateCheck.Outcome.DUPLICATE_SIGNER,
            "signer " + s.signer().toHex() + " signed more than once");
      }
    }
    if (seen.size() < validators.quorum()) {
      return CertificateCheck.fail(CertificateCheck.Outcome.TOO_FEW_SIGNATURES,
          seen.size() + " signatures, quorum of " + validators.size() + " validators is " + validators.quorum());
    }
    byte[] digest = SigningDigest.vote(suite, kind, chainId, height, round, blockHash);
    for (VoteSignature s : signatures) {
      byte[] key = validators.find(s.signer()).orElseThrow().publicKey().unsafeArray();
      if (!verifyOne(suite, digest, s.signature(), key)) {
        return CertificateCheck.fail(CertificateCheck.Outcome.BAD_SIGNATURE,
            "signature of " + s.signer().toHex() + " does not verify");
      }
    }
    return CertificateCheck.ok();
  }

  /**
   * One signature check that never throws: a suite may reject malformed values by exception, and a peer's
   * bytes must never crash the caller.
   */
  public static boolean verifyOne(CryptoSuite suite, byte[] digest, Signature signature, byte[] publicKey) {
    try {
      return suite.verify(digest, signature, publicKey);
    } catch (IllegalArgumentException | ArithmeticException malformed) {
      return false;
    }
  }

  /** The signer's key in {@code validators}, if it is a member, for single-signature checks. */
  public static Optional<byte[]> publicKeyOf(ValidatorSet validators, Address signer) {
    return validators.find(signer).map(v -> v.publicKey().unsafeArray());
  }
}
