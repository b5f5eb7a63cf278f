package io.trestle.evm.system;

import io.trestle.core.Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of system contracts handed to the transaction processor. Addresses must lie in the reserved
 * range {@code 0x…7e570001} to {@code 0x…7e57ffff} (ADR 0162). Besides single addresses, one contract may answer
 * a whole sub-range (ADR 0290: one NFT collection per address, created at run time). Immutable once built.
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

  /** The most sub-ranges one registry holds: lookups scan them, so they must stay few. */
  public static final int RANGES_MAX = 16;

  private static final SystemContracts NONE = new SystemContracts(Map.of(), List.of());

  /** Addresses {@code first..last} (inclusive) all dispatched to {@code contract}. */
  private record Range(Address first, Address last, SystemContract contract) {
    boolean contains(Address a) {
      return a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
    }
  }

  private final Map<Address, SystemContract> contracts;
  private final List<Range> ranges;

  private SystemContracts(Map<Address, SystemContract> contracts, List<Range> ranges) {
    this.contracts = contracts;
    this.ranges = ranges;
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

  /** The contract at {@code address} (registered alone or inside a sub-range), or null. */
  public SystemContract get(Address address) {
    if (contracts.isEmpty() && ranges.isEmpty()) {
      return null;
    }
    SystemContract c = contracts.get(address);
    if (c != null || ranges.isEmpty() || !isReserved(address)) {
      return c;
    }
    for (Range r : ranges) {
      if (r.contains(address)) {
        return r.contract();
      }
    }
    return null;
  }

  /**
   * True when one and the same contract object answers at both addresses: such addresses form one contract
   * family that may write each other's storage through {@link SystemCall#store(Address, io.trestle.evm.UInt256,
   * io.trestle.evm.UInt256)}.
   */
  public boolean sameContract(Address a, Address b) {
    SystemContract c = get(a);
    return c != null && c == get(b);
  }

  /**
   * Singly registered addresses in ascending order (sub-ranges are not listed: they are not warm at the start
   * of a transaction, unlike single system contracts and precompiles).
   */
  public List<Address> addresses() {
    return List.copyOf(new TreeMap<>(contracts).keySet());
  }

  public static final class Builder {
    private final Map<Address, SystemContract> contracts = new HashMap<>();
    private final List<Range> ranges = new ArrayList<>();

    public Builder register(Address address, SystemContract contract) {
      if (!isReserved(address)) {
        throw new IllegalArgumentException("system contract address " + address + " is outside the reserved range");
      }
      if (inRange(address) || contracts.putIfAbsent(address, contract) != null) {
        throw new IllegalArgumentException("system contract address " + address + " is registered twice");
      }
      return this;
    }

    /**
     * Dispatches every address from {@code first} to {@code last} (inclusive) to {@code contract}. The contract
     * sees the called address as {@link SystemCall#self()}, so each address keeps its own storage and logs.
     */
    public Builder registerRange(Address first, Address last, SystemContract contract) {
      if (!isReserved(first) || !isReserved(last) || first.compareTo(last) > 0) {
        throw new IllegalArgumentException("system contract range " + first + ".." + last
            + " is empty or outside the reserved range");
      }
      Range range = new Range(first, last, contract);
      for (Range r : ranges) {
        if (r.contains(first) || r.contains(last) || range.contains(r.first())) {
          throw new IllegalArgumentException("system contract range " + first + ".." + last + " overlaps "
              + r.first() + ".." + r.last());
        }
      }
      for (Address a : contracts.keySet()) {
        if (range.contains(a)) {
          throw new IllegalArgumentException("system contract range " + first + ".." + last + " covers " + a);
        }
      }
      if (ranges.size() >= RANGES_MAX) {
        throw new IllegalArgumentException("more than " + RANGES_MAX + " system contract ranges");
      }
      ranges.add(range);
      return this;
    }

    private boolean inRange(Address a) {
      for (Range r : ranges) {
        if (r.contains(a)) {
          return true;
        }
      }
      return false;
    }

    public SystemContracts build() {
      return new SystemContracts(Collections.unmodifiableMap(new HashMap<>(contracts)), List.copyOf(ranges));
    }
  }
}
