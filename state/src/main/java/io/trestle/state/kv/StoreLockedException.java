package io.trestle.state.kv;

import java.io.IOException;
import java.nio.file.Path;

/** The database directory is already open, by another process or by this one. */
public final class StoreLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreLockedException(Path directory, Throwable cause) {
    super("database " + directory.toAbsolutePath() + " is locked by another process or another open store in this one"
        + "; stop the other node or use a different data directory", cause);
  }
}
