package io.trestle.node.identity;

/** An evidence receipt that does not follow the documented format; the message names the field. */
public final class ReceiptFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReceiptFormatException(String message) {
    super(message);
  }
}
