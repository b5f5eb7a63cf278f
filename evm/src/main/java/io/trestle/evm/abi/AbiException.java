package io.trestle.evm.abi;

/** Input that is not valid ABI: a malformed type, a value that does not fit its type, or undecodable data. */
public final class AbiException extends Exception {
  private static final long serialVersionUID = 1L;

  public AbiException(String message) {
    super(message);
  }
}
