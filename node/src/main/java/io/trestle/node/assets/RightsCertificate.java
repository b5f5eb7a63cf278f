package io.trestle.node.assets;

import io.trestle.node.identity.EvidenceReceipt;
import java.util.List;
import java.util.Objects;

/**
 * A certificate of the rights in one work (docs/assets.md §Rights certificates, ADR 0295): who created it, who
 * holds the rights and under which licence, with the proofs, in the evidence receipt's format, that the chain
 * recorded them. {@code records} holds the proof of the mint's {@code WorksRegistered} log first (its receipt also
 * carries the {@code RightsDefined} log of the same rights record) and then the proof of every
 * {@code RightsTransferred} log of the work in chain order, so {@link RightsCertificateVerifier} can replay the
 * holders from the creator to {@code rightHolder} with nothing but the genesis file. A certificate speaks as of its
 * last record's block: like any receipt it cannot prove that nothing happened later.
 */
public record RightsCertificate(int version, Rights rights, List<EvidenceReceipt.Proof> records) {
  public static final String TYPE = "trestle-rights-certificate";
  public static final int VERSION = 1;
  /** At most this many records (the mint and 63 rights transfers); past that the history is queried instead. */
  public static final int RECORDS_MAX = 64;

  public RightsCertificate {
    Objects.requireNonNull(rights, "rights");
    records = List.copyOf(records);
  }

  /** What the certificate states. Addresses and hashes as lower-case hex, as in an evidence receipt. */
  public record Rights(String asset, long tokenId, long rightsId, String creator, String creatorDid, String rightHolder,
      String rightHolderDid, String licenseUri, String licenseHash) {}
}
