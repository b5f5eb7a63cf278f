package io.trestle.services.governance.store;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import java.util.ArrayList;
import java.util.List;

/**
 * An enumerable set of addresses in storage: a count, the items by position and each item's position + 1, so
 * membership, insertion and removal cost a few slots and listing walks the items. Removal moves the last item
 * into the hole, so order is insertion order only until something is removed.
 */
public final class AddressSet {
  private final byte[] countRoot;
  private final byte[] itemRoot;
  private final byte[] indexRoot;
  private final UInt256[] scope;

  private AddressSet(String name, UInt256[] scope) {
    this.countRoot = Slots.root(name + ".count");
    this.itemRoot = Slots.root(name + ".item");
    this.indexRoot = Slots.root(name + ".index");
    this.scope = scope;
  }

  /** A set named {@code name}; {@code scope} keys make one set per key (e.g. one per role). */
  public static AddressSet named(String name) {
    return new AddressSet(name, new UInt256[0]);
  }

  /** The same set layout under other scope keys. */
  public AddressSet scoped(UInt256... keys) {
    return new AddressSet(this, keys);
  }

  private AddressSet(AddressSet base, UInt256[] scope) {
    this.countRoot = base.countRoot;
    this.itemRoot = base.itemRoot;
    this.indexRoot = base.indexRoot;
    this.scope = scope;
  }

  private UInt256 slot(byte[] root, UInt256... keys) {
    UInt256[] all = new UInt256[scope.length + keys.length];
    System.arraycopy(scope, 0, all, 0, scope.length);
    System.arraycopy(keys, 0, all, scope.length, keys.length);
    return Slots.of(root, all);
  }

  public long size(StorageReader s) throws SystemCall.Halt {
    return Slots.asLong(s.load(slot(countRoot)));
  }

  public boolean contains(StorageReader s, Address a) throws SystemCall.Halt {
    return !s.load(slot(indexRoot, Slots.word(a))).isZero();
  }

  /** Adds {@code a}; false when it was already there. */
  public boolean add(Storage s, Address a) throws SystemCall.Halt {
    UInt256 indexSlot = slot(indexRoot, Slots.word(a));
    if (!s.load(indexSlot).isZero()) {
      return false;
    }
    long n = size(s);
    s.store(slot(itemRoot, Slots.word(n)), Slots.word(a));
    s.store(indexSlot, Slots.word(n + 1));
    s.store(slot(countRoot), Slots.word(n + 1));
    return true;
  }

  /** Removes {@code a}; false when it was not there. */
  public boolean remove(Storage s, Address a) throws SystemCall.Halt {
    UInt256 indexSlot = slot(indexRoot, Slots.word(a));
    long position = Slots.asLong(s.load(indexSlot));
    if (position == 0) {
      return false;
    }
    long n = size(s);
    long hole = position - 1;
    if (hole != n - 1) {
      UInt256 last = s.load(slot(itemRoot, Slots.word(n - 1)));
      s.store(slot(itemRoot, Slots.word(hole)), last);
      s.store(slot(indexRoot, last), Slots.word(hole + 1));
    }
    s.store(slot(itemRoot, Slots.word(n - 1)), UInt256.ZERO);
    s.store(indexSlot, UInt256.ZERO);
    s.store(slot(countRoot), Slots.word(n - 1));
    return true;
  }

  /** The members, at most {@code max} of them. */
  public List<Address> list(StorageReader s, int max) throws SystemCall.Halt {
    long n = Math.min(size(s), max);
    List<Address> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(Slots.address(s.load(slot(itemRoot, Slots.word(i)))));
    }
    return out;
  }
}
