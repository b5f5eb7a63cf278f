package io.trestle.node.identity;

/** A receipt that cannot be built from this chain, and why (unknown transaction, no evidence in it, failed). */
public final class ReceiptUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReceiptUnavailableException(String message) {
    super(message);
  }
}
