package io.trestle.state.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RocksDbKeyValueStoreTest extends KeyValueStoreContract {
  private static final RocksDbConfig SMALL = new RocksDbConfig(8L << 20, 10, 4L << 20, 64);

  @Override
  KeyValueStore open(Path directory) throws IOException {
    return RocksDbKeyValueStore.open(directory, SMALL);
  }

  @Test
  void readsBackWhatWasWrittenBeforeReopening() throws IOException {
    WriteBatch batch = store.newBatch()
        .put(Column.HEADERS, b("h"), b("header"))
        .put(Column.TRIE_NODES, b("n"), b("node"))
        .put(Column.CONSENSUS, b("c"), new byte[0]);
    store.write(batch, true);
    put(Column.METADATA, b("unsynced"), b("m"));
    store.close();
    store = open(directory);
    assertArrayEquals(b("header"), store.get(Column.HEADERS, b("h")));
    assertArrayEquals(b("node"), store.get(Column.TRIE_NODES, b("n")));
    assertArrayEquals(new byte[0], store.get(Column.CONSENSUS, b("c")));
    assertArrayEquals(b("m"), store.get(Column.METADATA, b("unsynced")));
    assertNull(store.get(Column.HEADERS, b("n")));
  }

  @Test
  void refusesToOpenADirectoryThatIsAlreadyOpen() {
    StoreLockedException e = assertThrows(StoreLockedException.class, () -> open(directory));
    assertTrue(e.getMessage().contains(directory.toAbsolutePath().toString()), e.getMessage());
  }

  @Test
  void refusesADirectoryThatAnotherProcessHolds() throws Exception {
    Path shared = directory.resolve("shared");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), shared.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("open", out.readLine(), "the holder process opened the database");
      StoreLockedException e = assertThrows(StoreLockedException.class, () -> open(shared));
      assertTrue(e.getMessage().contains("locked"), e.getMessage());
    } finally {
      holder.getOutputStream().close();
      holder.waitFor(60, TimeUnit.SECONDS);
      holder.destroy();
    }
    assertEquals(0, holder.exitValue());
    open(shared).close();
  }

  @Test
  void opensAgainOnceTheHolderClosed() throws IOException {
    store.close();
    store = open(directory);
    put(Column.HEADERS, b("k"), b("v"));
    assertArrayEquals(b("v"), store.get(Column.HEADERS, b("k")));
  }

  @Test
  void reportsAPathThatCannotBeADatabase() throws IOException {
    Path file = directory.resolve("plain-file");
    java.nio.file.Files.writeString(file, "not a directory");
    assertThrows(IOException.class, () -> RocksDbKeyValueStore.open(file, SMALL));
  }

  @Test
  void closingTwiceIsHarmless() {
    store.close();
    store.close();
  }
}
