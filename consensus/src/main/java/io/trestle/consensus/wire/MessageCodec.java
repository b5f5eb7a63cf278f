package io.trestle.consensus.wire;

import io.trestle.consensus.cert.Codec;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strict RLP encoding of {@link ConsensusMessage}s: {@code rlp([type, field…])}. Every value has exactly one
 * accepted encoding; {@link #decode} refuses anything else, and anything over {@link #MAX_MESSAGE_BYTES},
 * with {@link DecodeException} and nothing else.
 */
public final class MessageCodec {
  /** A proposal with the largest payload, its parent certificate and a timeout certificate fit below this. */
  public static final int MAX_MESSAGE_BYTES = Block.MAX_PAYLOAD_BYTES + 1024 * 1024;

  static final int PROPOSAL = 1;
  static final int VOTE = 2;
  static final int TIMEOUT = 3;
  static final int TIMEOUT_CERTIFICATE = 4;
  static final int COMMIT_NOTICE = 5;
  static final int BLOCK_REQUEST = 6;
  static final int BLOCK_RESPONSE = 7;

  private MessageCodec() {}

  public static byte[] encode(ConsensusMessage message) {
    if (message instanceof Proposal p) {
      return Rlp.encodeList(
          Rlp.encodeLong(PROPOSAL), Rlp.encodeLong(p.height()), Rlp.encodeLong(p.round()), p.block().encode(),
          optional(p.parentCertificate().map(CommitCertificate::encode)),
          optional(p.justification().map(MessageCodec::encodeTcBody)),
          p.signature().encode());
    } else if (message instanceof Vote v) {
      return Rlp.encodeList(
          Rlp.encodeLong(VOTE), Rlp.encodeLong(v.kind() == VoteKind.PREPARE ? 0 : 1), Rlp.encodeLong(v.height()),
          Rlp.encodeLong(v.round()), Rlp.encodeBytes(v.blockHash().unsafeArray()), v.signature().encode());
    } else if (message instanceof Timeout t) {
      return Rlp.encodeList(
          Rlp.encodeLong(TIMEOUT), Rlp.encodeLong(t.height()), Rlp.encodeLong(t.round()),
          optional(t.highQc().map(QuorumCertificate::encode)), t.signature().encode());
    } else if (message instanceof TimeoutCertificate tc) {
      return Rlp.encodeList(Rlp.encodeLong(TIMEOUT_CERTIFICATE), encodeTcBody(tc));
    } else if (message instanceof CommitNotice n) {
      return Rlp.encodeList(Rlp.encodeLong(COMMIT_NOTICE), n.certificate().encode());
    } else if (message instanceof BlockRequest r) {
      return Rlp.encodeList(
          Rlp.encodeLong(BLOCK_REQUEST), Rlp.encodeLong(r.height()), Rlp.encodeBytes(r.blockHash().unsafeArray()));
    } else if (message instanceof BlockResponse r) {
      return Rlp.encodeList(Rlp.encodeLong(BLOCK_RESPONSE), r.block().encode());
    }
    throw new IllegalStateException("unhandled message type " + message.getClass());
  }

  public static ConsensusMessage decode(byte[] input) throws DecodeException {
    RlpItem root = Codec.decodeItem(input, MAX_MESSAGE_BYTES, "consensus message");
    List<RlpItem> items = Codec.list(root, 8, "consensus message");
    if (items.isEmpty()) {
      throw new DecodeException("consensus message is an empty list");
    }
    long type = Codec.readLong(items.get(0), "message type");
    try {
      return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
        case PROPOSAL -> decodeProposal(Codec.fields(root, 7, "proposal"));
        case VOTE -> decodeVote(Codec.fields(root, 6, "vote"));
        case TIMEOUT -> decodeTimeout(Codec.fields(root, 5, "timeout"));
        case TIMEOUT_CERTIFICATE -> decodeTcBody(Codec.fields(root, 2, "timeout certificate message").get(1));
        case COMMIT_NOTICE -> new CommitNotice(CommitCertificate.decode(Codec.fields(root, 2, "commit notice").get(1)));
        case BLOCK_REQUEST -> decodeBlockRequest(Codec.fields(root, 3, "block request"));
        case BLOCK_RESPONSE -> new BlockResponse(Block.decode(Codec.fields(root, 2, "block response").get(1)));
        default -> throw new DecodeException("unknown consensus message type " + type);
      };
    } catch (IllegalArgumentException e) {
      // record constructors validate ranges and name the field; for decoding that is bad input, not a bug
      throw new DecodeException(e.getMessage(), e);
    }
  }

  private static Proposal decodeProposal(List<RlpItem> f) throws DecodeException {
    Optional<RlpItem> cc = readOptional(f.get(4), "proposal parentCertificate");
    Optional<RlpItem> tc = readOptional(f.get(5), "proposal justification");
    return new Proposal(
        Codec.readLong(f.get(1), "proposal height"),
        Codec.readRound(f.get(2), "proposal round"),
        Block.decode(f.get(3)),
        cc.isEmpty() ? Optional.empty() : Optional.of(CommitCertificate.decode(cc.get())),
        tc.isEmpty() ? Optional.empty() : Optional.of(decodeTcBody(tc.get())),
        VoteSignature.decode(f.get(6)));
  }

  private static Vote decodeVote(List<RlpItem> f) throws DecodeException {
    long kind = Codec.readLong(f.get(1), "vote kind");
    if (kind > 1) {
      throw new DecodeException("vote kind must be 0 (prepare) or 1 (commit), got " + kind);
    }
    return new Vote(
        kind == 0 ? VoteKind.PREPARE : VoteKind.COMMIT,
        Codec.readLong(f.get(2), "vote height"),
        Codec.readRound(f.get(3), "vote round"),
        Codec.readHash(f.get(4), "vote blockHash"),
        VoteSignature.decode(f.get(5)));
  }

  private static Timeout decodeTimeout(List<RlpItem> f) throws DecodeException {
    Optional<RlpItem> qc = readOptional(f.get(3), "timeout highQc");
    return new Timeout(
        Codec.readLong(f.get(1), "timeout height"),
        Codec.readRound(f.get(2), "timeout round"),
        qc.isEmpty() ? Optional.empty() : Optional.of(QuorumCertificate.decode(qc.get())),
        VoteSignature.decode(f.get(4)));
  }

  private static BlockRequest decodeBlockRequest(List<RlpItem> f) throws DecodeException {
    return new BlockRequest(Codec.readLong(f.get(1), "block request height"), Codec.readHash(f.get(2), "block request blockHash"));
  }

  /** rlp([height, round, [[signer, [qcRound]?, signature]…], [qc]?]) */
  static byte[] encodeTcBody(TimeoutCertificate tc) {
    List<byte[]> entries = new ArrayList<>(tc.entries().size());
    for (TimeoutEntry e : tc.entries()) {
      entries.add(Rlp.encodeList(
          Rlp.encodeBytes(e.signer().unsafeArray()), Codec.encodeOptionalRound(e.highQcRound()),
          Codec.encodeSignature(e.signature())));
    }
    return Rlp.encodeList(
        Rlp.encodeLong(tc.height()), Rlp.encodeLong(tc.round()), Rlp.encodeList(entries),
        optional(tc.highQc().map(QuorumCertificate::encode)));
  }

  static TimeoutCertificate decodeTcBody(RlpItem item) throws DecodeException {
    List<RlpItem> f = Codec.fields(item, 4, "timeout certificate");
    List<RlpItem> rawEntries = Codec.list(f.get(2), ValidatorSet.MAX_VALIDATORS, "timeout certificate entries");
    List<TimeoutEntry> entries = new ArrayList<>(rawEntries.size());
    for (RlpItem raw : rawEntries) {
      List<RlpItem> e = Codec.fields(raw, 3, "timeout entry");
      entries.add(new TimeoutEntry(
          Codec.readAddress(e.get(0), "timeout entry signer"),
          Codec.readOptionalRound(e.get(1), "timeout entry highQcRound"),
          Codec.readSignature(e.get(2), "timeout entry signature")));
    }
    Optional<RlpItem> qc = readOptional(f.get(3), "timeout certificate highQc");
    try {
      return new TimeoutCertificate(
          Codec.readLong(f.get(0), "timeout certificate height"),
          Codec.readRound(f.get(1), "timeout certificate round"),
          entries,
          qc.isEmpty() ? Optional.empty() : Optional.of(QuorumCertificate.decode(qc.get())));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage(), e);
    }
  }

  private static byte[] optional(Optional<byte[]> encoded) {
    return encoded.isEmpty() ? Rlp.encodeList() : Rlp.encodeList(encoded.get());
  }

  private static Optional<RlpItem> readOptional(RlpItem item, String field) throws DecodeException {
    List<RlpItem> items = Codec.list(item, 1, field);
    return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
  }
}
