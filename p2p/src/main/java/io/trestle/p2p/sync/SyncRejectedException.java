package io.trestle.p2p.sync;

/**
 * A batch the node would not apply: a block or certificate that does not verify. {@code acceptedCount} says
 * how many blocks from the start of the batch were applied before the bad one.
 */
public final class SyncRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int acceptedCount;

  public SyncRejectedException(int acceptedCount, String reason) {
    super(reason);
    if (acceptedCount < 0) {
      throw new IllegalArgumentException("acceptedCount must be non-negative, got " + acceptedCount);
    }
    this.acceptedCount = acceptedCount;
  }

  public int acceptedCount() {
    return acceptedCount;
  }
}
