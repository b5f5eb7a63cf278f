package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.ByteStrings;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;
import java.nio.charset.StandardCharsets;

/**
 * Proposals in storage, their votes and their status. Weights are counted when asked, from the current committee,
 * so a member removed while a proposal is open no longer counts and a re-weighted member counts with the new
 * weight. Ids start at 1.
 */
public final class Proposals {
  public static final int DATA_BYTES_MAX = 1024;
  public static final int DESCRIPTION_BYTES_MAX = 256;
  /** A proposal may stay open at most this many blocks. */
  public static final long VOTING_BLOCKS_MAX = 1_000_000;
  /** The voting period when the proposer gives deadline 0. */
  public static final long VOTING_BLOCKS_DEFAULT = 50_000;

  /** Where a proposal stands, as of a block. */
  public enum Status {
    NONE, ACTIVE, PASSED, REJECTED, EXPIRED, EXECUTED;

    public int code() {
      return ordinal();
    }
  }

  /** A member's vote on a proposal. */
  public enum Choice {
    NONE, YES, NO
  }

  /** A stored proposal. */
  public record Proposal(long id, ProposalKind kind, Address proposer, long deadline, long createdAt, long executedAt,
      Bytes data, String description) {}

  /** Weights behind a proposal now. */
  public record Tally(long yes, long no, long total) {}

  private static final UInt256 COUNT = Slots.of(Slots.root("gov.proposals"));
  private static final byte[] KIND = Slots.root("gov.p.kind");
  private static final byte[] PROPOSER = Slots.root("gov.p.proposer");
  private static final byte[] DEADLINE = Slots.root("gov.p.deadline");
  private static final byte[] CREATED = Slots.root("gov.p.created");
  private static final byte[] EXECUTED = Slots.root("gov.p.executed");
  private static final byte[] DATA = Slots.root("gov.p.data");
  private static final byte[] DESCRIPTION = Slots.root("gov.p.description");
  private static final byte[] VOTE = Slots.root("gov.p.vote");

  private Proposals() {}

  public static long count(StorageReader s) throws SystemCall.Halt {
    return Slots.asLong(s.load(COUNT));
  }

  /** The proposal, or null when there is none with this id. */
  public static Proposal load(StorageReader s, long id) throws SystemCall.Halt {
    if (id < 1 || id > count(s)) {
      return null;
    }
    UInt256 i = Slots.word(id);
    ProposalKind kind = ProposalKind.ofCode(Slots.asLong(s.load(Slots.of(KIND, i))))
        .orElseThrow(() -> new IllegalStateException("proposal " + id + " has an unknown kind"));
    return new Proposal(id, kind, Slots.address(s.load(Slots.of(PROPOSER, i))),
        Slots.asLong(s.load(Slots.of(DEADLINE, i))), Slots.asLong(s.load(Slots.of(CREATED, i))),
        Slots.asLong(s.load(Slots.of(EXECUTED, i))), ByteStrings.read(s, Slots.of(DATA, i), DATA_BYTES_MAX),
        new String(ByteStrings.read(s, Slots.of(DESCRIPTION, i), DESCRIPTION_BYTES_MAX).unsafeArray(),
            StandardCharsets.UTF_8));
  }

  static long create(Storage s, ProposalKind kind, Address proposer, long deadline, long createdAt, Bytes data,
      String description) throws SystemCall.Halt {
    long id = count(s) + 1;
    UInt256 i = Slots.word(id);
    s.store(COUNT, Slots.word(id));
    s.store(Slots.of(KIND, i), Slots.word(kind.code()));
    s.store(Slots.of(PROPOSER, i), Slots.word(proposer));
    s.store(Slots.of(DEADLINE, i), Slots.word(deadline));
    s.store(Slots.of(CREATED, i), Slots.word(createdAt));
    ByteStrings.write(s, Slots.of(DATA, i), data);
    ByteStrings.write(s, Slots.of(DESCRIPTION, i), Bytes.wrap(description.getBytes(StandardCharsets.UTF_8)));
    return id;
  }

  public static Choice vote(StorageReader s, long id, Address member) throws SystemCall.Halt {
    long v = Slots.asLong(s.load(Slots.of(VOTE, Slots.word(id), Slots.word(member))));
    return v < Choice.values().length ? Choice.values()[(int) v] : Choice.NONE;
  }

  static void setVote(Storage s, long id, Address member, Choice choice) throws SystemCall.Halt {
    s.store(Slots.of(VOTE, Slots.word(id), Slots.word(member)), Slots.word(choice.ordinal()));
  }

  static void markExecuted(Storage s, long id, long block) throws SystemCall.Halt {
    s.store(Slots.of(EXECUTED, Slots.word(id)), Slots.word(block));
  }

  public static Tally tally(StorageReader s, long id) throws SystemCall.Halt {
    long yes = 0;
    long no = 0;
    long total = 0;
    for (Committee.Member m : Committee.members(s)) {
      total += m.weight();
      Choice c = vote(s, id, m.address());
      if (c == Choice.YES) {
        yes += m.weight();
      } else if (c == Choice.NO) {
        no += m.weight();
      }
    }
    return new Tally(yes, no, total);
  }

  /** The status of {@code p} at {@code blockNumber}; votes count while {@code blockNumber ≤ deadline}. */
  public static Status status(StorageReader s, Proposal p, Tally t, long blockNumber) throws SystemCall.Halt {
    if (p == null) {
      return Status.NONE;
    }
    if (p.executedAt() > 0) {
      return Status.EXECUTED;
    }
    if (blockNumber > p.deadline()) {
      return Status.EXPIRED;
    }
    long num = Committee.numerator(s);
    long den = Committee.denominator(s);
    if (Committee.meets(t.yes(), t.total(), num, den)) {
      return Status.PASSED;
    }
    // even if every member who has not voted said yes, the threshold could not be met
    return Committee.meets(t.total() - t.no(), t.total(), num, den) ? Status.ACTIVE : Status.REJECTED;
  }
}
