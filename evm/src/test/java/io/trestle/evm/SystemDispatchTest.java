package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemContracts;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SystemDispatchTest {
  static final Address ALICE = Address.ofLong(0xa11ce);
  static final Address PROXY = Address.ofLong(0xc0de);
  static final Address SYS = Address.ofLong(0x7e57_0001L);
  static final BlockEnv ENV = BlockEnv.of(1, 1, Address.ofLong(0xc0b1), 30_000_000L, BigInteger.ONE, Hash.ZERO, 1);

  final AtomicReference<Address> seenCaller = new AtomicReference<>();
  final InMemoryWorld world = new InMemoryWorld().setAccount(ALICE, 0, BigInteger.TEN.pow(20));

  TxResult call(SystemContract contract, Address to, Bytes data) {
    TransactionProcessor p = new TransactionProcessor(SystemContracts.builder().register(SYS, contract).build());
    TxResult r = p.process(Message.legacy(ALICE, to, 0, 1_000_000, BigInteger.ONE, BigInteger.ZERO, data), ENV, world);
    world.apply(r.stateDiff());
    return r;
  }

  /** DELEGATECALL/CALLCODE/CALL/STATICCALL (by opcode) of SYS with no input, returning the 32-byte result. */
  static Bytes proxy(int op) {
    boolean withValue = op == 0xf1 || op == 0xf2;
    String code = "6020" + "6000" + "6000" + "6000" + (withValue ? "6000" : "") + "73" + Hex.encode(SYS.toArray())
        + "5a" + String.format("%02x", op) + "50" + "60206000f3";
    return Bytes.fromHex(code);
  }

  @Test
  void refusesRegistrationOutsideTheReservedRange() {
    assertThrows(IllegalArgumentException.class,
        () -> SystemContracts.builder().register(Address.ofLong(0x7e57_0000L), c -> null));
    assertTrue(SystemContracts.isReserved(SystemContracts.LAST));
    assertFalse(SystemContracts.isReserved(Address.ofLong(0x7e58_0000L)));
  }

  @Test
  void delegateCallPresentsTheDelegatingContractAsCaller() {
    SystemContract spy = c -> {
      seenCaller.set(c.caller());
      return SystemResult.success(Bytes.wrap(UInt256.ONE.toArray()));
    };
    for (int op : new int[] {0xf4, 0xf2, 0xf1, 0xfa}) {
      world.setCode(PROXY, proxy(op));
      seenCaller.set(null);
      TxResult r = new TransactionProcessor(SystemContracts.builder().register(SYS, spy).build()).process(
          Message.legacy(ALICE, PROXY, world.account(ALICE).nonce(), 1_000_000, BigInteger.ONE, BigInteger.ZERO,
              Bytes.EMPTY), ENV, world);
      assertTrue(r.isSuccess(), r.error());
      world.apply(r.stateDiff());
      assertEquals(PROXY, seenCaller.get(), "opcode " + Integer.toHexString(op));
    }
  }

  @Test
  void outOfGasInsideASystemContractConsumesAllItsGas() {
    TxResult r = call(c -> {
      c.charge(10_000_000);
      return SystemResult.success(Bytes.EMPTY);
    }, SYS, Bytes.EMPTY);
    assertEquals(TxResult.Status.FAILED, r.status());
    assertEquals(1_000_000, r.gasUsed());
  }

  @Test
  void aDefectInASystemContractFailsTheCallInsteadOfTheNode() {
    TxResult r = call(c -> {
      throw new IllegalStateException("bug");
    }, SYS, Bytes.EMPTY);
    assertEquals(TxResult.Status.FAILED, r.status());
  }

  @Test
  void revertReasonsReachTheCallerAndUndoWrites() {
    TxResult r = call(c -> {
      c.store(UInt256.ONE, UInt256.ONE);
      return SystemResult.revert("no");
    }, SYS, Bytes.EMPTY);
    assertEquals(TxResult.Status.REVERTED, r.status());
    assertEquals("no", Abi.decodeError(r.output()));
    assertEquals(UInt256.ZERO, world.storage(SYS, UInt256.ONE));
    assertTrue(r.gasUsed() < 1_000_000);
  }

  @Test
  void aSystemContractAccountWithOnlyStorageIsNotDeletedAsEmpty() {
    TxResult r = call(c -> {
      c.store(UInt256.ONE, UInt256.valueOf(7));
      return SystemResult.success(Bytes.EMPTY);
    }, SYS, Bytes.EMPTY);
    assertTrue(r.isSuccess());
    assertFalse(r.stateDiff().get(SYS).deleted());
    assertEquals(UInt256.valueOf(7), world.storage(SYS, UInt256.ONE));
  }
}
