package io.trestle.consensus.wire;

/** Everything validators send each other; {@link MessageCodec} encodes and decodes them. */
public sealed interface ConsensusMessage
    permits Proposal, Vote, Timeout, TimeoutCertificate, CommitNotice, BlockRequest, BlockResponse {
  /** The height this message is about. */
  long height();
}
