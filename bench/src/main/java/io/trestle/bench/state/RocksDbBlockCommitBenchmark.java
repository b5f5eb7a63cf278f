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
 * The disk side of committing a block: one fsynced write batch of 1,000 small keys (tx index, receipts) and 3,000
 * trie nodes (32-byte hash keys, ~110-byte nodes), the size a block of ~1,000 transfers produces. The batch is built
 * before each invocation, so only {@code write(batch, sync=true)} is measured. Set {@code -Dtrestle.bench.dir} to
 * measure a particular disk; the default is the system temp directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RocksDbBlockCommitBenchmark {
  private static final int SMALL_KEYS = 1_000;
  private static final int TRIE_NODES = 3_000;
  private static final int NODE_BYTES = 110;

  private Path directory;
  private RocksDbKeyValueStore store;
  private final Random random = new Random(42);
  private long block;
  private WriteBatch batch;

  @Setup(Level.Trial)
  public void open() throws IOException {
    String parent = System.getProperty("trestle.bench.dir", System.getProperty("java.io.tmpdir"));
    directory = Files.createTempDirectory(Path.of(parent), "trestle-bench-rocksdb-");
    store = RocksDbKeyValueStore.open(directory);
  }

  @Setup(Level.Invocation)
  public void buildBatch() {
    batch = new WriteBatch();
    block++;
    for (int i = 0; i < SMALL_KEYS; i++) {
      byte[] key = new byte[16];
      writeLong(key, 0, block);
      writeLong(key, 8, i);
      byte[] value = new byte[40];
      random.nextBytes(value);
      batch.put(i % 2 == 0 ? Column.TX_INDEX : Column.RECEIPTS, key, value);
    }
    for (int i = 0; i < TRIE_NODES; i++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      byte[] node = new byte[NODE_BYTES];
      random.nextBytes(node);
      batch.put(Column.TRIE_NODES, hash, node);
    }
  }

  @Benchmark
  public WriteBatch writeBlockBatchWithFsync() {
    store.write(batch, true);
    return batch;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void writeLong(byte[] out, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }
}
