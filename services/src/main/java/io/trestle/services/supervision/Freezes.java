package io.trestle.services.supervision;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.AddressSet;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;
import java.util.List;

/**
 * Frozen accounts, contracts and assets, each with who froze it, since which block and the regulator's
 * reference (a case number or document hash). Accounts and contracts are enumerable sets, whose sizes let hot
 * paths skip every lookup while nothing is frozen.
 */
public final class Freezes {
  /** What a freeze applies to. */
  public enum Kind {
    ACCOUNT, CONTRACT, ASSET;

    UInt256 word() {
      return Slots.word(ordinal() + 1L);
    }
  }

  /** A freeze in force. */
  public record Record(Address regulator, long sinceBlock, Bytes reference) {}

  public static final int LIST_MAX = 10_000;
  private static final AddressSet FROZEN = AddressSet.named("sup.frozen");
  private static final byte[] ASSET = Slots.root("sup.asset");
  private static final UInt256 ASSET_COUNT = Slots.of(Slots.root("sup.asset.count"));
  private static final byte[] BY = Slots.root("sup.by");
  private static final byte[] SINCE = Slots.root("sup.since");
  private static final byte[] REFERENCE = Slots.root("sup.reference");

  private Freezes() {}

  /** The word a freeze record is keyed by: the address itself, or keccak(registry, assetId) for an asset. */
  public static UInt256 assetKey(Address registry, UInt256 assetId) {
    return Slots.of(ASSET, Slots.word(registry), assetId);
  }

  public static boolean isFrozen(StorageReader s, Kind kind, Address subject) throws SystemCall.Halt {
    return FROZEN.scoped(kind.word()).contains(s, subject);
  }

  public static boolean isAssetFrozen(StorageReader s, Address registry, UInt256 assetId) throws SystemCall.Halt {
    return !s.load(assetKey(registry, assetId)).isZero();
  }

  public static long count(StorageReader s, Kind kind) throws SystemCall.Halt {
    return kind == Kind.ASSET ? Slots.asLong(s.load(ASSET_COUNT)) : FROZEN.scoped(kind.word()).size(s);
  }

  public static List<Address> list(StorageReader s, Kind kind) throws SystemCall.Halt {
    return FROZEN.scoped(kind.word()).list(s, LIST_MAX);
  }

  /** Freezes an account or contract; false when it already was. */
  public static boolean freeze(Storage s, Kind kind, Address subject, Record record) throws SystemCall.Halt {
    if (!FROZEN.scoped(kind.word()).add(s, subject)) {
      return false;
    }
    writeRecord(s, kind, Slots.word(subject), record);
    return true;
  }

  public static boolean unfreeze(Storage s, Kind kind, Address subject) throws SystemCall.Halt {
    if (!FROZEN.scoped(kind.word()).remove(s, subject)) {
      return false;
    }
    writeRecord(s, kind, Slots.word(subject), null);
    return true;
  }

  public static boolean freezeAsset(Storage s, Address registry, UInt256 assetId, Record record) throws SystemCall.Halt {
    UInt256 key = assetKey(registry, assetId);
    if (!s.load(key).isZero()) {
      return false;
    }
    s.store(key, UInt256.ONE);
    s.store(ASSET_COUNT, Slots.word(Slots.asLong(s.load(ASSET_COUNT)) + 1));
    writeRecord(s, Kind.ASSET, key, record);
    return true;
  }

  public static boolean unfreezeAsset(Storage s, Address registry, UInt256 assetId) throws SystemCall.Halt {
    UInt256 key = assetKey(registry, assetId);
    if (s.load(key).isZero()) {
      return false;
    }
    s.store(key, UInt256.ZERO);
    s.store(ASSET_COUNT, Slots.word(Slots.asLong(s.load(ASSET_COUNT)) - 1));
    writeRecord(s, Kind.ASSET, key, null);
    return true;
  }

  /** The record of a freeze in force, or null. {@code key} is the address word or {@link #assetKey}. */
  public static Record record(StorageReader s, Kind kind, UInt256 key) throws SystemCall.Halt {
    UInt256 by = s.load(Slots.of(BY, kind.word(), key));
    if (by.isZero()) {
      return null;
    }
    return new Record(Slots.address(by), Slots.asLong(s.load(Slots.of(SINCE, kind.word(), key))),
        Bytes.wrap(s.load(Slots.of(REFERENCE, kind.word(), key)).toArray()));
  }

  private static void writeRecord(Storage s, Kind kind, UInt256 key, Record r) throws SystemCall.Halt {
    s.store(Slots.of(BY, kind.word(), key), r == null ? UInt256.ZERO : Slots.word(r.regulator()));
    s.store(Slots.of(SINCE, kind.word(), key), r == null ? UInt256.ZERO : Slots.word(r.sinceBlock()));
    s.store(Slots.of(REFERENCE, kind.word(), key), r == null ? UInt256.ZERO : UInt256.fromBytes(r.reference().toArray()));
  }
}
