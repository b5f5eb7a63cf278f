package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.StorageReader;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Permissions;
import io.trestle.services.supervision.Freezes;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small, whole-chain part of governance state as of one block, read once per change and shared by the chain
 * (validator hashes, gas limit), consensus (validator sets), p2p (admission) and the pool. Per-account facts
 * (frozen, roles) are looked up on demand instead.
 */
public record GovernanceSnapshot(
    List<ValidatorEpoch> epochs,
    long validatorChangeOffset,
    Set<Address> nodes,
    PermissionMode permissionMode,
    Map<ChainParameter, BigInteger> parameters,
    long frozenAccounts,
    long frozenContracts) {

  public GovernanceSnapshot {
    epochs = List.copyOf(epochs);
    nodes = Collections.unmodifiableSet(new LinkedHashSet<>(nodes));
    parameters = Collections.unmodifiableMap(new EnumMap<>(parameters.isEmpty()
        ? new EnumMap<>(ChainParameter.class) : parameters));
  }

  public static GovernanceSnapshot read(StorageReader s) {
    try {
      Map<ChainParameter, BigInteger> params = new EnumMap<>(ChainParameter.class);
      for (ChainParameter p : ChainParameter.values()) {
        p.read(s).ifPresent(v -> params.put(p, v));
      }
      return new GovernanceSnapshot(ValidatorRegistry.epochs(s), ValidatorRegistry.offset(s),
          new LinkedHashSet<>(NodeRegistry.list(s)), Permissions.mode(s), params,
          Freezes.count(s, Freezes.Kind.ACCOUNT), Freezes.count(s, Freezes.Kind.CONTRACT));
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException("reading committed state never runs out of gas", impossible);
    }
  }

  /** The validators in force at {@code height} (the first epoch's for heights before it). */
  public List<ValidatorInfo> validatorsAt(long height) {
    for (int i = epochs.size() - 1; i >= 0; i--) {
      if (epochs.get(i).fromHeight() <= height) {
        return epochs.get(i).validators();
      }
    }
    return epochs.isEmpty() ? List.of() : epochs.get(0).validators();
  }

  /** Everyone who validates at {@code height} or is scheduled to later. */
  public Set<Address> validatorsFrom(long height) {
    Set<Address> out = new LinkedHashSet<>();
    validatorsAt(height).forEach(v -> out.add(v.address()));
    for (ValidatorEpoch e : epochs) {
      if (e.fromHeight() > height) {
        e.validators().forEach(v -> out.add(v.address()));
      }
    }
    return out;
  }

  public Optional<BigInteger> parameter(ChainParameter p) {
    return Optional.ofNullable(parameters.get(p));
  }
}
