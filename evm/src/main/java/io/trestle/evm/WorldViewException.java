package io.trestle.evm;

/**
 * Thrown by {@link TransactionProcessor#process} only when the {@link WorldView} itself failed (for example a
 * storage read error). It is the node's problem, not the transaction's: the caller must not treat the
 * transaction as invalid but stop and retry, or every node that read correctly would disagree with this one.
 */
public final class WorldViewException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WorldViewException(String message, Throwable cause) {
    super(message, cause);
  }
}
