package io.trestle.evm.system;

import io.trestle.core.Address;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of system contracts handed to the transaction processor. Addresses must lie in the reserved
 * range {@code 0x…7e570001} to {@code 0x…7e57ffff} (ADR 0162). Immutable once built.
 */
public final class SystemContracts {
  /** The first reserved address, {@code 0x000000000000000000000000000000007e570001}. */
  public static final Address FIRST = Address.ofLong(0x7e57_0001L);
  /** The last reserved address, {@code 0x000000000000000000000000000000007e57ffff}. */
  public static final Address LAST = Address.ofLong(0x7e57_ffffL);
  /**
   * The code a system contract's account holds in the world state (installed at genesis): one INVALID byte.
   * Calls never run it (they are dispatched to Java first); it exists so EXTCODESIZE is non-zero, which
   * Solidity checks before calling, and so EIP-161 never sees the account as empty.
   */
  public static final io.trestle.core.Bytes STUB_CODE = io.trestle.core.Bytes.fromHex("0xfe");
  /** Gas every call pays before the contract runs. */
  public static final long BASE_GAS = 100;
  /** Gas per 32-byte word of input and of output. */
  public static final long WORD_GAS = 3;

  private static final SystemContracts NONE = new SystemContracts(Map.of());

  private final Map<Address, SystemContract> contracts;

  private SystemContracts(Map<Address, SystemContract> contracts) {
    this.contracts = contracts;
  }

  public static SystemContracts none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True when {@code address} is in the reserved range, registered or not. */
  public static boolean isReserved(Address address) {
    return address.compareTo(FIRST) >= 0 && address.compareTo(LAST) <= 0;
  }

  /** The contract at {@code address}, or null. */
  public SystemContract get(Address address) {
    return contracts.isEmpty() ? null : contracts.get(address);
  }

  /** Registered addresses in ascending order. */
  public List<Address> addresses() {
    return List.copyOf(new TreeMap<>(contracts).keySet());
  }

  public static final class Builder {
    private final Map<Address, SystemContract> contracts = new HashMap<>();

    public Builder register(Address address, SystemContract contract) {
      if (!isReserved(address)) {
        throw new IllegalArgumentException("system contract address " + address + " is outside the reserved range");
      }
      if (contracts.putIfAbsent(address, contract) != null) {
        throw new IllegalArgumentException("system contract address " + address + " is registered twice");
      }
      return this;
    }

    public SystemContracts build() {
      return new SystemContracts(Collections.unmodifiableMap(new HashMap<>(contracts)));
    }
  }
}
