package io.trestle.consensus;

import io.trestle.consensus.Timer.Kind;
import io.trestle.consensus.cert.BlockHeader;
import io.trestle.consensus.cert.CertificateVerifier;
import io.trestle.consensus.cert.Codec;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.SigningDigest;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.BlockRequest;
import io.trestle.consensus.wire.BlockResponse;
import io.trestle.consensus.wire.CommitNotice;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.consensus.wire.Proposal;
import io.trestle.consensus.wire.Timeout;
import io.trestle.consensus.wire.TimeoutCertificate;
import io.trestle.consensus.wire.TimeoutEntry;
import io.trestle.consensus.wire.Vote;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.crypto.CryptoSuite;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The BFT engine of docs/consensus.md as a pure, single-threaded state machine: {@link #onEvent} takes one event
 * and the local time and returns the actions the driver must perform, in order. It never reads a clock, starts
 * a thread, draws a random number or touches a socket or disk, so the same events replay to the same actions.
 * Comments cite the numbered lines of the pseudo-code and the invariant ids (S1–S3, L1–L3).
 */
public final class ConsensusEngine {
  /** Vote books of rounds older than {@code round − 2} are dropped: late commit votes of the previous round still count. */
  static final int ROUNDS_KEPT_BEHIND = 2;
  static final int RECENT_CERTIFICATES_MAX = 8;
  static final int SYNC_BUFFER_MAX = 32;
  static final int SYNC_PEERS_MAX = 64;
  static final int SYNC_RETRIES_PER_TIMEOUT = 3;
  static final int EVIDENCE_KEYS_MAX = 1024;

  private final EngineConfig config;
  private final Application app;
  private final Signer signer;
  private final CryptoSuite suite;
  private final Address self;

  private ChainTip tip;
  private Block tipBlock;
  private long executedHeight;
  private HeightState hs;
  private boolean decided;
  private boolean started;
  private SafetyState restored;
  private List<Block> restoredBlocks;

  // the persisted safety variables of hs.height (rule P)
  private int lastVoted = -1;
  private int lastCommitVoted = -1;
  private int lastTimedOut = -1;
  private int lastProposed = -1;
  private QuorumCertificate highQc;
  private boolean safetyDirty;

  private long now;
  private final List<Action> out = new ArrayList<>();
  private final ArrayDeque<ConsensusMessage> loopback = new ArrayDeque<>();
  private final NextHeightBuffer nextHeight;
  private CommitCertificate nextHeightCertificate;
  private final TreeMap<Long, Event.CommittedBlockReceived> syncBuffer = new TreeMap<>();
  private final Map<Address, Long> syncHints = new LinkedHashMap<>();
  private final Map<Address, Long> syncRequested = new HashMap<>();
  private final ReplyLimiter replies;
  private final ReplyLimiter blockReplies;
  private final LinkedHashMap<Long, CommitCertificate> recentCertificates = new LinkedHashMap<>();

  /**
   * An engine that resumes after {@code tip}, the last committed and executed block, with the safety state and
   * voted blocks the driver persisted. IllegalArgumentException when the safety state is for a height above
   * tip + 1, which means the store lost a committed block.
   */
  public ConsensusEngine(
      EngineConfig config, Application app, Signer signer, CryptoSuite suite, ChainTip tip, PersistedState persistedState) {
    this.config = Objects.requireNonNull(config, "config");
    this.app = Objects.requireNonNull(app, "app");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.suite = Objects.requireNonNull(suite, "suite");
    this.tip = Objects.requireNonNull(tip, "tip");
    this.self = signer.address();
    this.executedHeight = tip.height();
    Optional<SafetyState> persisted = persistedState.safety();
    this.restoredBlocks = persistedState.votedBlocks();
    if (persisted.isPresent() && persisted.get().height() > tip.height() + 1) {
      throw new IllegalArgumentException("safety state for height " + persisted.get().height()
          + " is ahead of the chain tip " + tip.height() + ": the store lost a committed block");
    }
    this.restored = persisted.filter(s -> s.height() == tip.height() + 1).orElse(null);
    this.nextHeight = new NextHeightBuffer(config.nextHeightMessagesPerSenderMax());
    this.replies = new ReplyLimiter(config.replyIntervalMs());
    this.blockReplies = new ReplyLimiter(config.replyIntervalMs());
    tip.certificate().ifPresent(c -> recentCertificates.put(c.height(), c));
  }

  /** Handles one event at local time {@code nowMs} and returns the actions to perform, in order. */
  public List<Action> onEvent(long nowMs, Event event) {
    Objects.requireNonNull(event, "event");
    now = nowMs;
    out.clear();
    if (event instanceof Event.Start) {
      if (!started) {
        started = true;
        startHeight(tip.height() + 1);
      }
    } else if (!started) {
      throw new IllegalStateException("the first event must be Start, got " + event);
    } else if (event instanceof Event.MessageReceived m) {
      onMessage(m.from(), m.message(), false);
    } else if (event instanceof Event.TimerFired t) {
      onTimer(t.timer());
    } else if (event instanceof Event.BlockExecuted e) {
      onBlockExecuted(e);
    } else if (event instanceof Event.CommittedBlockReceived c) {
      onCommittedBlock(c);
    } else if (event instanceof Event.Tick) {
      tryProposeRound0();
    }
    while (!loopback.isEmpty()) {
      onMessage(self, loopback.pollFirst(), true);
    }
    return List.copyOf(out);
  }

  /** Height, round, leader and whether this node votes: what {@code trestle status} shows. */
  public EngineStatus status() {
    return new EngineStatus(hs.height, hs.round, hs.validators.leader(hs.height, hs.round), decided, tip.height(),
        hs.validators.size(), isValidator());
  }

  /** Messages and blocks held in memory, for tests that flood the engine and check it stays bounded. */
  public int retainedItems() {
    return hs.retainedMessages() + nextHeight.size() + syncBuffer.size() + syncHints.size() + syncRequested.size()
        + recentCertificates.size() + replies.size() + blockReplies.size();
  }

  // ---------------------------------------------------------------------------------------------------------
  // heights

  /** Line 1–5. */
  private void startHeight(long h) {
    ValidatorSet validators = app.validators(h).orElseThrow(() -> new IllegalStateException(
        "application does not know the validators of height " + h + " although height " + (h - 1) + " is executed"));
    int blocksMax = config.roundsAheadMax() + ROUNDS_KEPT_BEHIND + 8;
    hs = new HeightState(h, validators, tip, blocksMax);
    decided = false;
    SafetyState s = restored != null && restored.height() == h ? restored : SafetyState.initial(h);
    restored = null;
    lastVoted = s.lastVotedRound();
    lastCommitVoted = s.lastCommitVotedRound();
    lastTimedOut = s.lastTimedOutRound();
    lastProposed = s.lastProposedRound();
    highQc = s.highQc().orElse(null);
    safetyDirty = false;
    if (highQc != null) {
      hs.verifiedQcs.put(new HeightState.QcKey(highQc.round(), highQc.blockHash()), highQc);
    }
    hs.round = s.resumeRound(); // line 3
    for (Block b : restoredBlocks) {
      if (b.height() == h && b.header().parentHash().equals(hs.parentHash)) {
        Hash id = b.id(suite);
        hs.addBlock(id, b, null);
        hs.persistedBlocks.add(id);
      }
    }
    restoredBlocks = List.of();
    long intervalLeft = Math.max(0, tip.timestampMs() + config.blockIntervalMs() - now);
    long delay = config.roundTimeoutMs(hs.round) + (hs.round == 0 ? intervalLeft : 0);
    out.add(new Action.ScheduleTimer(new Timer(Kind.ROUND, h, hs.round), delay)); // line 4
    syncHints.values().removeIf(height -> height < h);
    syncRequested.values().removeIf(height -> height < h);
    if (hs.round == 0 && isValidator() && self.equals(hs.validators.leader(h, 0)) && lastProposed < 0) {
      if (intervalLeft > 0) {
        out.add(new Action.ScheduleTimer(new Timer(Kind.PROPOSE, h, 0), intervalLeft)); // line 5
      }
      tryProposeRound0();
    }
    replayBuffered(h);
  }

  private void replayBuffered(long h) {
    List<ConsensusMessage> buffered = nextHeight.height() == h ? nextHeight.drain() : List.of();
    nextHeight.reset(h + 1);
    CommitCertificate certificate = nextHeightCertificate;
    nextHeightCertificate = null;
    for (ConsensusMessage m : buffered) {
      onMessage(signerOf(m), m, false);
    }
    if (certificate != null && certificate.height() == h && !decided) {
      onCertificateForCurrentHeight(certificate);
    }
    syncBuffer.headMap(h).clear();
    Event.CommittedBlockReceived synced = syncBuffer.remove(h);
    if (synced != null && !decided) {
      onCommittedBlock(synced);
    }
  }

  private static Address signerOf(ConsensusMessage m) {
    if (m instanceof Vote v) {
      return v.signature().signer();
    }
    if (m instanceof Timeout t) {
      return t.signature().signer();
    }
    if (m instanceof Proposal p) {
      return p.signature().signer();
    }
    throw new IllegalStateException("only proposals, votes and timeouts are buffered, got " + m);
  }

  private void onBlockExecuted(Event.BlockExecuted e) {
    if (e.height() <= executedHeight) {
      return; // a repeated report after restart
    }
    if (!decided || e.height() != tip.height() || !e.blockHash().equals(tip.blockHash())) {
      throw new IllegalStateException("driver reports execution of block " + e.height() + " " + e.blockHash()
          + " but the engine committed " + tip.height() + " " + tip.blockHash() + (decided ? "" : " and is not decided"));
    }
    executedHeight = e.height();
    startHeight(e.height() + 1); // line 29: start(h + 1)
  }

  /** Line 29: the block is final. */
  private void decide(Block block, CommitCertificate cc) {
    decided = true;
    hs.pendingCertificate = null;
    tip = ChainTip.committed(block.header().timestampMs(), cc);
    tipBlock = block;
    recentCertificates.put(cc.height(), cc);
    while (recentCertificates.size() > RECENT_CERTIFICATES_MAX) {
      recentCertificates.remove(recentCertificates.keySet().iterator().next());
    }
    out.add(new Action.Commit(block, cc));
  }

  // ---------------------------------------------------------------------------------------------------------
  // messages

  private void onMessage(Address from, ConsensusMessage m, boolean own) {
    if (m instanceof Proposal p) {
      onProposal(from, p, own);
    } else if (m instanceof Vote v) {
      onVote(from, v, own);
    } else if (m instanceof Timeout t) {
      onTimeout(from, t, own);
    } else if (m instanceof TimeoutCertificate tc) {
      onTimeoutCertificate(from, tc);
    } else if (m instanceof CommitNotice n) {
      onCertificate(from, n.certificate());
    } else if (m instanceof BlockRequest r) {
      onBlockRequest(from, r);
    } else if (m instanceof BlockResponse r) {
      onBlockResponse(r);
    }
  }

  /** Where a message of height {@code h} belongs relative to the height being decided. */
  private enum Place { PAST, CURRENT, NEXT, FAR }

  private Place place(long h) {
    if (h < hs.height || (h == hs.height && decided)) {
      return Place.PAST;
    }
    if (h == hs.height) {
      return Place.CURRENT;
    }
    return h == hs.height + 1 ? Place.NEXT : Place.FAR;
  }

  /** Lines 11–19. */
  private void onProposal(Address from, Proposal p, boolean own) {
    Place place = place(p.height());
    if (place != Place.CURRENT) {
      p.parentCertificate().ifPresent(cc -> onCertificate(from, cc)); // line 52: a proposal carries CC(h−1)
      if (place == Place.PAST) {
        helpLaggard(from, p.height(), p.round());
      } else if (place == Place.NEXT) {
        bufferNextHeight(from, p, p.signature(), SigningDigest.proposal(suite, config.chainId(), p.height(),
            p.round(), p.block().id(suite)), p.signature().signer().equals(leaderOf(p.height(), p.round())));
      } else {
        noteSyncHint(from, p.height() - 1);
      }
      return;
    }
    int r = p.round();
    Address leader = hs.validators.leader(hs.height, r);
    if (r < hs.round || r > hs.round + config.roundsAheadMax() || !p.signature().signer().equals(leader)) {
      return;
    }
    Hash id = p.block().id(suite);
    if (!own && !verifySigned(p.signature(), SigningDigest.proposal(suite, config.chainId(), hs.height, r, id))) {
      blameSigner(from, p.signature(), "proposal with an invalid signature");
      return;
    }
    Hash firstId = hs.signedProposalIds.get(r);
    if (firstId != null) {
      if (!firstId.equals(id)) {
        reportEvidence(leader, "proposal", r, hs.signedProposals.get(r), p); // line 13
      }
      return;
    }
    hs.signedProposals.put(r, p);
    hs.signedProposalIds.put(r, id);
    TimeoutCertificate tc = null;
    if (r > 0) { // line 12
      if (p.justification().isEmpty()) {
        return;
      }
      tc = p.justification().get();
      if (tc.height() != hs.height || tc.round() != r - 1 || !acceptTc(tc)) {
        return;
      }
      onTc(tc);
      if (decided) {
        return;
      }
    } else if (p.justification().isPresent()) {
      return;
    }
    if (r != hs.round || !wellFormed(p, id, tc)) { // line 13–16
      return;
    }
    hs.addBlock(id, p.block(), highQc == null ? null : highQc.blockHash());
    if (hs.pendingCertificate != null && hs.pendingCertificate.blockHash().equals(id)) {
      decide(p.block(), hs.pendingCertificate);
      return;
    }
    if (isValidator() && r > lastVoted && r > lastTimedOut) { // line 17: S2, and S1 through line 14
      lastVoted = r; // line 18
      safetyDirty = true;
      if (hs.persistedBlocks.add(id)) {
        out.add(new Action.PersistBlock(p.block())); // L1: a QC's voters can still serve its block after a crash
      }
      Vote vote = signVote(VoteKind.PREPARE, r, id);
      broadcastOwn(vote); // line 19
    }
  }

  /** Lines 14–16: the block content rules. */
  private boolean wellFormed(Proposal p, Hash id, TimeoutCertificate tc) {
    BlockHeader header = p.block().header();
    if (tc != null && tc.highQc().isPresent()) {
      if (!id.equals(tc.highQc().get().blockHash())) { // line 14: re-proposal of the highest QC's block
        return false;
      }
    } else if (!header.proposer().equals(hs.validators.leader(hs.height, p.round()))
        || header.timestampMs() > now + config.maxClockSkewMs()) { // line 15
      return false;
    }
    if (header.height() != hs.height || !header.parentHash().equals(hs.parentHash)
        || header.timestampMs() <= hs.parentTimestampMs) { // line 16
      return false;
    }
    if (hs.height > 1 && (p.parentCertificate().isEmpty()
        || p.parentCertificate().get().height() != hs.height - 1
        || !p.parentCertificate().get().blockHash().equals(hs.parentHash))) {
      return false;
    }
    if (p.block().payload().size() > config.maxPayloadBytes()
        || !app.payloadMatches(header.payloadHash(), p.block().payload())) {
      return false;
    }
    return app.validate(p.block()).accepted();
  }

  /** Lines 20 and 27. */
  private void onVote(Address from, Vote v, boolean own) {
    Place place = place(v.height());
    if (place == Place.PAST) {
      helpLaggard(from, v.height(), v.round());
      return;
    }
    if (place == Place.NEXT) {
      bufferNextHeight(from, v, v.signature(),
          SigningDigest.vote(suite, v.kind(), config.chainId(), v.height(), v.round(), v.blockHash()), true);
      return;
    }
    if (place == Place.FAR) {
      noteSyncHint(from, v.height() - 1);
      return;
    }
    if (!inRoundWindow(v.round()) || !hs.validators.contains(v.signature().signer())) {
      return;
    }
    VoteBook book = v.kind() == VoteKind.PREPARE ? hs.prepares : hs.commits;
    Vote first = book.conflicting(v);
    if (first == null && book.hasVoted(v.round(), v.signature().signer())) {
      return; // a duplicate: cheaper to spot before checking its signature
    }
    byte[] digest = SigningDigest.vote(suite, v.kind(), config.chainId(), hs.height, v.round(), v.blockHash());
    if (!own && !verifySigned(v.signature(), digest)) {
      blameSigner(from, v.signature(), "vote with an invalid signature");
      return;
    }
    if (first != null) {
      reportEvidence(v.signature().signer(), v.kind().name(), v.round(), first, v);
      return;
    }
    book.add(v);
    List<VoteSignature> signatures = book.signatures(v.round(), v.blockHash());
    if (signatures.size() < hs.validators.quorum() || !book.markCertified(v.round())) {
      return;
    }
    if (v.kind() == VoteKind.PREPARE) {
      QuorumCertificate qc = new QuorumCertificate(hs.height, v.round(), v.blockHash(), signatures);
      hs.verifiedQcs.put(new HeightState.QcKey(qc.round(), qc.blockHash()), qc);
      onQc(qc); // line 20
    } else {
      onCommitCertificate(new CommitCertificate(hs.height, v.round(), v.blockHash(), signatures)); // line 27–28
    }
  }

  /** Lines 21–26; {@code qc} is verified and of the current height. */
  private void onQc(QuorumCertificate qc) {
    if (decided) {
      return;
    }
    int r = qc.round();
    if (highQc == null || r > highQc.round()) {
      highQc = qc; // line 22
      safetyDirty = true;
    }
    if (r > hs.round) {
      enterRound(r, null); // line 23
    }
    if (isValidator() && r > lastCommitVoted && r > lastTimedOut) { // line 24: S2, Lemma A
      lastCommitVoted = r; // line 25
      safetyDirty = true;
      broadcastOwn(signVote(VoteKind.COMMIT, r, qc.blockHash())); // line 26
    }
  }

  /** Lines 28–30; {@code cc} is verified and of the current height. */
  private void onCommitCertificate(CommitCertificate cc) {
    if (decided) {
      return;
    }
    Block block = hs.blocks.get(cc.blockHash());
    if (block != null) {
      decide(block, cc); // line 29
      return;
    }
    hs.pendingCertificate = cc; // line 30
    requestBlock(cc.blockHash(), cc.signatures());
  }

  /** Lines 36–40. */
  private void onTimeout(Address from, Timeout t, boolean own) {
    Place place = place(t.height());
    if (place == Place.PAST) {
      helpLaggard(from, t.height(), t.round()); // line 50
      return;
    }
    if (place == Place.NEXT) {
      bufferNextHeight(from, t, t.signature(),
          SigningDigest.timeout(suite, config.chainId(), t.height(), t.round(), t.highQcRound()), true);
      return;
    }
    if (place == Place.FAR) {
      noteSyncHint(from, t.height() - 1);
      return;
    }
    if (!hs.validators.contains(t.signature().signer())) {
      return;
    }
    if (t.round() < hs.round) {
      if (hs.lastTc != null && hs.lastTc.round() >= t.round() && !from.equals(self)
          && replies.allow(from, t.height(), t.round(), now)) {
        send(from, hs.lastTc); // line 51
      }
      return;
    }
    if (t.round() > hs.round + config.roundsAheadMax()) {
      return;
    }
    QuorumCertificate qc = null;
    if (t.highQc().isPresent()) {
      QuorumCertificate claimed = t.highQc().get();
      if (claimed.height() != hs.height || claimed.round() > t.round()) { // line 36
        return;
      }
      qc = own ? claimed : verifiedQc(claimed);
      if (qc == null) {
        return;
      }
    }
    if (!own && !verifySigned(t.signature(),
        SigningDigest.timeout(suite, config.chainId(), hs.height, t.round(), t.highQcRound()))) {
      blameSigner(from, t.signature(), "timeout with an invalid signature");
      return;
    }
    if (!hs.timeouts.add(t)) {
      return;
    }
    if (qc != null) {
      onQc(qc); // line 37
    }
    if (decided) {
      return;
    }
    if (t.round() >= hs.round && hs.timeouts.count(t.round()) >= hs.validators.quorum()
        && hs.timeouts.markCertified(t.round())) {
      onTc(buildTc(t.round())); // line 38
    }
    amplify();
  }

  /** Lines 39–40: Bracha-style amplification; f Byzantine timeouts alone never move us (L2). */
  private void amplify() {
    if (!isValidator() || decided) {
      return;
    }
    int tStar = hs.timeouts.roundWithSupport(hs.validators.maxFaulty() + 1); // line 39
    if (tStar >= hs.round && tStar > lastTimedOut) { // line 40
      if (tStar > hs.round) {
        enterRound(tStar, null);
      }
      localTimeout(tStar);
    }
  }

  private TimeoutCertificate buildTc(int round) {
    List<TimeoutEntry> entries = new ArrayList<>();
    QuorumCertificate best = null;
    for (Timeout t : hs.timeouts.timeouts(round)) {
      entries.add(new TimeoutEntry(t.signature().signer(), t.highQcRound(), t.signature().signature()));
      if (t.highQc().isPresent() && (best == null || t.highQcRound() > best.round())) {
        best = t.highQc().get();
      }
    }
    if (best != null) {
      // the carried object may differ from the one we verified; ours is the one we vouch for
      QuorumCertificate canonical = hs.verifiedQcs.get(new HeightState.QcKey(best.round(), best.blockHash()));
      best = canonical != null ? canonical : best;
    }
    entries.sort(Comparator.comparing(TimeoutEntry::signer));
    TimeoutCertificate tc = new TimeoutCertificate(hs.height, round, entries, Optional.ofNullable(best));
    hs.acceptedTcs.put(round, tc);
    return tc;
  }

  private void onTimeoutCertificate(Address from, TimeoutCertificate tc) {
    Place place = place(tc.height());
    if (place == Place.PAST) {
      helpLaggard(from, tc.height(), tc.round());
      return;
    }
    if (place != Place.CURRENT || tc.round() < hs.round || !acceptTc(tc)) {
      return;
    }
    onTc(tc);
  }

  /** Lines 41–43; {@code tc} is valid for the current height. */
  private void onTc(TimeoutCertificate tc) {
    if (tc.highQc().isPresent()) {
      QuorumCertificate qc = hs.verifiedQcs.get(new HeightState.QcKey(tc.highQc().get().round(), tc.highQc().get().blockHash()));
      onQc(qc != null ? qc : tc.highQc().get()); // line 42
    }
    if (!decided && tc.round() >= hs.round) {
      enterRound(tc.round() + 1, tc); // line 43
      broadcast(tc); // L2: every entrant forwards the TC
    }
  }

  /** Lines 44–48. */
  private void enterRound(int r, TimeoutCertificate tc) {
    hs.round = r; // line 45
    if (tc != null) {
      hs.lastTc = tc;
    }
    hs.pruneBelow(r - ROUNDS_KEPT_BEHIND);
    out.add(new Action.ScheduleTimer(new Timer(Kind.ROUND, hs.height, r), config.roundTimeoutMs(r)));
    if (tc == null || !isValidator() || !self.equals(hs.validators.leader(hs.height, r)) || r <= lastProposed) {
      return; // line 46
    }
    if (tc.highQc().isPresent()) { // line 47
      Hash wanted = tc.highQc().get().blockHash();
      Block block = hs.blocks.get(wanted);
      if (block != null) {
        propose(r, block);
      } else {
        hs.wantedForProposal = wanted;
        requestBlock(wanted, tc.highQc().get().signatures());
      }
    } else {
      propose(r, freshBlock()); // line 48
    }
  }

  /** Lines 31–32: the round's timer expired. */
  private void onTimer(Timer timer) {
    if (timer.height() != hs.height || decided) {
      return;
    }
    if (timer.kind() == Kind.PROPOSE) {
      long left = tip.timestampMs() + config.blockIntervalMs() - now;
      if (left > 0) {
        out.add(new Action.ScheduleTimer(timer, left)); // the local clock moved back since it was armed
      }
      tryProposeRound0();
      return;
    }
    if (timer.round() != hs.round) {
      return;
    }
    if (hs.pendingCertificate != null) {
      // nobody at this height answered with the block: the driver's sync reads it from a peer's store
      requestBlock(hs.pendingCertificate.blockHash(), hs.pendingCertificate.signatures());
      hs.pendingCertificate.signatures().stream().map(VoteSignature::signer).filter(a -> !a.equals(self)).findFirst()
          .ifPresent(peer -> out.add(new Action.RequestSync(peer, hs.height, hs.height)));
    }
    retrySync();
    if (isValidator()) {
      localTimeout(hs.round); // line 32
    }
    out.add(new Action.ScheduleTimer(timer, config.roundTimeoutMs(hs.round))); // line 32: re-arm
  }

  /** Lines 33–35; re-sends the same timeout when the round was already timed out. */
  private void localTimeout(int t) {
    if (t > lastTimedOut) {
      lastTimedOut = t; // line 34
      safetyDirty = true;
      hs.ownTimeout = null;
    }
    if (hs.ownTimeout == null || hs.ownTimeout.round() != t) {
      Optional<QuorumCertificate> qc = Optional.ofNullable(highQc);
      int qcRound = highQc == null ? -1 : highQc.round();
      byte[] digest = SigningDigest.timeout(suite, config.chainId(), hs.height, t, qcRound);
      hs.ownTimeout = new Timeout(hs.height, t, qc, new VoteSignature(self, signer.sign(digest)));
    }
    broadcastOwn(hs.ownTimeout); // line 35
  }

  // ---------------------------------------------------------------------------------------------------------
  // proposing

  /** Lines 6–7. */
  private void tryProposeRound0() {
    if (decided || hs.round != 0 || lastProposed >= 0 || !isValidator()
        || !self.equals(hs.validators.leader(hs.height, 0))) {
      return;
    }
    if (now >= tip.timestampMs() + config.blockIntervalMs() || app.poolFull()) {
      propose(0, freshBlock());
    }
  }

  /** Line 49. */
  private Block freshBlock() {
    long timestampMs = Math.max(now, hs.parentTimestampMs + 1);
    Payload payload = app.buildPayload(hs.height, hs.parentHash, self, timestampMs);
    if (payload.data().size() > config.maxPayloadBytes()) {
      throw new IllegalStateException("application built a payload of " + payload.data().size()
          + " bytes, over maxPayloadBytes " + config.maxPayloadBytes());
    }
    return new Block(new BlockHeader(hs.height, hs.parentHash, self, timestampMs, payload.payloadHash()), payload.data());
  }

  /** Lines 8–10. */
  private void propose(int r, Block block) {
    lastProposed = r; // line 9: S2
    safetyDirty = true;
    hs.wantedForProposal = null;
    Hash id = block.id(suite);
    byte[] digest = SigningDigest.proposal(suite, config.chainId(), hs.height, r, id);
    Proposal p = new Proposal(hs.height, r, block, hs.parentCertificate,
        r > 0 ? Optional.of(hs.lastTc) : Optional.empty(), new VoteSignature(self, signer.sign(digest)));
    broadcastOwn(p); // line 10
  }

  // ---------------------------------------------------------------------------------------------------------
  // certificates from elsewhere, blocks and sync

  /** Lines 52–53: a commit certificate learned from a notice or a proposal. */
  private void onCertificate(Address from, CommitCertificate cc) {
    Place place = place(cc.height());
    if (place == Place.PAST) {
      return;
    }
    if (place == Place.CURRENT) {
      onCertificateForCurrentHeight(cc);
      return;
    }
    Optional<ValidatorSet> validators = app.validators(cc.height());
    boolean verified = validators.isPresent()
        && CertificateVerifier.verify(cc.blockHash(), cc.height(), cc, validators.get(), suite, config.chainId()).isOk();
    if (validators.isPresent() && !verified) {
      return;
    }
    if (place == Place.NEXT && verified) {
      nextHeightCertificate = cc; // committed as soon as the next height starts
      if (decided) {
        return; // only our own execution is pending: no sync needed
      }
    }
    noteSyncHint(from, cc.height());
    if (!from.equals(self) && verified && cc.height() > syncRequested.getOrDefault(from, -1L)) {
      requestSync(from, cc.height()); // line 53
    }
  }

  private void onCertificateForCurrentHeight(CommitCertificate cc) {
    if (decided || hs.pendingCertificate != null && hs.pendingCertificate.equals(cc)) {
      return;
    }
    if (CertificateVerifier.verify(cc.blockHash(), cc.height(), cc, hs.validators, suite, config.chainId()).isOk()) {
      onCommitCertificate(cc); // line 53: h' = h, as line 29
    }
  }

  /**
   * Remembers that {@code from} claims {@code height} is committed, to ask it for the blocks when our round timer
   * finds us stuck (L3). Claims are not trusted: sync verifies every certificate, and each peer has one entry.
   */
  private void noteSyncHint(Address from, long height) {
    if (from.equals(self) || height <= tip.height() || height <= syncHints.getOrDefault(from, -1L)) {
      return;
    }
    if (syncHints.size() >= SYNC_PEERS_MAX && !syncHints.containsKey(from)) {
      syncHints.clear();
    }
    syncHints.put(from, height);
  }

  private void requestSync(Address peer, long toHeight) {
    if (syncRequested.size() >= SYNC_PEERS_MAX && !syncRequested.containsKey(peer)) {
      syncRequested.clear();
    }
    syncRequested.put(peer, toHeight);
    out.add(new Action.RequestSync(peer, tip.height() + 1, toHeight));
  }

  /** On a stuck round, asks again the peers that claimed the highest heights (L3). */
  private void retrySync() {
    syncHints.entrySet().stream()
        .filter(e -> e.getValue() > tip.height())
        .sorted(Map.Entry.<Address, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(SYNC_RETRIES_PER_TIMEOUT)
        .toList()
        .forEach(e -> requestSync(e.getKey(), e.getValue()));
  }

  /** Line 55. */
  private void onCommittedBlock(Event.CommittedBlockReceived c) {
    Block block = c.block();
    long h = block.height();
    if (h <= tip.height() || c.certificate().height() != h) {
      return;
    }
    if (h > hs.height || decided) {
      if (h <= tip.height() + SYNC_BUFFER_MAX && !syncBuffer.containsKey(h)) {
        syncBuffer.put(h, c);
      }
      return;
    }
    Hash id = block.id(suite);
    if (!block.header().parentHash().equals(hs.parentHash)
        || block.payload().size() > config.maxPayloadBytes()
        || !app.payloadMatches(block.header().payloadHash(), block.payload())
        || !CertificateVerifier.verify(id, h, c.certificate(), hs.validators, suite, config.chainId()).isOk()) {
      return;
    }
    decide(block, c.certificate());
  }

  /** Lines 30, 47: ask the certificate's signers for a block we lack. */
  private void requestBlock(Hash blockHash, List<VoteSignature> holders) {
    BlockRequest request = new BlockRequest(hs.height, blockHash);
    Set<Address> asked = new HashSet<>();
    for (VoteSignature s : holders) {
      if (!s.signer().equals(self) && asked.add(s.signer())) {
        send(s.signer(), request);
      }
    }
  }

  /** Line 54. */
  private void onBlockRequest(Address from, BlockRequest r) {
    Block block = null;
    if (r.height() == hs.height) {
      block = hs.blocks.get(r.blockHash());
    }
    if (block == null && tipBlock != null && r.height() == tip.height() && r.blockHash().equals(tip.blockHash())) {
      block = tipBlock;
    }
    if (block != null && !from.equals(self) && blockReplies.allow(from, r.height(), 0, now)) {
      send(from, new BlockResponse(block));
    }
  }

  private void onBlockResponse(BlockResponse r) {
    Block block = r.block();
    if (place(block.height()) != Place.CURRENT) {
      return;
    }
    Hash id = block.id(suite);
    boolean forCommit = hs.pendingCertificate != null && hs.pendingCertificate.blockHash().equals(id);
    boolean forProposal = id.equals(hs.wantedForProposal);
    if (!(forCommit || forProposal)
        || !block.header().parentHash().equals(hs.parentHash)
        || block.payload().size() > config.maxPayloadBytes()
        || !app.payloadMatches(block.header().payloadHash(), block.payload())) {
      return;
    }
    hs.addBlock(id, block, highQc == null ? null : highQc.blockHash());
    if (forCommit) {
      decide(block, hs.pendingCertificate); // line 30
      return;
    }
    hs.wantedForProposal = null;
    if (hs.lastTc != null && hs.lastTc.round() == hs.round - 1 && isValidator()
        && self.equals(hs.validators.leader(hs.height, hs.round)) && hs.round > lastProposed) {
      propose(hs.round, block); // line 47, after the fetch
    }
  }

  /** Line 50: a peer sent something about a height we already decided; tell it the commit. */
  private void helpLaggard(Address from, long height, int round) {
    if (from.equals(self)) {
      return;
    }
    CommitCertificate cc = recentCertificates.get(height);
    if (cc == null) {
      cc = tip.certificate().orElse(null);
    }
    if (cc != null && replies.allow(from, height, round, now)) {
      send(from, new CommitNotice(cc));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // verification and bookkeeping

  private void bufferNextHeight(
      Address from, ConsensusMessage m, VoteSignature signature, byte[] digest, boolean signerAllowed) {
    if (!signerAllowed) {
      return;
    }
    Optional<ValidatorSet> validators = app.validators(m.height());
    if (validators.isEmpty()) {
      return;
    }
    Optional<byte[]> key = validators.get().find(signature.signer()).map(v -> v.publicKey().unsafeArray());
    if (key.isPresent() && CertificateVerifier.verifyOne(suite, digest, signature.signature(), key.get())) {
      nextHeight.add(signature.signer(), m);
      noteSyncHint(from, m.height() - 1); // its validators committed our height: ask for it if we stay stuck
    }
  }

  private Address leaderOf(long height, int round) {
    return app.validators(height).map(v -> v.leader(height, round)).orElse(null);
  }

  /** Only the signer itself can be blamed for its bad signature; a relayed statement proves nothing about the relay. */
  private void blameSigner(Address from, VoteSignature s, String reason) {
    if (from.equals(s.signer())) {
      out.add(new Action.PeerMisbehaved(from, reason));
    }
  }

  private boolean verifySigned(VoteSignature s, byte[] digest) {
    return hs.validators.find(s.signer())
        .map(v -> CertificateVerifier.verifyOne(suite, digest, s.signature(), v.publicKey().unsafeArray()))
        .orElse(false);
  }

  /** The verified QC of the same (round, block) we already hold, or this one once it verifies, else null. */
  private QuorumCertificate verifiedQc(QuorumCertificate qc) {
    HeightState.QcKey key = new HeightState.QcKey(qc.round(), qc.blockHash());
    QuorumCertificate known = hs.verifiedQcs.get(key);
    if (known != null) {
      return known;
    }
    if (qc.height() != hs.height || !CertificateVerifier.verify(qc, hs.validators, suite, config.chainId()).isOk()) {
      return null;
    }
    hs.verifiedQcs.put(key, qc);
    return qc;
  }

  /** TC validity (docs/consensus.md §2): a quorum of distinct signers, claims ≤ round, highQC of the max claim. */
  private boolean acceptTc(TimeoutCertificate tc) {
    if (tc.equals(hs.acceptedTcs.get(tc.round()))) {
      return true;
    }
    if (tc.height() != hs.height || tc.round() >= Codec.MAX_ROUND || tc.entries().size() < hs.validators.quorum()) {
      return false; // the round after MAX_ROUND could not be signed or encoded
    }
    Set<Address> signers = new HashSet<>();
    for (TimeoutEntry e : tc.entries()) {
      if (!hs.validators.contains(e.signer()) || !signers.add(e.signer()) || e.highQcRound() > tc.round()) {
        return false;
      }
    }
    int maxClaim = tc.maxClaimedQcRound();
    if (maxClaim < 0 ? tc.highQc().isPresent()
        : tc.highQc().isEmpty() || tc.highQc().get().round() != maxClaim || verifiedQc(tc.highQc().get()) == null) {
      return false;
    }
    for (TimeoutEntry e : tc.entries()) {
      byte[] digest = SigningDigest.timeout(suite, config.chainId(), hs.height, tc.round(), e.highQcRound());
      if (!verifySigned(new VoteSignature(e.signer(), e.signature()), digest)) {
        return false;
      }
    }
    hs.acceptedTcs.put(tc.round(), tc);
    return true;
  }

  private boolean inRoundWindow(int round) {
    return round >= hs.round - ROUNDS_KEPT_BEHIND && round <= hs.round + config.roundsAheadMax();
  }

  private boolean isValidator() {
    return hs.validators.contains(self);
  }

  private Vote signVote(VoteKind kind, int round, Hash blockHash) {
    byte[] digest = SigningDigest.vote(suite, kind, config.chainId(), hs.height, round, blockHash);
    return new Vote(kind, hs.height, round, blockHash, new VoteSignature(self, signer.sign(digest)));
  }

  private void reportEvidence(Address offender, String kind, int round, ConsensusMessage first, ConsensusMessage second) {
    if (hs.reportedEvidence.size() >= EVIDENCE_KEYS_MAX) {
      return;
    }
    if (hs.reportedEvidence.add(offender.toHex() + "/" + kind + "/" + round)) {
      out.add(new Action.ReportEvidence(new Evidence(offender, first, second)));
    }
  }

  /** Rule P: the safety state is made durable before anything signed after its change leaves. */
  private void flushSafety() {
    if (safetyDirty) {
      safetyDirty = false;
      out.add(new Action.Persist(new SafetyState(
          hs.height, lastVoted, lastCommitVoted, lastTimedOut, lastProposed, Optional.ofNullable(highQc))));
    }
  }

  private void send(Address to, ConsensusMessage m) {
    flushSafety();
    out.add(new Action.Send(to, m));
  }

  private void broadcast(ConsensusMessage m) {
    flushSafety();
    out.add(new Action.Broadcast(m));
  }

  /** Broadcasts a message we signed and handles our own copy after the current event. */
  private void broadcastOwn(ConsensusMessage m) {
    broadcast(m);
    loopback.addLast(m);
  }
}
