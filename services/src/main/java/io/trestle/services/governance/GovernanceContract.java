package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.CallGuard;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemContracts;
import io.trestle.evm.system.SystemResult;
import io.trestle.services.governance.store.ContractFunction;
import io.trestle.services.governance.store.EventDef;
import io.trestle.services.governance.store.GovernanceAccount;
import io.trestle.services.permissions.RolesFunctions;
import io.trestle.services.supervision.SupervisionFunctions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The governance system contract at {@link #ADDRESS}: the {@code ICommittee}, {@code IRoles} and
 * {@code ISupervision} ABIs over one storage (ADR 0270). Refuses ether; every failure is a revert with a reason.
 */
public final class GovernanceContract implements SystemContract {
  public static final Address ADDRESS = GovernanceAccount.ADDRESS;

  private final Map<Integer, ContractFunction> bySelector;
  private final List<AbiFunction> abi;

  public GovernanceContract(CryptoSuite suite) {
    List<ContractFunction> all = new ArrayList<>(new CommitteeFunctions(suite).functions());
    all.addAll(RolesFunctions.functions());
    all.addAll(SupervisionFunctions.functions());
    Map<Integer, ContractFunction> map = new HashMap<>();
    List<AbiFunction> fns = new ArrayList<>();
    for (ContractFunction f : all) {
      if (map.put(f.abi().selectorInt(), f) != null) {
        throw new IllegalStateException("selector clash on " + f.abi().signature());
      }
      fns.add(f.abi());
    }
    this.bySelector = Collections.unmodifiableMap(map);
    this.abi = List.copyOf(fns);
  }

  /** Registers governance and returns the call guard that enforces its freezes and permissions. */
  public static CallGuard register(SystemContracts.Builder builder, CryptoSuite suite) {
    builder.register(ADDRESS, new GovernanceContract(suite));
    return new GovernanceGuard();
  }

  /** Every event of the three ABIs: what the audit stream decodes. */
  public static List<EventDef> events() {
    List<EventDef> all = new ArrayList<>(CommitteeFunctions.EVENTS);
    all.addAll(RolesFunctions.EVENTS);
    all.addAll(SupervisionFunctions.EVENTS);
    return List.copyOf(all);
  }

  /** Every function of the three ABIs. */
  public List<AbiFunction> functions() {
    return abi;
  }

  @Override
  public SystemResult call(SystemCall call) throws SystemCall.Halt {
    byte[] input = call.input().unsafeArray();
    if (input.length < 4) {
      return SystemResult.revert("Governance: no function selector");
    }
    if (!call.value().isZero()) {
      return SystemResult.revert("Governance: does not accept ether");
    }
    int selector = ((input[0] & 0xff) << 24) | ((input[1] & 0xff) << 16) | ((input[2] & 0xff) << 8) | (input[3] & 0xff);
    ContractFunction f = bySelector.get(selector);
    if (f == null) {
      return SystemResult.revert("Governance: unknown function selector " + Bytes.wrap(java.util.Arrays.copyOf(input, 4)).toHex());
    }
    List<Object> args;
    try {
      args = f.abi().decodeCall(call.input());
    } catch (AbiException e) {
      return SystemResult.revert("Governance: malformed arguments for " + f.abi().signature() + ": " + e.getMessage());
    }
    try {
      return f.handler().handle(call, args);
    } catch (AbiException e) {
      return SystemResult.revert("Governance: " + f.abi().signature() + ": " + e.getMessage());
    }
  }
}
