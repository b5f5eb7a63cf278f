package io.trestle.core.tx;

/**
 * A well-formed transaction that breaks a rule needing no state: its signature, its gas or its fees.
 * Malformed bytes are an {@link io.trestle.core.rlp.RlpException} from {@link Transaction#decode} instead.
 */
public final class InvalidTransactionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the transaction is invalid, for callers that answer differently per cause (RPC codes, peer scoring). */
  public enum Reason {
    /** r or s out of range, s above n/2 (EIP-2), or no public key recovers or verifies. */
    INVALID_SIGNATURE,
    /** The gas limit does not cover the intrinsic gas. */
    INTRINSIC_GAS_TOO_LOW,
    /** A creation whose init code exceeds 49,152 bytes (EIP-3860). */
    INITCODE_TOO_LARGE,
    /** maxPriorityFeePerGas above maxFeePerGas (EIP-1559). */
    PRIORITY_FEE_ABOVE_MAX_FEE,
    /** gasLimit × fee cap does not fit 256 bits. */
    GAS_COST_OVERFLOW
  }

  private final Reason reason;

  public InvalidTransactionException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
