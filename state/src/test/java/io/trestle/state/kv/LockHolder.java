package io.trestle.state.kv;

import java.nio.file.Path;

/** A separate process that holds a database open until its standard input closes. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(Path.of(args[0]))) {
      System.out.println(store.directory().equals(Path.of(args[0])) ? "open" : "unexpected directory");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Wait for the parent to close our standard input.
      }
    }
  }
}
