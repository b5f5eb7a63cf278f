package io.trestle.state.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link KeyValueStore} must have. Each implementation runs it through a one-line subclass, so
 * the in-memory store used by unit tests cannot drift from the RocksDB store used by nodes.
 */
abstract class KeyValueStoreContract {
  @TempDir
  Path directory;

  KeyValueStore store;

  /** Opens the store kept in {@code directory} (ignored by stores that keep nothing). */
  abstract KeyValueStore open(Path directory) throws IOException;

  @BeforeEach
  void openStore() throws IOException {
    store = open(directory);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  void put(Column column, byte[] key, byte[] value) {
    store.write(store.newBatch().put(column, key, value), false);
  }

  @Test
  void returnsNullForAbsentKeyAndStoredValueForPresentOne() {
    assertNull(store.get(Column.HEADERS, b("k")));
    assertFalse(store.contains(Column.HEADERS, b("k")));
    put(Column.HEADERS, b("k"), b("v"));
    assertArrayEquals(b("v"), store.get(Column.HEADERS, b("k")));
    assertTrue(store.contains(Column.HEADERS, b("k")));
  }

  @Test
  void overwritesAndDeletes() {
    put(Column.BODIES, b("k"), b("one"));
    put(Column.BODIES, b("k"), b("two"));
    assertArrayEquals(b("two"), store.get(Column.BODIES, b("k")));
    store.write(store.newBatch().delete(Column.BODIES, b("k")), false);
    assertNull(store.get(Column.BODIES, b("k")));
    store.write(store.newBatch().delete(Column.BODIES, b("never-there")), false);
    assertNull(store.get(Column.BODIES, b("never-there")));
  }

  @Test
  void keepsColumnsApart() {
    put(Column.HEADERS, b("k"), b("header"));
    put(Column.RECEIPTS, b("k"), b("receipt"));
    assertArrayEquals(b("header"), store.get(Column.HEADERS, b("k")));
    assertArrayEquals(b("receipt"), store.get(Column.RECEIPTS, b("k")));
    for (Column other : Column.values()) {
      if (other != Column.HEADERS && other != Column.RECEIPTS) {
        assertNull(store.get(other, b("k")), other.name());
      }
    }
    List<byte[]> seen = new ArrayList<>();
    store.scan(Column.CODE, null, null, (k, v) -> seen.add(k));
    assertEquals(0, seen.size());
  }

  @Test
  void storesEmptyValuesAsPresent() {
    put(Column.METADATA, b("empty"), new byte[0]);
    assertArrayEquals(new byte[0], store.get(Column.METADATA, b("empty")));
    assertTrue(store.contains(Column.METADATA, b("empty")));
  }

  @Test
  void storesLargeValuesWhole() {
    byte[] large = new byte[4 << 20];
    new Random(7).nextBytes(large);
    put(Column.BODIES, b("large"), large);
    assertArrayEquals(large, store.get(Column.BODIES, b("large")));
  }

  @Test
  void returnsCopiesThatCallersMayChange() {
    byte[] value = b("value");
    put(Column.METADATA, b("k"), value.clone());
    byte[] read = store.get(Column.METADATA, b("k"));
    read[0] = 'X';
    assertArrayEquals(value, store.get(Column.METADATA, b("k")));
  }

  @Test
  void appliesBatchOperationsInOrderAcrossColumns() {
    WriteBatch batch = store.newBatch()
        .put(Column.HEADERS, b("h"), b("1"))
        .put(Column.TX_INDEX, b("t"), b("2"))
        .put(Column.HEADERS, b("h"), b("3"))
        .put(Column.TRIE_NODES, b("n"), b("4"))
        .delete(Column.TRIE_NODES, b("n"));
    store.write(batch, true);
    assertArrayEquals(b("3"), store.get(Column.HEADERS, b("h")));
    assertArrayEquals(b("2"), store.get(Column.TX_INDEX, b("t")));
    assertNull(store.get(Column.TRIE_NODES, b("n")));
  }

  @Test
  void readersSeeABatchWholeOrNotAtAll() throws Exception {
    int keys = 200;
    AtomicReference<String> torn = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      while (done.getCount() > 0 && torn.get() == null) {
        try (KeyValueSnapshot snapshot = store.snapshot()) {
          byte[] first = snapshot.get(Column.HEADERS, bytes(0));
          for (int i = 1; i < keys; i++) {
            Column column = i % 2 == 0 ? Column.HEADERS : Column.RECEIPTS;
            byte[] other = snapshot.get(column, bytes(i));
            if (!java.util.Arrays.equals(first, other)) {
              torn.set("key " + i + " differs from key 0 within one snapshot");
            }
          }
        }
      }
    });
    reader.start();
    for (int round = 0; round < 50; round++) {
      WriteBatch batch = store.newBatch();
      for (int i = 0; i < keys; i++) {
        batch.put(i % 2 == 0 ? Column.HEADERS : Column.RECEIPTS, bytes(i), bytes(round));
      }
      store.write(batch, false);
    }
    done.countDown();
    reader.join();
    assertNull(torn.get());
  }

  @Test
  void snapshotIgnoresLaterWrites() {
    put(Column.HEADERS, b("k"), b("before"));
    try (KeyValueSnapshot snapshot = store.snapshot()) {
      put(Column.HEADERS, b("k"), b("after"));
      put(Column.HEADERS, b("new"), b("x"));
      assertArrayEquals(b("before"), snapshot.get(Column.HEADERS, b("k")));
      assertNull(snapshot.get(Column.HEADERS, b("new")));
      List<String> keys = new ArrayList<>();
      snapshot.scan(Column.HEADERS, null, null, (k, v) -> keys.add(new String(k, StandardCharsets.UTF_8)));
      assertEquals(List.of("k"), keys);
    }
    assertArrayEquals(b("after"), store.get(Column.HEADERS, b("k")));
  }

  @Test
  void refusesReadsThroughAClosedSnapshot() {
    KeyValueSnapshot snapshot = store.snapshot();
    snapshot.close();
    assertThrows(IllegalStateException.class, () -> snapshot.get(Column.HEADERS, b("k")));
  }

  @Test
  void scansAPrefixInUnsignedOrder() {
    WriteBatch batch = store.newBatch();
    byte[][] keys = {
      bytes(0x01, 0xff), bytes(0x01), bytes(0x01, 0x80), bytes(0x01, 0x00, 0x05), bytes(0x01, 0x7f),
      bytes(0x02), bytes(0x00, 0xff), bytes(0x01, 0x00)
    };
    for (byte[] key : keys) {
      batch.put(Column.INDEXES, key, key);
    }
    store.write(batch, false);
    List<byte[]> seen = new ArrayList<>();
    store.scanPrefix(Column.INDEXES, bytes(0x01), (k, v) -> {
      assertArrayEquals(k, v);
      return seen.add(k);
    });
    byte[][] expected = {
      bytes(0x01), bytes(0x01, 0x00), bytes(0x01, 0x00, 0x05), bytes(0x01, 0x7f), bytes(0x01, 0x80), bytes(0x01, 0xff)
    };
    assertEquals(expected.length, seen.size());
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], seen.get(i), "position " + i);
    }
  }

  @Test
  void scansAHalfOpenRangeAndStopsWhenTheVisitorSaysSo() {
    WriteBatch batch = store.newBatch();
    for (int i = 0; i < 10; i++) {
      batch.put(Column.BLOCK_RESULTS, bytes(i), bytes(i));
    }
    store.write(batch, false);
    List<Integer> seen = new ArrayList<>();
    store.scan(Column.BLOCK_RESULTS, bytes(3), bytes(7), (k, v) -> seen.add((int) k[0]));
    assertEquals(List.of(3, 4, 5, 6), seen);
    seen.clear();
    store.scan(Column.BLOCK_RESULTS, null, null, (k, v) -> seen.add((int) k[0]) && seen.size() < 2);
    assertEquals(List.of(0, 1), seen);
    seen.clear();
    store.scan(Column.BLOCK_RESULTS, bytes(8), null, (k, v) -> seen.add((int) k[0]));
    assertEquals(List.of(8, 9), seen);
    seen.clear();
    store.scan(Column.BLOCK_RESULTS, bytes(5), bytes(5), (k, v) -> seen.add((int) k[0]));
    assertEquals(List.of(), seen);
  }

  @Test
  void scansAPrefixOfAllOnesToTheEnd() {
    put(Column.INDEXES, bytes(0xff, 0xff, 0x01), b("a"));
    put(Column.INDEXES, bytes(0xff, 0xfe), b("b"));
    List<byte[]> seen = new ArrayList<>();
    store.scanPrefix(Column.INDEXES, bytes(0xff, 0xff), (k, v) -> seen.add(k));
    assertEquals(1, seen.size());
    assertArrayEquals(bytes(0xff, 0xff, 0x01), seen.get(0));
  }

  @Test
  void refusesUseAfterClose() {
    store.close();
    assertThrows(IllegalStateException.class, () -> store.get(Column.HEADERS, b("k")));
    assertThrows(IllegalStateException.class, () -> put(Column.HEADERS, b("k"), b("v")));
  }
}
