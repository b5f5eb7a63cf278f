package io.trestle.consensus.sim;

import io.trestle.consensus.Action;
import io.trestle.consensus.Event;
import io.trestle.consensus.wire.BlockRequest;
import io.trestle.consensus.wire.BlockResponse;
import io.trestle.consensus.wire.CommitNotice;
import io.trestle.consensus.wire.ConsensusMessage;
import io.trestle.consensus.wire.Proposal;
import io.trestle.consensus.wire.Timeout;
import io.trestle.consensus.wire.TimeoutCertificate;
import io.trestle.consensus.wire.Vote;
import java.util.List;
import java.util.stream.Collectors;

/** Short renderings of events and actions for {@code -Dsim.trace=true}. */
final class Trace {
  private Trace() {}

  static String event(Event e) {
    if (e instanceof Event.MessageReceived m) {
      return "from " + m.from().toHex().substring(0, 8) + " " + message(m.message());
    }
    if (e instanceof Event.CommittedBlockReceived c) {
      return "synced block " + c.block().height();
    }
    return e.toString();
  }

  static String actions(List<Action> actions) {
    return actions.stream().map(Trace::action).collect(Collectors.joining(", "));
  }

  static String action(Action a) {
    if (a instanceof Action.Send s) {
      return "send(" + s.to().toHex().substring(0, 8) + ", " + message(s.message()) + ")";
    }
    if (a instanceof Action.Broadcast b) {
      return "bcast(" + message(b.message()) + ")";
    }
    if (a instanceof Action.Commit c) {
      return "COMMIT(" + c.block().height() + " r" + c.certificate().round() + ")";
    }
    if (a instanceof Action.Persist p) {
      return "persist(v" + p.state().lastVotedRound() + " c" + p.state().lastCommitVotedRound() + " t"
          + p.state().lastTimedOutRound() + " p" + p.state().lastProposedRound() + " qc"
          + p.state().highQc().map(q -> q.round()).orElse(-1) + ")";
    }
    if (a instanceof Action.ScheduleTimer t) {
      return "timer(" + t.timer().kind() + " " + t.timer().height() + "/" + t.timer().round() + " +" + t.delayMs() + ")";
    }
    return a.toString();
  }

  static String message(ConsensusMessage m) {
    if (m instanceof Proposal p) {
      return "PROPOSAL(" + p.height() + "/" + p.round() + (p.justification().isPresent() ? " tc" : "") + ")";
    }
    if (m instanceof Vote v) {
      return v.kind() + "(" + v.height() + "/" + v.round() + " " + v.blockHash().toHex().substring(0, 8) + " by "
          + v.signature().signer().toHex().substring(0, 8) + ")";
    }
    if (m instanceof Timeout t) {
      return "TIMEOUT(" + t.height() + "/" + t.round() + " qc" + t.highQcRound() + " by "
          + t.signature().signer().toHex().substring(0, 8) + ")";
    }
    if (m instanceof TimeoutCertificate tc) {
      return "TC(" + tc.height() + "/" + tc.round() + " qc" + tc.maxClaimedQcRound() + ")";
    }
    if (m instanceof CommitNotice n) {
      return "CC(" + n.height() + "/" + n.certificate().round() + ")";
    }
    if (m instanceof BlockRequest r) {
      return "BLOCKREQ(" + r.height() + ")";
    }
    if (m instanceof BlockResponse r) {
      return "BLOCK(" + r.height() + ")";
    }
    return m.toString();
  }
}
