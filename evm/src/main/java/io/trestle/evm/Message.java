package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One transaction as the EVM needs it, independent of how it was encoded or signed (the sender is already
 * recovered). {@code to} is null for a contract creation. Legacy (type 0) and EIP-2930 (type 1) transactions
 * carry their gas price in both fee fields; EIP-1559 (type 2) and EIP-4844 (type 3) carry the fee cap and the
 * tip. Fee and value fields are checked to fit in 256 bits by {@link TransactionProcessor#process}, which
 * treats a transaction that breaks that as invalid rather than refusing to build it here. Intrinsic gas is
 * computed by {@link IntrinsicGas#of(Message)}, never supplied by the caller.
 */
public record Message(
    int type,
    Address sender,
    Address to,
    long nonce,
    long gasLimit,
    BigInteger value,
    Bytes data,
    List<AccessListEntry> accessList,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    BigInteger maxFeePerBlobGas,
    List<Hash> blobVersionedHashes) {
  public static final int TYPE_LEGACY = 0;
  public static final int TYPE_ACCESS_LIST = 1;
  public static final int TYPE_DYNAMIC_FEE = 2;
  public static final int TYPE_BLOB = 3;

  public Message {
    if (type < 0 || type > 3) {
      throw new IllegalArgumentException("transaction type must be 0..3, got " + type);
    }
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    Objects.requireNonNull(maxFeePerBlobGas, "maxFeePerBlobGas");
    accessList = List.copyOf(accessList);
    blobVersionedHashes = List.copyOf(blobVersionedHashes);
    if (gasLimit < 0) {
      throw new IllegalArgumentException("gasLimit must be >= 0, got " + gasLimit);
    }
    if (value.signum() < 0 || maxFeePerGas.signum() < 0 || maxPriorityFeePerGas.signum() < 0
        || maxFeePerBlobGas.signum() < 0) {
      throw new IllegalArgumentException("value and fees must be non-negative");
    }
    if (type < TYPE_DYNAMIC_FEE && !maxFeePerGas.equals(maxPriorityFeePerGas)) {
      throw new IllegalArgumentException(
          "type " + type + " carries one gas price: maxFeePerGas must equal maxPriorityFeePerGas");
    }
  }

  /** A legacy (EIP-155 or not) transaction. */
  public static Message legacy(
      Address sender, Address to, long nonce, long gasLimit, BigInteger gasPrice, BigInteger value, Bytes data) {
    return new Message(TYPE_LEGACY, sender, to, nonce, gasLimit, value, data, List.of(), gasPrice, gasPrice,
        BigInteger.ZERO, List.of());
  }

  /** An EIP-2930 transaction. */
  public static Message accessList(Address sender, Address to, long nonce, long gasLimit, BigInteger gasPrice,
      BigInteger value, Bytes data, List<AccessListEntry> accessList) {
    return new Message(TYPE_ACCESS_LIST, sender, to, nonce, gasLimit, value, data, accessList, gasPrice, gasPrice,
        BigInteger.ZERO, List.of());
  }

  /** An EIP-1559 transaction. */
  public static Message dynamicFee(Address sender, Address to, long nonce, long gasLimit, BigInteger maxFeePerGas,
      BigInteger maxPriorityFeePerGas, BigInteger value, Bytes data, List<AccessListEntry> accessList) {
    return new Message(TYPE_DYNAMIC_FEE, sender, to, nonce, gasLimit, value, data, accessList, maxFeePerGas,
        maxPriorityFeePerGas, BigInteger.ZERO, List.of());
  }

  public boolean isCreate() {
    return to == null;
  }

  /** The gas price of a type 0/1 transaction (equal to both fee fields). */
  public BigInteger gasPrice() {
    return maxFeePerGas;
  }
}
