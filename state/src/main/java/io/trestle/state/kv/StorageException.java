package io.trestle.state.kv;

/**
 * The storage medium failed (I/O error, corruption, full disk). Unchecked: no caller can repair it, and a node
 * that keeps running after a failed write could vote or answer from state it does not have.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
