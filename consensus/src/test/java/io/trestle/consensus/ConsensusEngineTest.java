package io.trestle.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.consensus.cert.BlockHeader;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.SigningDigest;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.consensus.support.KvApp;
import io.trestle.consensus.support.TestKeys;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.CommitNotice;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.consensus.wire.Proposal;
import io.trestle.consensus.wire.Timeout;
import io.trestle.consensus.wire.TimeoutCertificate;
import io.trestle.consensus.wire.Vote;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Signature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/consensus.md one at a time, on engines driven by hand with real secp256k1 signatures.
 * Four validators (keys 0–3); leader(1, 0) is validator 1; the engine under test is usually validator 2.
 */
class ConsensusEngineTest {
  private static final CryptoSuite SUITE = EthereumSuite.INSTANCE;
  private static final long T = 1_000_000;
  private static final TestKeys KEYS = new TestKeys(SUITE, 6);
  private static final Hash GENESIS = Hash.keccak(new byte[] {42});
  private static final EngineConfig CONFIG = EngineConfig.defaults(9).withBlockIntervalMs(100).withRoundTimeouts(1000, 8000);

  private final ValidatorSet four = KEYS.firstN(4);

  private KvApp app(ValidatorSet validators) {
    return new KvApp(SUITE, KEYS, validators, GENESIS, 10, 100);
  }

  private ConsensusEngine engine(int key, ValidatorSet validators, PersistedState persisted) {
    return new ConsensusEngine(CONFIG, app(validators), KEYS.signer(key), SUITE, ChainTip.genesis(GENESIS, T), persisted);
  }

  private ConsensusEngine started(int key) {
    ConsensusEngine e = engine(key, four, PersistedState.none());
    e.onEvent(T, new Event.Start());
    return e;
  }

  private static Address addr(int key) {
    return KEYS.signer(key).address();
  }

  private static <T> List<T> of(List<Action> actions, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Action a : actions) {
      if (type.isInstance(a)) {
        out.add(type.cast(a));
      }
    }
    return out;
  }

  private static List<ConsensusMessage> broadcasts(List<Action> actions) {
    return of(actions, Action.Broadcast.class).stream().map(Action.Broadcast::message).toList();
  }

  private static <T extends ConsensusMessage> List<T> broadcasts(List<Action> actions, Class<T> type) {
    return broadcasts(actions).stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The proposal validator 1 makes for (1, 0) once the interval has passed. */
  private Proposal leaderProposal() {
    ConsensusEngine leader = started(1);
    List<Action> actions = leader.onEvent(T + 100, new Event.TimerFired(new Timer(Timer.Kind.PROPOSE, 1, 0)));
    return broadcasts(actions, Proposal.class).get(0);
  }

  /** A different, equally valid block for (1, 0), signed by the leader: equivocation. */
  private Proposal equivocatingProposal(Proposal p) {
    KvApp a = app(four);
    a.submit("other", "block");
    Payload payload = a.buildPayload(1, GENESIS, addr(1), T + 100);
    Block block = new Block(new BlockHeader(1, GENESIS, addr(1), T + 100, payload.payloadHash()), payload.data());
    byte[] digest = SigningDigest.proposal(SUITE, CONFIG.chainId(), 1, 0, block.id(SUITE));
    return new Proposal(1, 0, block, Optional.empty(), Optional.empty(), new VoteSignature(addr(1), KEYS.signer(1).sign(digest)));
  }

  private static Vote vote(VoteKind kind, int key, long height, int round, Hash block) {
    byte[] digest = SigningDigest.vote(SUITE, kind, CONFIG.chainId(), height, round, block);
    return new Vote(kind, height, round, block, new VoteSignature(addr(key), KEYS.signer(key).sign(digest)));
  }

  private static Timeout timeout(int key, long height, int round) {
    byte[] digest = SigningDigest.timeout(SUITE, CONFIG.chainId(), height, round, -1);
    return new Timeout(height, round, Optional.empty(), new VoteSignature(addr(key), KEYS.signer(key).sign(digest)));
  }

  private static CommitCertificate commitCertificate(long height, Hash block, int... keys) {
    List<VoteSignature> sigs = new ArrayList<>();
    for (int k : keys) {
      sigs.add(vote(VoteKind.COMMIT, k, height, 0, block).signature());
    }
    return new CommitCertificate(height, 0, block, sigs);
  }

  private static List<Action> receive(ConsensusEngine e, long now, int fromKey, ConsensusMessage m) {
    return e.onEvent(now, new Event.MessageReceived(addr(fromKey), m));
  }

  @Test
  void singleValidatorCommitsABlockEveryIntervalWithItsOwnVotes() {
    ValidatorSet one = KEYS.firstN(1);
    KvApp app = app(one);
    ConsensusEngine e = new ConsensusEngine(CONFIG, app, KEYS.signer(0), SUITE, ChainTip.genesis(GENESIS, T), PersistedState.none());
    List<Action> start = e.onEvent(T, new Event.Start());
    assertTrue(of(start, Action.ScheduleTimer.class).stream()
        .anyMatch(t -> t.timer().kind() == Timer.Kind.PROPOSE && t.delayMs() == 100), start.toString());
    long now = T;
    long parentTs = T;
    for (long h = 1; h <= 3; h++) {
      now += 100;
      List<Action> actions = e.onEvent(now, new Event.TimerFired(new Timer(Timer.Kind.PROPOSE, h, 0)));
      List<Action.Commit> commits = of(actions, Action.Commit.class);
      assertEquals(1, commits.size(), actions.toString());
      Block block = commits.get(0).block();
      assertEquals(h, block.height());
      assertTrue(block.header().timestampMs() >= parentTs + 100);
      assertEquals(1, commits.get(0).certificate().signatures().size());
      parentTs = block.header().timestampMs();
      app.commit(block, commits.get(0).certificate()); // the driver executes, then reports
      e.onEvent(now, new Event.BlockExecuted(h, block.id(SUITE)));
      assertEquals(h + 1, e.status().height());
    }
  }

  @Test
  void persistsSafetyStateAndTheVotedBlockBeforeEverySignedMessageLeaves() {
    ValidatorSet one = KEYS.firstN(1);
    ConsensusEngine e = engine(0, one, PersistedState.none());
    e.onEvent(T, new Event.Start());
    List<Action> actions = e.onEvent(T + 100, new Event.TimerFired(new Timer(Timer.Kind.PROPOSE, 1, 0)));
    SafetyState durable = null;
    boolean blockDurable = false;
    for (Action a : actions) {
      if (a instanceof Action.Persist p) {
        durable = p.state();
      } else if (a instanceof Action.PersistBlock) {
        blockDurable = true;
      } else if (a instanceof Action.Broadcast b) {
        ConsensusMessage m = b.message();
        assertTrue(durable != null, "a signed message left before any persist: " + actions);
        if (m instanceof Proposal p) {
          assertTrue(durable.lastProposedRound() >= p.round());
        } else if (m instanceof Vote v && v.kind() == VoteKind.PREPARE) {
          assertTrue(durable.lastVotedRound() >= v.round() && blockDurable);
        } else if (m instanceof Vote v) {
          assertTrue(durable.lastCommitVotedRound() >= v.round());
          assertTrue(durable.highQc().orElseThrow().round() >= v.round());
        }
      }
    }
    assertEquals(1, of(actions, Action.Commit.class).size());
  }

  @Test
  void validatorPrepareVotesForAValidProposalOfTheLeader() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    List<Action> actions = receive(e, T + 110, 1, p);
    List<Vote> votes = broadcasts(actions, Vote.class);
    assertEquals(1, votes.size());
    assertEquals(VoteKind.PREPARE, votes.get(0).kind());
    assertEquals(p.block().id(SUITE), votes.get(0).blockHash());
  }

  @Test
  void ignoresAProposalSignedByAnyoneButTheLeader() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    byte[] digest = SigningDigest.proposal(SUITE, CONFIG.chainId(), 1, 0, p.block().id(SUITE));
    Proposal forged = new Proposal(1, 0, p.block(), Optional.empty(), Optional.empty(),
        new VoteSignature(addr(1), KEYS.signer(3).sign(digest)));
    assertTrue(broadcasts(receive(e, T + 110, 3, forged)).isEmpty());
    Proposal byOther = new Proposal(1, 0, p.block(), Optional.empty(), Optional.empty(),
        new VoteSignature(addr(3), KEYS.signer(3).sign(digest)));
    assertTrue(broadcasts(receive(e, T + 110, 3, byOther)).isEmpty());
    assertEquals(1, broadcasts(receive(e, T + 110, 1, p), Vote.class).size());
  }

  @Test
  void refusesAFreshBlockStampedTooFarInTheFuture() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    long voterNow = p.block().header().timestampMs() - CONFIG.maxClockSkewMs() - 1;
    assertTrue(broadcasts(receive(e, voterNow, 1, p)).isEmpty());
  }

  @Test
  void restartedValidatorNeverPrepareVotesTwiceInOneRound() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    List<Action> actions = receive(e, T + 110, 1, p);
    SafetyState saved = of(actions, Action.Persist.class).get(0).state();
    List<Block> blocks = of(actions, Action.PersistBlock.class).stream().map(Action.PersistBlock::block).toList();
    assertEquals(0, saved.lastVotedRound());

    ConsensusEngine restarted = engine(2, four, new PersistedState(Optional.of(saved), blocks));
    restarted.onEvent(T + 200, new Event.Start());
    assertTrue(broadcasts(receive(restarted, T + 210, 1, equivocatingProposal(p)), Vote.class).isEmpty());
    assertTrue(broadcasts(receive(restarted, T + 210, 1, p), Vote.class).isEmpty());
  }

  @Test
  void reportsEvidenceWhenTheLeaderEquivocates() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    receive(e, T + 110, 1, p);
    List<Action> actions = receive(e, T + 111, 1, equivocatingProposal(p));
    List<Action.ReportEvidence> evidence = of(actions, Action.ReportEvidence.class);
    assertEquals(1, evidence.size());
    assertEquals(addr(1), evidence.get(0).evidence().offender());
    assertTrue(broadcasts(actions).isEmpty());
  }

  @Test
  void reportsEvidenceForTwoDifferentVotesOfOneValidatorInOneRound() {
    ConsensusEngine e = started(2);
    receive(e, T, 3, vote(VoteKind.PREPARE, 3, 1, 0, Hash.keccak(new byte[] {1})));
    List<Action> actions = receive(e, T, 3, vote(VoteKind.PREPARE, 3, 1, 0, Hash.keccak(new byte[] {2})));
    assertEquals(addr(3), of(actions, Action.ReportEvidence.class).get(0).evidence().offender());
    assertTrue(receive(e, T, 3, vote(VoteKind.PREPARE, 3, 1, 0, Hash.keccak(new byte[] {3}))).isEmpty(),
        "evidence against one validator for one round is reported once");
  }

  @Test
  void commitVotesOnlyOnceAQuorumOfValidSignaturesPrepareVoted() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    Hash id = p.block().id(SUITE);
    receive(e, T + 110, 1, p);
    // non-validators and forged signatures never count
    assertTrue(broadcasts(receive(e, T + 111, 4, vote(VoteKind.PREPARE, 4, 1, 0, id))).isEmpty());
    assertTrue(broadcasts(receive(e, T + 111, 5, vote(VoteKind.PREPARE, 5, 1, 0, id))).isEmpty());
    Vote forged = new Vote(VoteKind.PREPARE, 1, 0, id, new VoteSignature(addr(0), vote(VoteKind.PREPARE, 5, 1, 0, id).signature().signature()));
    List<Action> relayed = receive(e, T + 111, 5, forged);
    assertTrue(broadcasts(relayed).isEmpty());
    assertTrue(relayed.stream().noneMatch(a -> a instanceof Action.PeerMisbehaved), "a relay is not blamed for another's signature");
    List<Action> own = receive(e, T + 111, 0, forged);
    assertTrue(broadcasts(own).isEmpty());
    assertTrue(own.contains(new Action.PeerMisbehaved(addr(0), "vote with an invalid signature")),
        "the signer that sent its own bad signature is reported: " + own);
    assertTrue(broadcasts(receive(e, T + 112, 3, vote(VoteKind.PREPARE, 3, 1, 0, id))).isEmpty());
    // the forged vote in validator 0's name did not take its place: its real vote makes 3 of 4 with our own
    List<Action> actions = receive(e, T + 113, 0, vote(VoteKind.PREPARE, 0, 1, 0, id));
    List<Vote> votes = broadcasts(actions, Vote.class);
    assertEquals(1, votes.size(), actions.toString());
    assertEquals(VoteKind.COMMIT, votes.get(0).kind());
  }

  @Test
  void commitsOnceAQuorumCommitVotedAndTheBlockIsKnown() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    Hash id = p.block().id(SUITE);
    receive(e, T + 110, 1, p);
    receive(e, T + 111, 1, vote(VoteKind.COMMIT, 1, 1, 0, id));
    List<Action> actions = receive(e, T + 112, 3, vote(VoteKind.COMMIT, 3, 1, 0, id));
    assertTrue(of(actions, Action.Commit.class).isEmpty(), "two commit votes are not a quorum of four");
    actions = receive(e, T + 113, 0, vote(VoteKind.COMMIT, 0, 1, 0, id));
    List<Action.Commit> commits = of(actions, Action.Commit.class);
    assertEquals(1, commits.size());
    assertEquals(id, commits.get(0).certificate().blockHash());
    assertTrue(e.status().decided());
  }

  @Test
  void aQuorumOfTimeoutsFormsACertificateAndEntersTheNextRound() {
    ConsensusEngine e = started(2);
    List<Action> own = e.onEvent(T + 1100, new Event.TimerFired(new Timer(Timer.Kind.ROUND, 1, 0)));
    assertEquals(1, broadcasts(own, Timeout.class).size());
    assertEquals(0, of(own, Action.Persist.class).get(0).state().lastTimedOutRound());
    receive(e, T + 1101, 0, timeout(0, 1, 0));
    List<Action> actions = receive(e, T + 1102, 3, timeout(3, 1, 0));
    List<TimeoutCertificate> tcs = broadcasts(actions, TimeoutCertificate.class);
    assertEquals(1, tcs.size());
    assertEquals(0, tcs.get(0).round());
    assertEquals(1, e.status().round());
  }

  @Test
  void timeoutsOfFPlusOneValidatorsForAHigherRoundPullAValidatorAlong() {
    ConsensusEngine e = started(2);
    assertTrue(broadcasts(receive(e, T, 0, timeout(0, 1, 5))).isEmpty(), "f = 1 timeout alone moves nobody");
    List<Action> actions = receive(e, T, 3, timeout(3, 1, 5));
    List<Timeout> own = broadcasts(actions, Timeout.class);
    assertEquals(1, own.size());
    assertEquals(5, own.get(0).round());
    // its own timeout completes a quorum for round 5, so it moves on to round 6 with the certificate
    assertEquals(5, broadcasts(actions, TimeoutCertificate.class).get(0).round());
    assertEquals(6, e.status().round());
  }

  @Test
  void oneValidatorFloodingFutureRoundsMovesNobodyAndIsHeldInBoundedMemory() {
    ConsensusEngine e = started(2);
    for (int r = 1; r <= 3000; r++) {
      assertTrue(broadcasts(receive(e, T, 3, timeout(3, 1, r))).isEmpty());
    }
    assertEquals(0, e.status().round());
    assertTrue(e.retainedItems() <= CONFIG.roundsAheadMax() + 8, "retained " + e.retainedItems());
  }

  @Test
  void ignoresACommitCertificateWithForgedSignatures() {
    ConsensusEngine e = started(2);
    Hash block = Hash.keccak(new byte[] {7});
    List<VoteSignature> sigs = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      sigs.add(new VoteSignature(addr(k), new Signature(BigInteger.valueOf(k + 1), BigInteger.TWO, 0)));
    }
    List<Action> actions = receive(e, T, 3, new CommitNotice(new CommitCertificate(2, 0, block, sigs)));
    assertTrue(actions.isEmpty(), actions.toString());
    actions = receive(e, T, 3, new CommitNotice(commitCertificate(1, block, 0, 3)));
    assertTrue(actions.isEmpty(), "two signatures of four are no certificate: " + actions);
  }

  @Test
  void aValidCommitCertificateForAHeightAboveRequestsSyncFromThePeerThatSentIt() {
    ConsensusEngine e = started(2);
    Hash block = Hash.keccak(new byte[] {8});
    List<Action> actions = receive(e, T, 3, new CommitNotice(commitCertificate(2, block, 0, 1, 3)));
    List<Action.RequestSync> syncs = of(actions, Action.RequestSync.class);
    assertEquals(1, syncs.size(), actions.toString());
    assertEquals(new Action.RequestSync(addr(3), 1, 2), syncs.get(0));
    assertTrue(of(receive(e, T, 3, new CommitNotice(commitCertificate(2, block, 0, 1, 3))), Action.RequestSync.class)
        .isEmpty(), "one request per peer and height");
  }

  @Test
  void aCommitCertificateForTheCurrentHeightCommitsAKnownBlock() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    receive(e, T + 110, 1, p);
    List<Action> actions = receive(e, T + 120, 3, new CommitNotice(commitCertificate(1, p.block().id(SUITE), 0, 1, 3)));
    assertEquals(1, of(actions, Action.Commit.class).size());
  }

  @Test
  void commitsSyncedBlocksThatCarryValidCertificatesOneHeightAtATime() {
    // a chain of two blocks committed by validators 0, 1, 3
    KvApp builder = app(four);
    List<Block> chain = new ArrayList<>();
    List<CommitCertificate> certs = new ArrayList<>();
    Hash parent = GENESIS;
    for (long h = 1; h <= 2; h++) {
      Payload payload = builder.buildPayload(h, parent, addr((int) h % 4), T + 100 * h);
      Block b = new Block(new BlockHeader(h, parent, addr((int) h % 4), T + 100 * h, payload.payloadHash()), payload.data());
      CommitCertificate cc = commitCertificate(h, b.id(SUITE), 0, 1, 3);
      builder.commit(b, cc);
      chain.add(b);
      certs.add(cc);
      parent = b.id(SUITE);
    }
    ConsensusEngine e = started(2);
    assertTrue(of(e.onEvent(T, new Event.CommittedBlockReceived(addr(3), chain.get(1), certs.get(1))), Action.Commit.class)
        .isEmpty(), "height 2 waits for height 1");
    List<Action> actions = e.onEvent(T, new Event.CommittedBlockReceived(addr(3), chain.get(0), certs.get(0)));
    assertEquals(chain.get(0), of(actions, Action.Commit.class).get(0).block());
    actions = e.onEvent(T, new Event.BlockExecuted(1, chain.get(0).id(SUITE)));
    assertEquals(chain.get(1), of(actions, Action.Commit.class).get(0).block(), "buffered height 2 follows");
  }

  @Test
  void ignoresASyncedBlockWhoseCertificateDoesNotNameIt() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    CommitCertificate other = commitCertificate(1, Hash.keccak(new byte[] {9}), 0, 1, 3);
    assertTrue(e.onEvent(T, new Event.CommittedBlockReceived(addr(3), p.block(), other)).isEmpty());
  }

  @Test
  void anObserverFollowsTheChainWithoutEverSigning() {
    ConsensusEngine observer = started(4);
    Proposal p = leaderProposal();
    Hash id = p.block().id(SUITE);
    assertTrue(broadcasts(receive(observer, T + 110, 1, p)).isEmpty());
    assertTrue(broadcasts(observer.onEvent(T + 5000, new Event.TimerFired(new Timer(Timer.Kind.ROUND, 1, 0)))).isEmpty());
    receive(observer, T + 111, 0, vote(VoteKind.COMMIT, 0, 1, 0, id));
    receive(observer, T + 111, 1, vote(VoteKind.COMMIT, 1, 1, 0, id));
    List<Action> actions = receive(observer, T + 112, 3, vote(VoteKind.COMMIT, 3, 1, 0, id));
    assertEquals(1, of(actions, Action.Commit.class).size());
  }

  @Test
  void answersAPeerStillAtAnEarlierHeightWithTheCommitCertificate() {
    ValidatorSet one = KEYS.firstN(1);
    ConsensusEngine e = engine(0, one, PersistedState.none());
    e.onEvent(T, new Event.Start());
    List<Action> actions = e.onEvent(T + 100, new Event.TimerFired(new Timer(Timer.Kind.PROPOSE, 1, 0)));
    Action.Commit commit = of(actions, Action.Commit.class).get(0);
    e.onEvent(T + 100, new Event.BlockExecuted(1, commit.block().id(SUITE)));
    actions = e.onEvent(T + 150, new Event.MessageReceived(addr(5), timeout(5, 1, 3)));
    List<Action.Send> sends = of(actions, Action.Send.class);
    assertEquals(1, sends.size());
    assertEquals(new CommitNotice(commit.certificate()), sends.get(0).message());
    assertTrue(e.onEvent(T + 151, new Event.MessageReceived(addr(5), timeout(5, 1, 3))).isEmpty(), "rate-limited");
  }

  @Test
  void refusesASafetyStateAheadOfTheChainTip() {
    SafetyState ahead = SafetyState.initial(5);
    assertThrows(IllegalArgumentException.class,
        () -> engine(2, four, new PersistedState(Optional.of(ahead), List.of())));
  }

  @Test
  void aMalformedPayloadIsNeverVotedFor() {
    ConsensusEngine e = started(2);
    Proposal p = leaderProposal();
    byte[] junk = Rlp.encodeList(Rlp.encodeBytes(new byte[] {1}));
    Block bad = new Block(new BlockHeader(1, GENESIS, addr(1), T + 100, Hash.keccak(junk)), Bytes.wrap(junk));
    byte[] digest = SigningDigest.proposal(SUITE, CONFIG.chainId(), 1, 0, bad.id(SUITE));
    Proposal badProposal = new Proposal(1, 0, bad, Optional.empty(), Optional.empty(),
        new VoteSignature(addr(1), KEYS.signer(1).sign(digest)));
    assertTrue(broadcasts(receive(e, T + 110, 1, badProposal)).isEmpty());
    assertFalse(p.block().equals(bad));
  }
}
