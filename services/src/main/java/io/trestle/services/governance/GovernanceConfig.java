package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.services.permissions.PermissionMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The governance section of a genesis: the committee (members and weights), the fraction of weight a proposal
 * needs, who may use the chain, and how many blocks after its execution a validator change takes effect.
 */
public record GovernanceConfig(
    List<Committee.Member> committee,
    long thresholdNumerator,
    long thresholdDenominator,
    PermissionMode permissionMode,
    int validatorChangeOffset) {

  public static final long DEFAULT_NUMERATOR = 2;
  public static final long DEFAULT_DENOMINATOR = 3;
  public static final int DEFAULT_OFFSET = 2;

  public GovernanceConfig {
    committee = List.copyOf(committee);
  }

  /** Without a governance section: the validators' addresses form the committee with equal weight. */
  public static GovernanceConfig defaults(List<Address> validators) {
    List<Committee.Member> members = new ArrayList<>();
    for (Address v : validators) {
      members.add(new Committee.Member(v, 1));
    }
    return new GovernanceConfig(members, DEFAULT_NUMERATOR, DEFAULT_DENOMINATOR, PermissionMode.OPEN, DEFAULT_OFFSET);
  }

  /** Null when usable, else what is wrong, naming the field. */
  public String problem() {
    if (committee.isEmpty()) {
      return "governance.committee must name at least one member";
    }
    if (committee.size() > Committee.MEMBERS_MAX) {
      return "governance.committee has " + committee.size() + " members; the maximum is " + Committee.MEMBERS_MAX;
    }
    Set<Address> seen = new HashSet<>();
    for (Committee.Member m : committee) {
      if (!seen.add(m.address())) {
        return "governance.committee lists " + m.address().toChecksumHex() + " twice";
      }
      if (m.address().equals(Address.ZERO)) {
        return "governance.committee must not include the zero address";
      }
      if (m.weight() < 1 || m.weight() > Committee.WEIGHT_MAX) {
        return "governance.committee weight of " + m.address().toChecksumHex() + " must be 1.." + Committee.WEIGHT_MAX
            + ", got " + m.weight();
      }
    }
    String threshold = Committee.checkThreshold(thresholdNumerator, thresholdDenominator);
    if (threshold != null) {
      return "governance.threshold: " + threshold;
    }
    if (validatorChangeOffset < ValidatorRegistry.OFFSET_MIN || validatorChangeOffset > ValidatorRegistry.OFFSET_MAX) {
      return "governance.validatorChangeOffset must be " + ValidatorRegistry.OFFSET_MIN + ".." + ValidatorRegistry.OFFSET_MAX
          + " (the consensus engine must know each height's validators two heights ahead), got " + validatorChangeOffset;
    }
    return null;
  }
}
