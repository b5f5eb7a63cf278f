package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.MapStorage;
import io.trestle.services.permissions.Permissions;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.Roles;
import java.util.List;
import java.util.Map;

/** The governance contract's storage at genesis, written by the chain into the genesis state. */
public final class GovernanceGenesis {
  private GovernanceGenesis() {}

  /**
   * @param validators the genesis validators, in leader order
   * @param nodes nodes admitted besides the validators
   * @param roles initial role holders by role name (not {@code committee}: that follows {@code config})
   * @throws IllegalArgumentException naming the problem when the configuration cannot be used
   */
  public static Map<UInt256, UInt256> storage(GovernanceConfig config, List<ValidatorInfo> validators,
      List<Address> nodes, Map<String, List<Address>> roles) {
    String problem = config.problem();
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (validators.size() > ValidatorRegistry.VALIDATORS_MAX) {
      throw new IllegalArgumentException("at most " + ValidatorRegistry.VALIDATORS_MAX + " validators, got "
          + validators.size());
    }
    MapStorage s = new MapStorage();
    try {
      for (Committee.Member m : config.committee()) {
        Committee.setMember(s, m.address(), m.weight());
      }
      Committee.setThreshold(s, config.thresholdNumerator(), config.thresholdDenominator());
      Permissions.setMode(s, config.permissionMode());
      ValidatorRegistry.initialise(s, validators, config.validatorChangeOffset());
      for (Address n : nodes) {
        if (!NodeRegistry.admit(s, n)) {
          throw new IllegalArgumentException("node " + n.toChecksumHex() + " is listed twice");
        }
      }
      for (Map.Entry<String, List<Address>> e : roles.entrySet()) {
        if (!Role.isValidName(e.getKey()) || e.getKey().equals(Role.COMMITTEE)) {
          throw new IllegalArgumentException("roles." + e.getKey() + ": not a role name (lowercase letters, digits "
              + "and '-', at most 32; committee comes from governance.committee)");
        }
        for (Address a : e.getValue()) {
          if (!Roles.grant(s, Role.id(e.getKey()), a)) {
            throw new IllegalArgumentException("roles." + e.getKey() + " lists " + a.toChecksumHex() + " twice");
          }
        }
      }
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException("map storage never runs out of gas", impossible);
    }
    return s.slots();
  }
}
