package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Whatever code and input a transaction brings, the processor answers with a result and never throws. */
class HostileInputTest {
  static final Address ALICE = Address.ofLong(0xa11ce);
  static final Address CONTRACT = Address.ofLong(0xc0de);
  static final BlockEnv ENV = BlockEnv.of(100, 1, Address.ofLong(0xc0b1), 30_000_000L, BigInteger.ONE, Hash.ZERO, 1);
  final TransactionProcessor processor = new TransactionProcessor();

  TxResult run(Bytes code, Bytes input, long gas) {
    InMemoryWorld world = new InMemoryWorld().setAccount(ALICE, 0, BigInteger.TEN.pow(24));
    world.setCode(CONTRACT, code);
    world.setCode(Address.ofLong(0xdead), code);
    return processor.process(
        Message.legacy(ALICE, CONTRACT, 0, gas, BigInteger.ONE, BigInteger.ONE, input), ENV, world);
  }

  @Provide
  Arbitrary<byte[]> code() {
    // bias towards opcodes that take offsets and sizes, fed with extreme values
    Arbitrary<byte[]> extremes = Arbitraries.of(
        "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "6000", "6020", "63ffffffff",
        "67ffffffffffffffff", "5f", "3d", "36", "5a").map(h -> Bytes.fromHex(h).toArray());
    Arbitrary<byte[]> ops = Arbitraries.bytes().map(b -> new byte[] {b});
    return Arbitraries.oneOf(extremes, ops).list().ofMaxSize(40).map(parts -> {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      parts.forEach(out::writeBytes);
      return out.toByteArray();
    });
  }

  @Property(tries = 3000)
  void arbitraryCodeEndsInAResultNotAnException(@ForAll("code") byte[] code, @ForAll byte[] input) {
    TxResult r = run(Bytes.wrap(code), Bytes.wrap(input), 1_000_000);
    assertNotEquals(TxResult.Status.INVALID, r.status(), r.error());
    assertTrue(r.gasUsed() >= 21_000 && r.gasUsed() <= 1_000_000);
  }

  @Test
  void hugeMemoryOffsetsRunOutOfGasBeforeAllocating() {
    for (String op : new String[] {"51", "52", "53", "20", "f3", "fd", "a0", "37", "39", "5e"}) {
      // push huge values for every argument, then the op
      Bytes code = Bytes.fromHex("0x" + "7f" + "ff".repeat(32) + "7f" + "ff".repeat(32) + "7f" + "ff".repeat(32)
          + "63ffffffff" + op);
      TxResult r = run(code, Bytes.EMPTY, 5_000_000);
      assertEquals(TxResult.Status.FAILED, r.status(), "opcode " + op);
      assertEquals(5_000_000, r.gasUsed());
    }
  }

  @Test
  void returnDataCopyBeyondTheBufferFails() {
    // RETURNDATACOPY(0, 0, 1) with an empty return buffer
    TxResult r = run(Bytes.fromHex("0x6001600060003e00"), Bytes.EMPTY, 100_000);
    assertEquals(TxResult.Status.FAILED, r.status());
    assertEquals("return data out of bounds", r.error());
  }

  @Test
  void stackUnderflowAndOverflowFail() {
    assertEquals("stack underflow", run(Bytes.fromHex("0x01"), Bytes.EMPTY, 100_000).error());
    assertEquals("stack overflow", run(Bytes.fromHex("0x" + "5f".repeat(1025)), Bytes.EMPTY, 100_000).error());
  }

  @Test
  void jumpsIntoPushDataFail() {
    // PUSH1 0x03 JUMP PUSH1 0x5b: byte 3 is a JUMPDEST value inside push data
    assertEquals("invalid jump destination", run(Bytes.fromHex("0x600356605b"), Bytes.EMPTY, 100_000).error());
  }

  @Test
  void recursionStopsAtTheCallDepthLimitWithoutOverflowingTheJavaStack() {
    // call self with all gas, then store the success flag: 1025 frames deep
    // (63/64)^1024 of the gas is left at the bottom, so the limit is reached only with ~10^11 gas
    Bytes code = Bytes.fromHex("0x" + "6000600060006000600030" + "5a" + "f1" + "600055" + "00");
    InMemoryWorld world = new InMemoryWorld().setAccount(ALICE, 0, BigInteger.TEN.pow(30));
    world.setCode(CONTRACT, code);
    BlockEnv env = BlockEnv.of(100, 1, Address.ofLong(0xc0b1), Long.MAX_VALUE, BigInteger.ONE, Hash.ZERO, 1);
    long gas = 100_000_000_000L;
    TxResult r = processor.process(
        Message.legacy(ALICE, CONTRACT, 0, gas, BigInteger.ONE, BigInteger.ZERO, Bytes.EMPTY), env, world);
    assertEquals(TxResult.Status.SUCCESS, r.status(), r.error());
    // the innermost call failed at the depth limit and returned its gas: far from everything was spent
    assertTrue(r.gasUsed() < gas / 2, "gas used " + r.gasUsed());
  }
}
