package io.trestle.consensus.cert;

/** The two votes of a round: PREPARE votes form a QC, COMMIT votes form the commit certificate. */
public enum VoteKind {
  PREPARE,
  COMMIT
}
