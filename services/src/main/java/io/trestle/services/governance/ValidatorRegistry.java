package io.trestle.services.governance;

import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator sets by height: a list of epochs, each a full set with the height it takes effect. A change
 * executed in block E takes effect at E + offset (offset ≥ 2, fixed at genesis), so the set of every height up to
 * the executed head + 2 is already decided when the consensus engine asks for it (docs/consensus.md §2). Two
 * changes executed in one block land in the same epoch. History is kept, so the set of any past height can be
 * read from the head state (block sync, light clients).
 */
public final class ValidatorRegistry {
  /** Fewer validators than this cannot tolerate a single fault (n = 3f + 1). */
  public static final int VALIDATORS_MIN = 4;
  public static final int VALIDATORS_MAX = 100;
  public static final int OFFSET_MIN = 2;
  public static final int OFFSET_MAX = 10_000;

  private static final UInt256 COUNT = Slots.of(Slots.root("gov.epochs"));
  static final UInt256 OFFSET = Slots.of(Slots.root("gov.validatorOffset"));
  private static final byte[] FROM = Slots.root("gov.epoch.from");
  private static final byte[] SIZE = Slots.root("gov.epoch.size");
  private static final byte[] ADDRESS = Slots.root("gov.epoch.address");
  private static final byte[] KEY = Slots.root("gov.epoch.key");

  private ValidatorRegistry() {}

  public static long offset(StorageReader s) throws SystemCall.Halt {
    return Slots.asLong(s.load(OFFSET));
  }

  public static long epochCount(StorageReader s) throws SystemCall.Halt {
    return Slots.asLong(s.load(COUNT));
  }

  public static ValidatorEpoch epoch(StorageReader s, long index) throws SystemCall.Halt {
    UInt256 i = Slots.word(index);
    long from = Slots.asLong(s.load(Slots.of(FROM, i)));
    long size = Math.min(Slots.asLong(s.load(Slots.of(SIZE, i))), VALIDATORS_MAX);
    List<ValidatorInfo> vals = new ArrayList<>((int) size);
    for (long j = 0; j < size; j++) {
      UInt256 jw = Slots.word(j);
      byte[] key = new byte[64];
      System.arraycopy(s.load(Slots.of(KEY, i, jw, UInt256.ZERO)).toArray(), 0, key, 0, 32);
      System.arraycopy(s.load(Slots.of(KEY, i, jw, UInt256.ONE)).toArray(), 0, key, 32, 32);
      vals.add(new ValidatorInfo(Slots.address(s.load(Slots.of(ADDRESS, i, jw))), Bytes.wrap(key)));
    }
    return new ValidatorEpoch(from, vals);
  }

  public static List<ValidatorEpoch> epochs(StorageReader s) throws SystemCall.Halt {
    long n = epochCount(s);
    List<ValidatorEpoch> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.add(epoch(s, i));
    }
    return out;
  }

  /** The newest scheduled set (possibly not in force yet): what the next change starts from. */
  public static List<ValidatorInfo> latest(StorageReader s) throws SystemCall.Halt {
    long n = epochCount(s);
    return n == 0 ? List.of() : epoch(s, n - 1).validators();
  }

  /** The set in force at {@code height}. */
  public static List<ValidatorInfo> at(StorageReader s, long height) throws SystemCall.Halt {
    for (long i = epochCount(s) - 1; i >= 0; i--) {
      if (Slots.asLong(s.load(Slots.of(FROM, Slots.word(i)))) <= height) {
        return epoch(s, i).validators();
      }
    }
    return List.of();
  }

  /** Schedules {@code validators} from {@code fromHeight}, merging with an epoch that starts at the same height. */
  public static void schedule(Storage s, List<ValidatorInfo> validators, long fromHeight) throws SystemCall.Halt {
    long n = epochCount(s);
    long index = n;
    if (n > 0 && Slots.asLong(s.load(Slots.of(FROM, Slots.word(n - 1)))) == fromHeight) {
      index = n - 1;
    } else {
      s.store(COUNT, Slots.word(n + 1));
    }
    write(s, index, new ValidatorEpoch(fromHeight, validators));
  }

  static void initialise(Storage s, List<ValidatorInfo> validators, long offset) throws SystemCall.Halt {
    s.store(OFFSET, Slots.word(offset));
    s.store(COUNT, Slots.word(1));
    write(s, 0, new ValidatorEpoch(0, validators));
  }

  private static void write(Storage s, long index, ValidatorEpoch epoch) throws SystemCall.Halt {
    UInt256 i = Slots.word(index);
    long oldSize = Slots.asLong(s.load(Slots.of(SIZE, i)));
    s.store(Slots.of(FROM, i), Slots.word(epoch.fromHeight()));
    s.store(Slots.of(SIZE, i), Slots.word(epoch.validators().size()));
    for (int j = 0; j < epoch.validators().size(); j++) {
      ValidatorInfo v = epoch.validators().get(j);
      UInt256 jw = Slots.word(j);
      byte[] key = v.publicKey().unsafeArray();
      s.store(Slots.of(ADDRESS, i, jw), Slots.word(v.address()));
      s.store(Slots.of(KEY, i, jw, UInt256.ZERO), UInt256.fromBytes(key, 0, 32));
      s.store(Slots.of(KEY, i, jw, UInt256.ONE), UInt256.fromBytes(key, 32, 32));
    }
    for (long j = epoch.validators().size(); j < oldSize; j++) {
      UInt256 jw = Slots.word(j);
      s.store(Slots.of(ADDRESS, i, jw), UInt256.ZERO);
      s.store(Slots.of(KEY, i, jw, UInt256.ZERO), UInt256.ZERO);
      s.store(Slots.of(KEY, i, jw, UInt256.ONE), UInt256.ZERO);
    }
  }
}
