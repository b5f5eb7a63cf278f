package io.trestle.core.tx;

/**
 * The transaction envelopes this chain accepts (EIP-2718 type numbers). Blob (3) and set-code (4) transactions
 * are refused at decoding: the chain carries no blobs and has no EIP-7702 delegations.
 */
public enum TransactionType {
  /** Untyped RLP list, with or without the EIP-155 chain id folded into v. */
  LEGACY(0),
  /** EIP-2930: chain id and access list, one gas price. */
  ACCESS_LIST(1),
  /** EIP-1559: priority fee and fee cap over the block's base fee. */
  DYNAMIC_FEE(2);

  private final int code;

  TransactionType(int code) {
    this.code = code;
  }

  /** The EIP-2718 type byte; 0 for legacy, which has no envelope. */
  public int code() {
    return code;
  }

  /** The type for an EIP-2718 type byte, or {@code null} when this chain does not know that envelope. */
  public static TransactionType ofCode(int code) {
    return switch (code) {
      case 0 -> LEGACY;
      case 1 -> ACCESS_LIST;
      case 2 -> DYNAMIC_FEE;
      default -> null;
    };
  }
}
