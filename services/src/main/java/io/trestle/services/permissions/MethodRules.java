package io.trestle.services.permissions;

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
 * Method-level access rules: a (contract, function selector) pair may be restricted to an allow-list of callers
 * ({@code msg.sender} of a CALL or STATICCALL). Clearing a rule bumps its generation instead of deleting the list,
 * so the next rule for the same method starts empty at constant cost.
 */
public final class MethodRules {
  /** Most callers one rule may allow. */
  public static final int CALLERS_MAX = 1_000;
  private static final byte[] ACTIVE = Slots.root("perm.rule.active");
  private static final byte[] GENERATION = Slots.root("perm.rule.generation");
  /** How many rules are active: the call guard skips every lookup while it is zero. */
  public static final UInt256 ACTIVE_COUNT = Slots.of(Slots.root("perm.rule.count"));
  private static final AddressSet ALLOWED = AddressSet.named("perm.rule.allowed");

  private MethodRules() {}

  private static UInt256[] key(Address target, Bytes selector) {
    return new UInt256[] {Slots.word(target), Slots.leftAligned(selector)};
  }

  private static AddressSet allowed(StorageReader s, Address target, Bytes selector) throws SystemCall.Halt {
    UInt256[] k = key(target, selector);
    return ALLOWED.scoped(k[0], k[1], s.load(Slots.of(GENERATION, k)));
  }

  public static boolean isRestricted(StorageReader s, Address target, Bytes selector) throws SystemCall.Halt {
    return !s.load(Slots.of(ACTIVE, key(target, selector))).isZero();
  }

  public static long activeCount(StorageReader s) throws SystemCall.Halt {
    return Slots.asLong(s.load(ACTIVE_COUNT));
  }

  /** Whether {@code caller} may call {@code selector} on {@code target}: always, unless a rule restricts it. */
  public static boolean mayCall(StorageReader s, Address caller, Address target, Bytes selector) throws SystemCall.Halt {
    return !isRestricted(s, target, selector) || allowed(s, target, selector).contains(s, caller);
  }

  public static boolean isAllowed(StorageReader s, Address caller, Address target, Bytes selector)
      throws SystemCall.Halt {
    return isRestricted(s, target, selector) && allowed(s, target, selector).contains(s, caller);
  }

  public static long allowedCount(StorageReader s, Address target, Bytes selector) throws SystemCall.Halt {
    return allowed(s, target, selector).size(s);
  }

  /** Adds {@code caller} to the rule's allow-list, making the rule active if it was not. */
  public static void allow(Storage s, Address target, Bytes selector, Address caller) throws SystemCall.Halt {
    activate(s, target, selector);
    allowed(s, target, selector).add(s, caller);
  }

  /** Removes {@code caller}; the rule stays active, so an empty list lets nobody call the method. */
  public static void disallow(Storage s, Address target, Bytes selector, Address caller) throws SystemCall.Halt {
    activate(s, target, selector);
    allowed(s, target, selector).remove(s, caller);
  }

  /** Removes the rule: everyone may call the method again. */
  public static void clear(Storage s, Address target, Bytes selector) throws SystemCall.Halt {
    UInt256[] k = key(target, selector);
    UInt256 active = Slots.of(ACTIVE, k);
    if (s.load(active).isZero()) {
      return;
    }
    s.store(active, UInt256.ZERO);
    UInt256 gen = Slots.of(GENERATION, k);
    s.store(gen, Slots.word(Slots.asLong(s.load(gen)) + 1));
    s.store(ACTIVE_COUNT, Slots.word(activeCount(s) - 1));
  }

  public static List<Address> allowedCallers(StorageReader s, Address target, Bytes selector, int max)
      throws SystemCall.Halt {
    return isRestricted(s, target, selector) ? allowed(s, target, selector).list(s, max) : List.of();
  }

  private static void activate(Storage s, Address target, Bytes selector) throws SystemCall.Halt {
    UInt256 active = Slots.of(ACTIVE, key(target, selector));
    if (s.load(active).isZero()) {
      s.store(active, UInt256.ONE);
      s.store(ACTIVE_COUNT, Slots.word(activeCount(s) + 1));
    }
  }
}
