package io.trestle.state.world;

import io.trestle.core.Hash;

/** A state was asked for at a root whose node is not in the store: no block produced it here. */
public final class UnknownStateRootException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnknownStateRootException(Hash root) {
    super("no state with root " + root + " in the store");
  }
}
