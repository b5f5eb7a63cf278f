package io.trestle.consensus.cert;

import java.util.Objects;

/** The outcome of checking a certificate, with a detail that names the offending field, signer or value. */
public record CertificateCheck(Outcome outcome, String detail) {
  /** Why a certificate was refused, in the order the verifier checks. */
  public enum Outcome {
    OK,
    WRONG_HEIGHT,
    WRONG_BLOCK_HASH,
    UNKNOWN_SIGNER,
    DUPLICATE_SIGNER,
    TOO_FEW_SIGNATURES,
    BAD_SIGNATURE
  }

  private static final CertificateCheck OK_CHECK = new CertificateCheck(Outcome.OK, "ok");

  public CertificateCheck {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  public static CertificateCheck ok() {
    return OK_CHECK;
  }

  public static CertificateCheck fail(Outcome outcome, String detail) {
    return new CertificateCheck(outcome, detail);
  }

  public boolean isOk() {
    return outcome == Outcome.OK;
  }
}
