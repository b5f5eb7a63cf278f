package io.trestle.txpool;

/** A transaction the pool refuses, with a reason code for metrics and a message the sender can act on. */
public final class TxPoolException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a transaction was refused. */
  public enum Reason {
    ALREADY_KNOWN,
    INVALID_SIGNATURE,
    INVALID_TRANSACTION,
    WRONG_CHAIN_ID,
    UNPROTECTED,
    NONCE_TOO_LOW,
    NONCE_TOO_HIGH,
    INSUFFICIENT_FUNDS,
    UNDERPRICED,
    REPLACEMENT_UNDERPRICED,
    GAS_LIMIT_EXCEEDED,
    OVERSIZED,
    SENDER_LIMIT,
    POOL_FULL,
    NOT_PERMITTED,
    /** The sender is frozen by the regulator. */
    FROZEN
  }

  private final Reason reason;

  public TxPoolException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
