package io.trestle.bench.execution;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.block.Block;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.TransactionProcessor;
import io.trestle.execution.BlockRejectedException;
import io.trestle.execution.Chain;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.state.kv.RocksDbKeyValueStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * The block side of a solo node under transfer load: build a block of {@code txsPerBlock} signed EIP-1559
 * transfers (transactions root), execute it (nonces, balances, fees, receipts and their root), commit the state
 * tries and write everything in one fsynced RocksDB batch — {@code Chain.buildBlock} + {@code Chain.commit}, what
 * the block producer does per block besides picking transactions from the pool. Senders are known (signed here,
 * as admission leaves them recovered), so no signature work is measured. Each block's transactions are signed
 * before the invocation, outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 8, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class BlockExecutionBench {
  private static final CryptoSuite SUITE = EthereumSuite.INSTANCE;
  private static final long CHAIN_ID = 1337;

  @Param("3000")
  public int txsPerBlock;

  @Param("1000")
  public int senders;

  private Path directory;
  private RocksDbKeyValueStore store;
  private Chain chain;
  private KeyPair[] keys;
  private Address[] addresses;
  private long[] nonces;
  private long timestampMs;
  private List<Transaction> next;
  private final Address proposer = Address.ofLong(0xfee);

  @Setup(Level.Trial)
  public void genesis() throws IOException, GenesisException {
    String parent = System.getProperty("trestle.bench.dir", System.getProperty("java.io.tmpdir"));
    directory = Files.createTempDirectory(Path.of(parent), "trestle-bench-chain-");
    store = RocksDbKeyValueStore.open(directory);
    Random random = new Random(11);
    keys = new KeyPair[senders];
    addresses = new Address[senders];
    nonces = new long[senders];
    Map<Address, Genesis.AllocAccount> alloc = new HashMap<>();
    for (int i = 0; i < senders; i++) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      secret[0] = (byte) (secret[0] & 0x7f | 0x01);
      keys[i] = SUITE.keyPair(secret);
      addresses[i] = Address.wrap(SUITE.address(keys[i].publicKey()));
      alloc.put(addresses[i], new Genesis.AllocAccount(BigInteger.TEN.pow(24), 0, Bytes.EMPTY, Map.of()));
    }
    timestampMs = 1_700_000_000_000L;
    Genesis genesis = new Genesis(CHAIN_ID, SUITE.name(), timestampMs, 1_000_000_000L,
        new Genesis.FeeRules("fixed", BigInteger.valueOf(1_000_000_000L), BigInteger.ZERO, true), 1000,
        List.of(new Genesis.Validator(proposer, Bytes.wrap(keys[0].publicKey()))), alloc, Bytes.EMPTY, Map.of());
    chain = Chain.open(store, genesis, new TransactionProcessor());
  }

  @Setup(Level.Invocation)
  public void signNextBlock() {
    int base = (int) (chain.head().number() * txsPerBlock % senders);
    Transaction[] txs = new Transaction[txsPerBlock];
    long[] assigned = new long[txsPerBlock];
    int[] from = new int[txsPerBlock];
    for (int i = 0; i < txsPerBlock; i++) {
      from[i] = (base + i) % senders;
      assigned[i] = nonces[from[i]]++;
    }
    IntStream.range(0, txsPerBlock).parallel().forEach(i -> txs[i] = Transaction.builder()
        .type(TransactionType.DYNAMIC_FEE)
        .chainId(CHAIN_ID)
        .nonce(assigned[i])
        .gasLimit(21_000)
        .maxFeePerGas(BigInteger.valueOf(10_000_000_000L))
        .maxPriorityFeePerGas(BigInteger.valueOf(1_000_000_000L))
        .to(addresses[(from[i] + 1) % senders])
        .value(BigInteger.ONE)
        .data(Bytes.EMPTY)
        .sign(keys[from[i]], SUITE));
    next = new ArrayList<>(List.of(txs));
  }

  @Benchmark
  public Chain.CommittedBlock buildExecuteAndCommit() throws BlockRejectedException {
    timestampMs += 1000;
    Block block = chain.buildBlock(next, timestampMs, proposer, 0);
    Chain.CommittedBlock committed = chain.commit(block, null);
    if (committed.executed().size() != txsPerBlock) {
      throw new IllegalStateException("skipped " + committed.skipped().size() + ": "
          + (committed.skipped().isEmpty() ? "" : committed.skipped().get(0).reason()));
    }
    return committed;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
