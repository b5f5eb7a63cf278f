package io.trestle.consensus.wire;

import io.trestle.consensus.SafetyState;
import io.trestle.consensus.cert.BlockHeader;
import io.trestle.consensus.cert.Codec;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Signature;
import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of every consensus wire type, for codec round trips and as seeds for mutation fuzzing. */
public final class MessageArbitraries {
  private MessageArbitraries() {}

  public static Arbitrary<Hash> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
  }

  public static Arbitrary<Address> addresses() {
    return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::wrap);
  }

  public static Arbitrary<Long> heights() {
    return Arbitraries.oneOf(Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0, Long.MAX_VALUE));
  }

  public static Arbitrary<Integer> rounds() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, Codec.MAX_ROUND));
  }

  public static Arbitrary<Signature> signatures() {
    Arbitrary<BigInteger> scalar = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
    Arbitrary<byte[]> key = Arbitraries.bytes().array(byte[].class).ofSize(64).injectNull(0.7);
    return Combinators.combine(scalar, scalar, Arbitraries.integers().between(0, 3), key).as(Signature::new);
  }

  public static Arbitrary<VoteSignature> voteSignatures() {
    return Combinators.combine(addresses(), signatures()).as(VoteSignature::new);
  }

  public static Arbitrary<QuorumCertificate> quorumCertificates() {
    return Combinators.combine(heights(), rounds(), hashes(), voteSignatures().list().ofMaxSize(5))
        .as(QuorumCertificate::new);
  }

  public static Arbitrary<CommitCertificate> commitCertificates() {
    return Combinators.combine(heights(), rounds(), hashes(), voteSignatures().list().ofMaxSize(5))
        .as(CommitCertificate::new);
  }

  public static Arbitrary<Block> blocks() {
    Arbitrary<BlockHeader> headers = Combinators.combine(heights(), hashes(), addresses(),
        Arbitraries.longs().between(0, Long.MAX_VALUE), hashes()).as(BlockHeader::new);
    return Combinators.combine(headers, Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(Bytes::wrap))
        .as(Block::new);
  }

  public static Arbitrary<TimeoutCertificate> timeoutCertificates() {
    Arbitrary<TimeoutEntry> entries = Combinators.combine(addresses(), Arbitraries.integers().between(-1, 50), signatures())
        .as(TimeoutEntry::new);
    return Combinators.combine(heights(), rounds(), entries.list().ofMaxSize(5), quorumCertificates().optional())
        .as(TimeoutCertificate::new);
  }

  public static Arbitrary<ConsensusMessage> messages() {
    Arbitrary<Proposal> proposals = Combinators.combine(heights(), rounds(), blocks(), commitCertificates().optional(),
        timeoutCertificates().optional(), voteSignatures()).as(Proposal::new);
    Arbitrary<Vote> votes = Combinators.combine(Arbitraries.of(VoteKind.class), heights(), rounds(), hashes(), voteSignatures())
        .as(Vote::new);
    Arbitrary<Timeout> timeouts = Combinators.combine(heights(), rounds(), quorumCertificates().optional(), voteSignatures())
        .as(Timeout::new);
    return Arbitraries.oneOf(
        proposals.map(p -> p),
        votes.map(v -> v),
        timeouts.map(t -> t),
        timeoutCertificates().map(t -> t),
        commitCertificates().map(c -> (ConsensusMessage) new CommitNotice(c)),
        Combinators.combine(heights(), hashes()).as(BlockRequest::new).map(r -> r),
        blocks().map(b -> (ConsensusMessage) new BlockResponse(b)));
  }

  public static Arbitrary<SafetyState> safetyStates() {
    Arbitrary<Integer> optRound = Arbitraries.integers().between(-1, 100);
    return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE), optRound, optRound, optRound, optRound,
            Arbitraries.of(true, false), quorumCertificates())
        .as((h, v, c, t, p, withQc, qc) -> new SafetyState(h, v, c, t, p,
            withQc ? Optional.of(new QuorumCertificate(h, qc.round(), qc.blockHash(), qc.signatures())) : Optional.empty()));
  }
}
