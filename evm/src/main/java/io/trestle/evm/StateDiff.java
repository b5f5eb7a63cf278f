package io.trestle.evm;

import io.trestle.core.Address;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The final values of every account one transaction touched, ordered by address. Applying it to the world the
 * transaction ran against yields the world after the transaction. An account with {@code deleted} set must be
 * removed (self-destructed, or empty after being touched, EIP-161).
 */
public record StateDiff(List<AccountDiff> accounts) {
  public static final StateDiff EMPTY = new StateDiff(List.of());

  public StateDiff {
    accounts = List.copyOf(accounts);
  }

  /** The diff of {@code address}, or null when the transaction left it untouched. */
  public AccountDiff get(Address address) {
    for (AccountDiff diff : accounts) {
      if (diff.address().equals(address)) {
        return diff;
      }
    }
    return null;
  }

  public Map<Address, AccountDiff> asMap() {
    return accounts.stream().collect(Collectors.toMap(AccountDiff::address, Function.identity()));
  }

  /**
   * One account's final state. {@code code} is non-null only when this transaction deployed it. When
   * {@code storageCleared} is set, every slot not listed in {@code storage} is zero (the account was created
   * at this address in this transaction). {@code storage} maps slots to final values; zero means delete.
   */
  public record AccountDiff(
      Address address,
      boolean deleted,
      long nonce,
      java.math.BigInteger balance,
      io.trestle.core.Hash codeHash,
      io.trestle.core.Bytes code,
      boolean storageCleared,
      Map<UInt256, UInt256> storage) {
    public AccountDiff {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(balance, "balance");
      Objects.requireNonNull(codeHash, "codeHash");
      storage = Map.copyOf(storage);
    }
  }
}
