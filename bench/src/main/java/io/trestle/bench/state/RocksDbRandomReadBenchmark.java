package io.trestle.bench.state;

import io.trestle.state.kv.Column;
import io.trestle.state.kv.RocksDbKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random point reads of trie nodes from a 1M-key TRIE_NODES column with the default configuration (block cache and
 * bloom filters), the lookup pattern of a trie walk below the cached top levels. DESIGN §9 quotes ≈290k/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Long warm-up: the block cache fills only as the shuffled keys come round.
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RocksDbRandomReadBenchmark {
  private static final int KEYS = 1_000_000;
  private static final int BATCH_KEYS = 10_000;

  private Path directory;
  private RocksDbKeyValueStore store;
  private byte[][] keys;
  private int next;

  @Setup(Level.Trial)
  public void fill() throws IOException {
    String parent = System.getProperty("trestle.bench.dir", System.getProperty("java.io.tmpdir"));
    directory = Files.createTempDirectory(Path.of(parent), "trestle-bench-reads-");
    store = RocksDbKeyValueStore.open(directory);
    Random random = new Random(1);
    keys = new byte[KEYS][];
    for (int start = 0; start < KEYS; start += BATCH_KEYS) {
      WriteBatch batch = new WriteBatch();
      for (int i = start; i < start + BATCH_KEYS; i++) {
        keys[i] = new byte[32];
        random.nextBytes(keys[i]);
        byte[] node = new byte[110];
        random.nextBytes(node);
        batch.put(Column.TRIE_NODES, keys[i], node);
      }
      store.write(batch, false);
    }
    // Reopening replays the log into table files: reads then come from SSTs through cache and filters, as on a
    // node that has run for a while, not from the memtables.
    store.close();
    store = RocksDbKeyValueStore.open(directory);
    // Visit the keys in a fixed random order, not in insertion order.
    for (int i = KEYS - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      byte[] t = keys[i];
      keys[i] = keys[j];
      keys[j] = t;
    }
  }

  @Benchmark
  public byte[] readRandomTrieNode() {
    byte[] key = keys[next];
    next = next + 1 == KEYS ? 0 : next + 1;
    return store.get(Column.TRIE_NODES, key);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
