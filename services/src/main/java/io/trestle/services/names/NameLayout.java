package io.trestle.services.names;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall.Halt;
import io.trestle.services.did.ContractStorage;
import io.trestle.services.did.Did;
import io.trestle.services.did.Slots;
import java.nio.charset.StandardCharsets;

/** Where the name registry keeps names and reverse records, with typed reads for the contract and resolvers. */
public final class NameLayout {
  static final int TAG_RECORD = 0x21;
  static final int TAG_REVERSE = 0x22;

  private NameLayout() {}

  /** A name's record; {@code owner} is the zero address when the name was never registered. */
  public record Entry(String name, Address owner, long expiresSeconds, Address address, String did) {
    public boolean registered() {
      return !owner.equals(Address.ZERO);
    }

    public boolean activeAt(long nowSeconds) {
      return registered() && nowSeconds < expiresSeconds;
    }
  }

  static UInt256 slot(Hash node, int field) {
    return Slots.of(TAG_RECORD, node.unsafeArray(), new byte[] {(byte) field});
  }

  static UInt256 reverseSlot(Address address) {
    return Slots.of(TAG_REVERSE, address.unsafeArray());
  }

  public static Entry read(ContractStorage s, String name) throws Halt {
    Hash node = Names.node(name);
    byte[] w = s.load(slot(node, 0)).toArray();
    byte[] owner = new byte[Address.LENGTH];
    System.arraycopy(w, 0, owner, 0, Address.LENGTH);
    long expires = Slots.getLong(w, 20);
    byte[] a = s.load(slot(node, 1)).toArray();
    byte[] addr = new byte[Address.LENGTH];
    System.arraycopy(a, 12, addr, 0, Address.LENGTH);
    String did = new String(Slots.loadBytes(s, slot(node, 2), Did.TEXT_CHARS_MAX), StandardCharsets.US_ASCII);
    return new Entry(name, Address.wrap(owner), expires, Address.wrap(addr), did);
  }

  static void saveOwner(ContractStorage s, Hash node, Address owner, long expires) throws Halt {
    byte[] w = new byte[32];
    System.arraycopy(owner.unsafeArray(), 0, w, 0, Address.LENGTH);
    Slots.putLong(w, 20, expires);
    s.store(slot(node, 0), UInt256.fromBytes(w));
  }

  static void saveAddress(ContractStorage s, Hash node, Address address) throws Halt {
    s.store(slot(node, 1), UInt256.fromBytes(address.unsafeArray()));
  }

  static void saveDid(ContractStorage s, Hash node, String did) throws Halt {
    Slots.storeBytes(s, slot(node, 2), did.getBytes(StandardCharsets.US_ASCII));
  }

  /** The name {@code address} claims as its reverse record, empty when none (not yet checked against the name). */
  public static String reverseClaim(ContractStorage s, Address address) throws Halt {
    return new String(Slots.loadBytes(s, reverseSlot(address), Names.NAME_CHARS_MAX), StandardCharsets.US_ASCII);
  }

  static void saveReverse(ContractStorage s, Address address, String name) throws Halt {
    Slots.storeBytes(s, reverseSlot(address), name.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The verified reverse name of {@code address} at {@code nowSeconds}: its claimed name when that name is active
   * and still resolves to the address, else empty.
   */
  public static String reverse(ContractStorage s, Address address, long nowSeconds) throws Halt {
    String claim = reverseClaim(s, address);
    if (claim.isEmpty() || Names.problem(claim) != null) {
      return "";
    }
    Entry e = read(s, claim);
    return e.activeAt(nowSeconds) && e.address().equals(address) ? claim : "";
  }
}
