package io.trestle.bench.state;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.state.kv.WriteBatch;
import io.trestle.state.trie.NodeStore;
import io.trestle.state.trie.SecureTrie;
import io.trestle.state.world.Account;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds a fresh secure trie of 10,000 accounts (keys hashed inside, as the state does) and commits it into a write
 * batch: every node hashed and encoded once. Genesis allocation and the first block after a restart look like this.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TrieCommitBenchmark {
  private static final int ACCOUNTS = 10_000;

  private Bytes[] addresses;
  private Bytes[] encodedAccounts;

  @Setup
  public void prepare() {
    addresses = new Bytes[ACCOUNTS];
    encodedAccounts = new Bytes[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      addresses[i] = Address.ofLong(0x10000L + i).toBytes();
      Account account = Account.of(i % 7, BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(i + 1)));
      encodedAccounts[i] = Bytes.wrap(account.encode());
    }
  }

  @Benchmark
  public Hash insertAndCommit10kAccounts() {
    SecureTrie trie = SecureTrie.empty(NodeStore.EMPTY);
    for (int i = 0; i < ACCOUNTS; i++) {
      trie.put(addresses[i], encodedAccounts[i]);
    }
    return trie.commit(new WriteBatch());
  }
}
