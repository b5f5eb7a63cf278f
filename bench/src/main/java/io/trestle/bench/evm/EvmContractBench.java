package io.trestle.bench.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.InMemoryWorld;
import io.trestle.evm.IntrinsicGas;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter speed in gas per second: one transaction calling {@code run(n)} of a benchmark contract, processed
 * by {@link TransactionProcessor} (nonce, fee and balance checks, the interpreter, the state journal and the
 * state diff) over an {@link InMemoryWorld}, so storage reads and writes cost a map lookup and the figure is the
 * interpreter's, not the trie's or the disk's. The world is never changed (the diff is dropped), so every call
 * starts from the same state and uses the same gas.
 *
 * <p>The {@code mgas} counter is execution gas (gas used minus the intrinsic 21,000 plus call data) in millions
 * per second, the quantity bench/js/evm-bench.mjs reports for {@code @ethereumjs/evm} as {@code executionGasUsed}.
 * {@code keccakLoop}: {@code KeccakLoop.run(rounds)} (Keccak of 64 bytes plus MUL/ADD/XOR/SHR/DIV/MOD/MULMOD per
 * round). {@code storageHeavy}: {@code StorageHeavy.run(slots)} on an empty contract (fresh cold SSTOREs, then warm
 * SLOADs and SSTOREs). {@code mgasPerCpuS} divides the same gas by the benchmark thread's CPU time instead; it is
 * a per-iteration figure, so read the iteration lines or the JSON's rawData (JMH's summary line adds iterations up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EvmContractBench {
  private static final Address SENDER = Address.ofLong(0x5e4d);
  private static final Address KECCAK_LOOP = Address.ofLong(0xc0de01);
  private static final Address STORAGE_HEAVY = Address.ofLong(0xc0de02);
  private static final long GAS_LIMIT = 30_000_000;

  /** Rounds of the hash chain per call (2.55 Mgas of execution at the default). */
  @Param("10000")
  public int rounds;

  /** Fresh storage slots per call (2.30 Mgas of execution at the default). */
  @Param("100")
  public int slots;

  private final TransactionProcessor processor = new TransactionProcessor();
  private InMemoryWorld world;
  private BlockEnv env;
  private Message keccakCall;
  private Message storageCall;
  private long keccakIntrinsicGas;
  private long storageIntrinsicGas;

  /** Execution gas of the calls made in the current iteration, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Gas {
    public double mgas;

    @Setup(Level.Iteration)
    public void reset() {
      mgas = 0;
    }
  }

  /**
   * Mega-gas per CPU-second of the benchmark thread in the current iteration: what the interpreter would reach with
   * a core to itself, since on a shared machine the wall-clock rate above depends on how much CPU it got.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    public double mgasPerCpuS;
    private double mgas;
    private long cpuNs;

    @Setup(Level.Iteration)
    public void reset() {
      mgasPerCpuS = 0;
      mgas = 0;
      cpuNs = 0;
    }

    static long now() {
      return THREADS.getCurrentThreadCpuTime();
    }

    void add(double callMgas, long callCpuNs) {
      mgas += callMgas;
      cpuNs += callCpuNs;
      mgasPerCpuS = cpuNs == 0 ? 0 : mgas * 1e9 / cpuNs;
    }
  }

  @Setup(Level.Trial)
  public void deploy() {
    world = new InMemoryWorld()
        .setAccount(SENDER, 0, BigInteger.TEN.pow(24))
        .setCode(KECCAK_LOOP, BenchContract.load("KeccakLoop").deployedCode())
        .setCode(STORAGE_HEAVY, BenchContract.load("StorageHeavy").deployedCode());
    env = BlockEnv.of(1, 1_700_000_000L, Address.ofLong(0xfee), GAS_LIMIT, BigInteger.ZERO, Hash.ZERO, 1337);
    keccakCall = call(KECCAK_LOOP, BenchContract.runCall(rounds));
    storageCall = call(STORAGE_HEAVY, BenchContract.runCall(slots));
    keccakIntrinsicGas = IntrinsicGas.of(keccakCall);
    storageIntrinsicGas = IntrinsicGas.of(storageCall);
    System.out.printf("%n[evm] KeccakLoop.run(%d): %d execution gas; StorageHeavy.run(%d): %d execution gas%n",
        rounds, executionGas(keccakCall, keccakIntrinsicGas), slots, executionGas(storageCall, storageIntrinsicGas));
  }

  private static Message call(Address to, Bytes data) {
    return Message.dynamicFee(SENDER, to, 0, GAS_LIMIT, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, data,
        List.of());
  }

  private long executionGas(Message m, long intrinsicGas) {
    TxResult r = processor.process(m, env, world);
    if (!r.isSuccess()) {
      throw new IllegalStateException("benchmark call did not succeed: " + r.status() + " " + r.error());
    }
    return r.gasUsed() - intrinsicGas;
  }

  @Benchmark
  public TxResult keccakLoop(Gas gas, Cpu cpu) {
    long startNs = Cpu.now();
    TxResult r = processor.process(keccakCall, env, world);
    double mgas = (r.gasUsed() - keccakIntrinsicGas) / 1e6;
    cpu.add(mgas, Cpu.now() - startNs);
    gas.mgas += mgas;
    return r;
  }

  @Benchmark
  public TxResult storageHeavy(Gas gas, Cpu cpu) {
    long startNs = Cpu.now();
    TxResult r = processor.process(storageCall, env, world);
    double mgas = (r.gasUsed() - storageIntrinsicGas) / 1e6;
    cpu.add(mgas, Cpu.now() - startNs);
    gas.mgas += mgas;
    return r;
  }
}
