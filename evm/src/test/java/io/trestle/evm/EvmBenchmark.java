package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
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
 * Interpreter throughput in gas per second. Run:
 * {@code java -cp <evm test classpath> org.openjdk.jmh.Main EvmBenchmark}. The {@code gas} counter in the
 * output is gas/s (divide by 10^6 for Mgas/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvmBenchmark {
  /** 20,000 rounds of: x = keccak256(x * i + 7 ^ (x * i + 7) >> 3), about 110 gas each. */
  static final String KECCAK_LOOP = "PUSH2 0x4e20 JUMPDEST"
      + " PUSH1 0x00 MLOAD DUP2 MUL PUSH1 0x07 ADD DUP1 PUSH1 0x03 SHR XOR"
      + " PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 KECCAK256 PUSH1 0x00 MSTORE"
      + " PUSH1 0x01 SWAP1 SUB DUP1 PUSH1 0x03 JUMPI STOP";
  /** 20,000 rounds of ten arithmetic steps and one keccak256: a compute-heavy contract body. */
  static final String MIXED_LOOP = "PUSH2 0x4e20 JUMPDEST"
      + " PUSH1 0x00 MLOAD DUP2 MUL PUSH1 0x07 ADD DUP1 PUSH1 0x03 SHR XOR DUP2 ADD PUSH1 0x05 MUL DUP2 XOR"
      + " PUSH1 0x11 SHL DUP2 SUB PUSH2 0x0fff AND DUP2 ADD DUP1 PUSH1 0x1f SHR OR"
      + " PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 KECCAK256 PUSH1 0x00 MSTORE"
      + " PUSH1 0x01 SWAP1 SUB DUP1 PUSH1 0x03 JUMPI STOP";
  /** 1,000 fresh storage slots written and read back. */
  static final String STORAGE_LOOP = "PUSH2 0x03e8 JUMPDEST"
      + " DUP1 DUP1 SSTORE DUP1 SLOAD POP"
      + " PUSH1 0x01 SWAP1 SUB DUP1 PUSH1 0x03 JUMPI STOP";

  @Param({"keccak", "mixed", "storage"})
  public String contract;

  static final Address SENDER = Address.ofLong(0xa11ce);
  static final Address CONTRACT = Address.ofLong(0xc0de);
  final TransactionProcessor processor = new TransactionProcessor();
  final BlockEnv env = BlockEnv.of(1, 1, Address.ofLong(0xc0b1), Long.MAX_VALUE, BigInteger.ONE, Hash.ZERO, 1);
  InMemoryWorld world;
  Message message;

  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Gas {
    public long gas;

    @Setup(Level.Iteration)
    public void reset() {
      gas = 0;
    }
  }

  @Setup
  public void setUp() {
    String source = switch (contract) {
      case "keccak" -> KECCAK_LOOP;
      case "mixed" -> MIXED_LOOP;
      default -> STORAGE_LOOP;
    };
    world = new InMemoryWorld().setAccount(SENDER, 0, BigInteger.TEN.pow(30));
    world.setCode(CONTRACT, Asm.code(source));
    message = Message.legacy(SENDER, CONTRACT, 0, 100_000_000L, BigInteger.ONE, BigInteger.ZERO, Bytes.EMPTY);
  }

  @Benchmark
  public TxResult run(Gas counter) {
    TxResult r = processor.process(message, env, world);
    if (!r.isSuccess()) {
      throw new IllegalStateException(contract + " failed: " + r.error());
    }
    counter.gas += r.gasUsed() - 21_000;
    return r;
  }
}
