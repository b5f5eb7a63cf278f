package io.trestle.bench.state;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.state.kv.RocksDbKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state side of the foundation target (≥3,000 transfers/s): one block's balance changes to 3,000 accounts of a
 * 100,000-account state, committed (tries updated and hashed) and written with fsync to RocksDB. The world state
 * lives across blocks, as on the executing thread of a node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class WorldStateBlockBenchmark {
  @Param("100000")
  public int accounts;

  @Param("3000")
  public int touchedPerBlock;

  private Path directory;
  private RocksDbKeyValueStore store;
  private WorldState state;
  private Address[] addresses;
  private long block;

  @Setup(Level.Trial)
  public void genesis() throws IOException {
    String parent = System.getProperty("trestle.bench.dir", System.getProperty("java.io.tmpdir"));
    directory = Files.createTempDirectory(Path.of(parent), "trestle-bench-state-");
    store = RocksDbKeyValueStore.open(directory);
    state = WorldState.empty(store);
    addresses = new Address[accounts];
    for (int i = 0; i < accounts; i++) {
      addresses[i] = Address.ofLong(0x100000L + i);
      state.setAccount(addresses[i], Account.of(0, BigInteger.TEN.pow(21)));
    }
    WriteBatch batch = new WriteBatch();
    state.commit(batch);
    store.write(batch, true);
  }

  @Benchmark
  public Hash commitBlockOfTransfers() {
    block++;
    int start = (int) ((block * touchedPerBlock) % accounts);
    for (int i = 0; i < touchedPerBlock; i++) {
      Address address = addresses[(start + i * 31) % accounts];
      Account account = state.account(address);
      state.setAccount(address, account.withNonce(account.nonce() + 1).withBalance(account.balance()
          .subtract(BigInteger.valueOf(21_000L + i))));
    }
    WriteBatch batch = new WriteBatch();
    Hash root = state.commit(batch);
    store.write(batch, true);
    return root;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
