package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.trace.CallTracer;
import io.trestle.evm.trace.StructLogger;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracerTest {
  static final Address ALICE = Address.ofLong(0xa11ce);
  static final Address OUTER = Address.ofLong(0xc0de);
  static final Address INNER = Address.ofLong(0xbeef);
  static final BlockEnv ENV = BlockEnv.of(1, 1, Address.ofLong(0xc0b1), 30_000_000L, BigInteger.ONE, Hash.ZERO, 1);

  InMemoryWorld world() {
    InMemoryWorld w = new InMemoryWorld().setAccount(ALICE, 0, BigInteger.TEN.pow(20));
    // OUTER: SSTORE(1, 2), CALL INNER with no data, STOP
    w.setCode(OUTER, Asm.code("PUSH1 0x02 PUSH1 0x01 SSTORE PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00"
        + " PUSH2 0xbeef GAS CALL STOP"));
    // INNER: REVERT with Error("no")
    w.setCode(INNER, Bytes.fromHex("0x7f08c379a000000000000000000000000000000000000000000000000000000000600052"
        + "7f0000002000000000000000000000000000000000000000000000000000000000602052"
        + "7f000000026e6f0000000000000000000000000000000000000000000000000000604052"
        + "60646000fd"));
    return w;
  }

  TxResult run(Tracer tracer) {
    return new TransactionProcessor().process(
        Message.legacy(ALICE, OUTER, 0, 200_000, BigInteger.ONE, BigInteger.ZERO, Bytes.EMPTY), ENV, world(), tracer);
  }

  @Test
  void structLoggerRecordsEveryStepWithItsCost() {
    StructLogger logger = new StructLogger(true, true, true, 10_000);
    TxResult r = run(logger);
    assertTrue(r.isSuccess(), r.error());
    List<StructLogger.StructLog> logs = logger.logs();
    assertEquals("PUSH1", logs.get(0).op());
    assertEquals(3, logs.get(0).gasCost());
    assertEquals(1, logs.get(0).depth());
    StructLogger.StructLog sstore = logs.get(2);
    assertEquals("SSTORE", sstore.op());
    assertEquals(22_100, sstore.gasCost());
    assertEquals(UInt256.valueOf(2), sstore.storage().get(UInt256.ONE));
    assertTrue(logs.stream().anyMatch(l -> l.depth() == 2 && l.op().equals("REVERT")));
    assertEquals("STOP", logs.get(logs.size() - 1).op());
  }

  @Test
  void structLoggerStopsAtItsLimit() {
    StructLogger logger = new StructLogger(false, false, false, 5);
    run(logger);
    assertEquals(5, logger.logs().size());
    assertTrue(logger.truncated());
  }

  @Test
  void callTracerBuildsTheCallTreeWithRevertReasons() {
    CallTracer tracer = new CallTracer(100);
    TxResult r = run(tracer);
    CallTracer.Call root = tracer.root();
    assertEquals("CALL", root.type);
    assertEquals(OUTER, root.to);
    assertNull(root.error());
    assertEquals(r.gasUsed() - 21_000, root.gasUsed());
    CallTracer.Call inner = root.calls().get(0);
    assertEquals(INNER, inner.to);
    assertEquals("execution reverted", inner.error());
    assertEquals("no", inner.revertReason());
  }

  @Test
  void tracingDoesNotChangeTheResult() {
    TxResult plain = run(null);
    TxResult traced = run(new StructLogger(true, true, true, 100_000));
    assertEquals(plain, traced);
  }
}
