package io.trestle.core.tx;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Everything a transaction's signer commits to. Fee fields are kept as the wire carries them: {@code gasPrice}
 * for types 0 and 1, the two EIP-1559 fields for type 2; the others are null. Violations are programmer errors
 * (decoders check the same ranges first and report bad input as checked exceptions).
 */
record UnsignedFields(
    TransactionType type,
    Long chainId,
    long nonce,
    BigInteger gasPrice,
    BigInteger maxPriorityFeePerGas,
    BigInteger maxFeePerGas,
    long gasLimit,
    Address to,
    BigInteger value,
    Bytes data,
    List<AccessListEntry> accessList) {

  UnsignedFields {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(data, "data");
    accessList = List.copyOf(accessList);
    if (chainId == null && type != TransactionType.LEGACY) {
      throw new IllegalArgumentException(type + " transactions need a chain id");
    }
    if (chainId != null && chainId < 0) {
      throw new IllegalArgumentException("chainId must be non-negative, got " + chainId);
    }
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must be non-negative, got " + nonce);
    }
    if (gasLimit < 0) {
      throw new IllegalArgumentException("gasLimit must be non-negative, got " + gasLimit);
    }
    if (type == TransactionType.DYNAMIC_FEE) {
      requireUInt256(maxPriorityFeePerGas, "maxPriorityFeePerGas");
      requireUInt256(maxFeePerGas, "maxFeePerGas");
      if (gasPrice != null) {
        throw new IllegalArgumentException("a DYNAMIC_FEE transaction has no gasPrice; set maxFeePerGas");
      }
    } else {
      requireUInt256(gasPrice, "gasPrice");
      if (maxPriorityFeePerGas != null || maxFeePerGas != null) {
        throw new IllegalArgumentException(type + " transactions carry gasPrice, not EIP-1559 fee fields");
      }
    }
    requireUInt256(value, "value");
    if (type == TransactionType.LEGACY && !accessList.isEmpty()) {
      throw new IllegalArgumentException("a LEGACY transaction cannot carry an access list");
    }
  }

  static void requireUInt256(BigInteger v, String field) {
    if (v == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException(field + " must be in [0, 2^256), got " + v);
    }
  }

  /** The fee cap: gasPrice for types 0 and 1. */
  BigInteger feeCap() {
    return type == TransactionType.DYNAMIC_FEE ? maxFeePerGas : gasPrice;
  }

  /** The tip cap: gasPrice for types 0 and 1. */
  BigInteger tipCap() {
    return type == TransactionType.DYNAMIC_FEE ? maxPriorityFeePerGas : gasPrice;
  }
}
