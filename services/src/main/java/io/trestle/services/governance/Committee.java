package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.AddressSet;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.Roles;
import java.util.ArrayList;
import java.util.List;

/**
 * The committee: members with weights and the fraction of the total weight a proposal needs. Membership and
 * the {@code committee} role are kept equal here, so permission checks need only the roles.
 */
public final class Committee {
  public static final int MEMBERS_MAX = 100;
  public static final long WEIGHT_MAX = 1_000_000;
  public static final long DENOMINATOR_MAX = 1_000_000;

  /** A member and its voting weight. */
  public record Member(Address address, long weight) {}

  private static final AddressSet MEMBERS = AddressSet.named("gov.members");
  private static final byte[] WEIGHT = Slots.root("gov.weight");
  static final UInt256 NUMERATOR = Slots.of(Slots.root("gov.threshold.numerator"));
  static final UInt256 DENOMINATOR = Slots.of(Slots.root("gov.threshold.denominator"));

  private Committee() {}

  public static long weight(StorageReader s, Address account) throws SystemCall.Halt {
    return Slots.asLong(s.load(Slots.of(WEIGHT, Slots.word(account))));
  }

  public static boolean isMember(StorageReader s, Address account) throws SystemCall.Halt {
    return weight(s, account) > 0;
  }

  public static List<Member> members(StorageReader s) throws SystemCall.Halt {
    List<Member> out = new ArrayList<>();
    for (Address a : MEMBERS.list(s, MEMBERS_MAX)) {
      out.add(new Member(a, weight(s, a)));
    }
    return out;
  }

  public static long size(StorageReader s) throws SystemCall.Halt {
    return MEMBERS.size(s);
  }

  /** Sets a member's weight; 0 removes the member. Keeps the committee role in step. */
  public static void setMember(Storage s, Address account, long weight) throws SystemCall.Halt {
    s.store(Slots.of(WEIGHT, Slots.word(account)), Slots.word(weight));
    if (weight > 0) {
      MEMBERS.add(s, account);
      Roles.grant(s, Role.id(Role.COMMITTEE), account);
    } else {
      MEMBERS.remove(s, account);
      Roles.revoke(s, Role.id(Role.COMMITTEE), account);
    }
  }

  public static long numerator(StorageReader s) throws SystemCall.Halt {
    return Slots.asLong(s.load(NUMERATOR));
  }

  public static long denominator(StorageReader s) throws SystemCall.Halt {
    return Slots.asLong(s.load(DENOMINATOR));
  }

  public static void setThreshold(Storage s, long numerator, long denominator) throws SystemCall.Halt {
    s.store(NUMERATOR, Slots.word(numerator));
    s.store(DENOMINATOR, Slots.word(denominator));
  }

  /** Null when {@code numerator/denominator} is a usable threshold, else why not. */
  public static String checkThreshold(long numerator, long denominator) {
    if (denominator < 1 || denominator > DENOMINATOR_MAX) {
      return "threshold denominator must be 1.." + DENOMINATOR_MAX + ", got " + denominator;
    }
    if (numerator > denominator || numerator * 2 <= denominator) {
      return "threshold must be more than half and at most all of the weight, got " + numerator + "/" + denominator;
    }
    return null;
  }

  /** Whether {@code yes} of {@code total} weight meets the threshold. */
  static boolean meets(long yes, long total, long numerator, long denominator) {
    return total > 0 && yes * denominator >= total * numerator;
  }
}
