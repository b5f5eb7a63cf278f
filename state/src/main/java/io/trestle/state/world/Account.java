package io.trestle.state.world;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An account as the state trie holds it; encodes as Ethereum's {@code rlp([nonce, balance, storageRoot, codeHash])}.
 *
 * @param nonce transactions sent (or contracts created), never negative
 * @param balance in wei, within [0, 2^256)
 * @param storageRoot root of the account's storage trie ({@link Hash#EMPTY_TRIE_ROOT} for none)
 * @param codeHash keccak-256 of the code ({@link Hash#EMPTY_KECCAK} for none)
 */
public record Account(long nonce, BigInteger balance, Hash storageRoot, Hash codeHash) {
  public static final BigInteger BALANCE_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  /** No nonce, no balance, no storage, no code. */
  public static final Account EMPTY = new Account(0, BigInteger.ZERO, Hash.EMPTY_TRIE_ROOT, Hash.EMPTY_KECCAK);

  public Account {
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(storageRoot, "storageRoot");
    Objects.requireNonNull(codeHash, "codeHash");
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must not be negative, got " + nonce);
    }
    if (balance.signum() < 0 || balance.compareTo(BALANCE_MAX) > 0) {
      throw new IllegalArgumentException("balance must be in [0, 2^256), got " + balance);
    }
  }

  /** An account without code or storage. */
  public static Account of(long nonce, BigInteger balance) {
    return new Account(nonce, balance, Hash.EMPTY_TRIE_ROOT, Hash.EMPTY_KECCAK);
  }

  public Account withNonce(long newNonce) {
    return new Account(newNonce, balance, storageRoot, codeHash);
  }

  public Account withBalance(BigInteger newBalance) {
    return new Account(nonce, newBalance, storageRoot, codeHash);
  }

  public Account withCodeHash(Hash newCodeHash) {
    return new Account(nonce, balance, storageRoot, newCodeHash);
  }

  public Account withStorageRoot(Hash newStorageRoot) {
    return new Account(nonce, balance, newStorageRoot, codeHash);
  }

  public boolean hasCode() {
    return !codeHash.equals(Hash.EMPTY_KECCAK);
  }

  /** EIP-161 emptiness: no nonce, no balance, no code (storage does not count). */
  public boolean isEmpty() {
    return nonce == 0 && balance.signum() == 0 && !hasCode();
  }

  public byte[] encode() {
    return Rlp.encodeList(
        Rlp.encodeLong(nonce),
        Rlp.encodeBigInteger(balance),
        Rlp.encodeBytes(storageRoot.unsafeArray()),
        Rlp.encodeBytes(codeHash.unsafeArray()));
  }

  /** Decodes the strict canonical encoding; anything else is an {@link RlpException} naming the field. */
  public static Account decode(byte[] encoded) throws RlpException {
    List<RlpItem> fields = Rlp.decode(encoded).items(4, "account");
    return new Account(
        fields.get(0).asLong(), fields.get(1).asUInt256(), fields.get(2).asHash(), fields.get(3).asHash());
  }
}
