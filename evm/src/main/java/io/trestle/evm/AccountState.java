package io.trestle.evm;

import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An account as the world holds it before a transaction. {@code nonce} is unsigned (EIP-2681 caps it at
 * 2^64 - 1, which a long holds as -1). {@code hasStorage} says whether any storage slot is non-zero; the CREATE
 * collision rule (EIP-7610) needs it.
 */
public record AccountState(long nonce, BigInteger balance, Hash codeHash, boolean hasStorage) {
  public AccountState {
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(codeHash, "codeHash");
    if (balance.signum() < 0 || balance.bitLength() > 256) {
      throw new IllegalArgumentException("balance out of range: " + balance);
    }
  }

  /** An account with only a balance. */
  public static AccountState ofBalance(BigInteger balance) {
    return new AccountState(0, balance, Hash.EMPTY_KECCAK, false);
  }

  public boolean hasCode() {
    return !codeHash.equals(Hash.EMPTY_KECCAK);
  }

  /** EIP-161 emptiness: no code, zero nonce, zero balance. */
  public boolean isEmpty() {
    return nonce == 0 && balance.signum() == 0 && !hasCode();
  }
}
