package io.trestle.consensus.sim;

import io.trestle.consensus.Action;
import io.trestle.consensus.EngineStatus;
import io.trestle.consensus.Event;
import io.trestle.consensus.cert.BlockHeader;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.SigningDigest;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.consensus.wire.Block;
import io.trestle.consensus.wire.CommitNotice;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.consensus.wire.MessageCodec;
import io.trestle.consensus.wire.Proposal;
import io.trestle.consensus.wire.Timeout;
import io.trestle.consensus.wire.TimeoutCertificate;
import io.trestle.consensus.wire.TimeoutEntry;
import io.trestle.consensus.wire.Vote;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.crypto.Signature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A Byzantine validator: it runs an honest engine to follow the chain, then twists what it sends and adds
 * attacks of its own, all signed with its real key (it cannot forge others' signatures — that is the model).
 */
final class Adversary {
  /** What the adversary does. */
  enum Strategy {
    /** Sends nothing at all, as a crashed validator that still counts in the set. */
    SILENT,
    /** As leader, sends a different valid block to each half; splits its votes between two blocks. */
    EQUIVOCATE,
    /** Votes for its block and for random unknown blocks in every round, so peers see double votes. */
    DOUBLE_VOTE,
    /** Sends forged, replayed and tampered certificates and replays old messages. */
    FORGE,
    /** Floods validly signed timeouts and votes for future rounds and heights, plus junk bytes. */
    FLOOD
  }

  private static final int CAPTURED_MAX = 64;

  private final Strategy strategy;
  private final Simulation sim;
  private final int nodeIndex;
  private final Random rng;
  private final ArrayDeque<ConsensusMessage> captured = new ArrayDeque<>();

  Adversary(Strategy strategy, Simulation sim, int nodeIndex, Random rng) {
    this.strategy = strategy;
    this.sim = sim;
    this.nodeIndex = nodeIndex;
    this.rng = rng;
  }

  private SimNode node() {
    return sim.nodes.get(nodeIndex);
  }

  void capture(ConsensusMessage m) {
    if (captured.size() >= CAPTURED_MAX) {
      captured.pollFirst();
    }
    captured.addLast(m);
  }

  void onSend(Address to, ConsensusMessage m) {
    if (strategy != Strategy.SILENT) {
      sim.send(node(), to, m);
    }
  }

  void onBroadcast(ConsensusMessage m) {
    switch (strategy) {
      case SILENT -> { }
      case EQUIVOCATE -> {
        if (m instanceof Proposal p) {
          equivocate(p);
        } else if (m instanceof Vote v) {
          split(v);
        } else {
          sim.broadcast(node(), m);
        }
      }
      case DOUBLE_VOTE -> {
        sim.broadcast(node(), m);
        if (m instanceof Vote v) {
          sim.broadcast(node(), vote(v.kind(), v.height(), v.round(), randomHash()));
        }
      }
      default -> sim.broadcast(node(), m);
    }
  }

  long tickIntervalMs() {
    return strategy == Strategy.FLOOD ? 600 : 150;
  }

  void onTick() {
    switch (strategy) {
      case FORGE -> {
        forge();
        forge();
      }
      case FLOOD -> flood();
      case DOUBLE_VOTE -> {
        EngineStatus s = node().engine.status();
        sim.broadcast(node(), vote(VoteKind.PREPARE, s.height(), s.round(), randomHash()));
        sim.broadcast(node(), vote(VoteKind.COMMIT, s.height(), s.round(), randomHash()));
      }
      default -> { }
    }
  }

  /** Answers block sync with a forged block and certificate. */
  void onSyncRequest(SimNode requester, Action.RequestSync r) {
    BlockHeader header = new BlockHeader(r.fromHeight(), randomHash(), node().address, sim.now(), randomHash());
    Block block = new Block(header, Bytes.wrap(new byte[] {1, 2, 3}));
    CommitCertificate cc = new CommitCertificate(r.fromHeight(), 0, block.id(sim.cfg.suite), randomSignatures());
    sim.deliver(requester, new Event.CommittedBlockReceived(node().address, block, cc));
    if (node().storedHeight() >= r.fromHeight()) {
      // the real block with a certificate for another round: signatures no longer match
      int i = (int) r.fromHeight() - 1;
      CommitCertificate real = node().certificates.get(i);
      sim.deliver(requester, new Event.CommittedBlockReceived(node().address, node().blocks.get(i),
          new CommitCertificate(real.height(), real.round() + 1, real.blockHash(), real.signatures())));
    }
  }

  private void equivocate(Proposal p) {
    Proposal other = p;
    try {
      Hash parentRoot = Rlp.decode(p.block().payload().unsafeArray()).items().get(0).asHash();
      byte[] payload = Rlp.encodeList(Rlp.encodeBytes(parentRoot.unsafeArray()), Rlp.encodeList(Rlp.encodeList(
          Rlp.encodeBytes("evil".getBytes(StandardCharsets.UTF_8)),
          Rlp.encodeBytes(("x" + rng.nextInt()).getBytes(StandardCharsets.UTF_8)))));
      BlockHeader h = p.block().header();
      BlockHeader header = new BlockHeader(h.height(), h.parentHash(), h.proposer(), h.timestampMs(),
          Hash.wrap(sim.cfg.suite.hash(payload)));
      Block block = new Block(header, Bytes.wrap(payload));
      byte[] digest = SigningDigest.proposal(sim.cfg.suite, chainId(), p.height(), p.round(), block.id(sim.cfg.suite));
      other = new Proposal(p.height(), p.round(), block, p.parentCertificate(), p.justification(),
          new VoteSignature(node().address, node().signer.sign(digest)));
    } catch (RlpException | IndexOutOfBoundsException e) {
      // not a key-value payload: send the same proposal to everyone
    }
    for (SimNode n : sim.nodes) {
      if (n != node()) {
        sim.transmit(node(), n, MessageCodec.encode(n.index % 2 == 0 ? p : other));
      }
    }
  }

  private void split(Vote v) {
    Vote other = vote(v.kind(), v.height(), v.round(), randomHash());
    for (SimNode n : sim.nodes) {
      if (n != node()) {
        sim.transmit(node(), n, MessageCodec.encode(n.index % 2 == 0 ? v : other));
      }
    }
  }

  private void forge() {
    EngineStatus s = node().engine.status();
    long h = s.height();
    int r = s.round();
    switch (rng.nextInt(7)) {
      case 0 -> sim.broadcast(node(), new CommitNotice(new CommitCertificate(h, r, randomHash(), randomSignatures())));
      case 1 -> {
        CommitCertificate real = capturedCertificate();
        if (real != null) {
          boolean moveHeight = rng.nextBoolean();
          sim.broadcast(node(), new CommitNotice(new CommitCertificate(moveHeight ? h : real.height(), real.round(),
              moveHeight ? real.blockHash() : randomHash(), real.signatures())));
        }
      }
      case 2 -> {
        Vote v = capturedVote();
        if (v != null) {
          List<VoteSignature> repeated = new ArrayList<>();
          for (int i = 0; i < validators().quorum(); i++) {
            repeated.add(v.signature());
          }
          sim.broadcast(node(), new CommitNotice(new CommitCertificate(v.height(), v.round(), v.blockHash(), repeated)));
        }
      }
      case 3 -> {
        List<TimeoutEntry> entries = new ArrayList<>();
        for (VoteSignature vs : randomSignatures()) {
          entries.add(new TimeoutEntry(vs.signer(), -1, vs.signature()));
        }
        sim.broadcast(node(), new TimeoutCertificate(h, r, entries, Optional.empty()));
      }
      case 4 -> {
        QuorumCertificate fake = new QuorumCertificate(h, r, randomHash(), randomSignatures());
        byte[] digest = SigningDigest.timeout(sim.cfg.suite, chainId(), h, r, r);
        sim.broadcast(node(), new Timeout(h, r, Optional.of(fake), new VoteSignature(node().address, node().signer.sign(digest))));
      }
      case 5 -> {
        if (!captured.isEmpty()) {
          List<ConsensusMessage> list = new ArrayList<>(captured);
          sim.broadcast(node(), list.get(rng.nextInt(list.size())));
        }
      }
      default -> {
        // a proposal in someone else's name: a valid block claimed by the real leader, signed by us
        BlockHeader header = new BlockHeader(h, randomHash(), validators().leader(h, r), sim.now(), randomHash());
        Block block = new Block(header, Bytes.EMPTY);
        byte[] digest = SigningDigest.proposal(sim.cfg.suite, chainId(), h, r, block.id(sim.cfg.suite));
        sim.broadcast(node(), new Proposal(h, r, block, Optional.empty(), Optional.empty(),
            new VoteSignature(validators().leader(h, r), node().signer.sign(digest))));
      }
    }
  }

  private void flood() {
    EngineStatus s = node().engine.status();
    long h = s.height();
    int r = s.round();
    for (int k = 1; k <= 40; k++) {
      byte[] digest = SigningDigest.timeout(sim.cfg.suite, chainId(), h, r + k, -1);
      sim.broadcast(node(), new Timeout(h, r + k, Optional.empty(), new VoteSignature(node().address, node().signer.sign(digest))));
    }
    for (int k = 1; k <= 10; k++) {
      sim.broadcast(node(), vote(VoteKind.PREPARE, h, r + k, randomHash()));
      sim.broadcast(node(), vote(VoteKind.COMMIT, h + 1, k, randomHash()));
      sim.broadcast(node(), vote(VoteKind.PREPARE, h + 100, k, randomHash()));
    }
    for (SimNode n : sim.nodes) {
      if (n == node()) {
        continue;
      }
      byte[] junk = new byte[rng.nextInt(100)];
      rng.nextBytes(junk);
      sim.transmit(node(), n, junk);
      if (!captured.isEmpty()) {
        byte[] real = MessageCodec.encode(captured.peekLast());
        real[rng.nextInt(real.length)] ^= (byte) (1 + rng.nextInt(255));
        sim.transmit(node(), n, real);
      }
    }
  }

  private Vote vote(VoteKind kind, long height, int round, Hash blockHash) {
    byte[] digest = SigningDigest.vote(sim.cfg.suite, kind, chainId(), height, round, blockHash);
    return new Vote(kind, height, round, blockHash, new VoteSignature(node().address, node().signer.sign(digest)));
  }

  private List<VoteSignature> randomSignatures() {
    List<VoteSignature> out = new ArrayList<>();
    for (var v : validators().validators()) {
      out.add(new VoteSignature(v.address(), new Signature(new BigInteger(256, rng), new BigInteger(255, rng), rng.nextInt(2))));
    }
    return out;
  }

  private CommitCertificate capturedCertificate() {
    for (ConsensusMessage m : captured) {
      if (m instanceof CommitNotice n) {
        return n.certificate();
      }
      if (m instanceof Proposal p && p.parentCertificate().isPresent()) {
        return p.parentCertificate().get();
      }
    }
    return null;
  }

  private Vote capturedVote() {
    for (ConsensusMessage m : captured) {
      if (m instanceof Vote v && v.kind() == VoteKind.COMMIT && !v.signature().signer().equals(node().address)) {
        return v;
      }
    }
    return null;
  }

  private ValidatorSet validators() {
    return node().app.validators(node().engine.status().height()).orElse(sim.genesis);
  }

  private Hash randomHash() {
    byte[] b = new byte[32];
    rng.nextBytes(b);
    return Hash.wrap(b);
  }

  private long chainId() {
    return sim.cfg.engine.chainId();
  }
}
