package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemContracts;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sub-range registration and the family operations of ADR 0290: cross-address storage, stubs, outgoing calls. */
class SystemContractFamilyTest {
  static final Address ALICE = Address.ofLong(0xa11ce);
  static final Address HOME = Address.ofLong(0x7e57_0300L);
  static final Address FIRST = Address.ofLong(0x7e57_1000L);
  static final Address LAST = Address.ofLong(0x7e57_1fffL);
  static final Address OTHER_SYS = Address.ofLong(0x7e57_0400L);
  static final Address EVM = Address.ofLong(0xc0de);
  static final BlockEnv ENV = BlockEnv.of(1, 1, Address.ofLong(0xc0b1), 30_000_000L, BigInteger.ONE, Hash.ZERO, 1);

  final InMemoryWorld world = new InMemoryWorld().setAccount(ALICE, 0, BigInteger.TEN.pow(20));
  long nonce;

  TxResult send(SystemContracts systems, Address to, Bytes data, long gas) {
    TransactionProcessor p = new TransactionProcessor(systems);
    TxResult r = p.process(Message.legacy(ALICE, to, nonce++, gas, BigInteger.ONE, BigInteger.ZERO, data), ENV, world);
    world.apply(r.stateDiff());
    return r;
  }

  static Bytes word(long v) {
    return Bytes.wrap(UInt256.valueOf(v).toArray());
  }

  @Test
  void everyAddressOfARangeReachesTheContractAsItself() {
    List<Address> seen = new ArrayList<>();
    SystemContract c = call -> {
      seen.add(call.self());
      call.store(UInt256.ONE, UInt256.valueOf(7));
      return SystemResult.success(Bytes.EMPTY);
    };
    SystemContracts systems = SystemContracts.builder().registerRange(FIRST, LAST, c).build();
    Address middle = Address.ofLong(0x7e57_1234L);
    for (Address a : List.of(FIRST, middle, LAST)) {
      assertTrue(send(systems, a, Bytes.EMPTY, 100_000).isSuccess());
      assertEquals(UInt256.valueOf(7), world.storage(a, UInt256.ONE), "storage of " + a);
    }
    assertEquals(List.of(FIRST, middle, LAST), seen);
    assertNull(systems.get(Address.ofLong(0x7e57_2000L)));
    assertSame(c, systems.get(middle));
    assertTrue(systems.addresses().isEmpty(), "ranges are not listed as warm single addresses");
  }

  @Test
  void refusesOverlappingOrOutOfRangeRegistrations() {
    SystemContract c = call -> SystemResult.success(Bytes.EMPTY);
    assertThrows(IllegalArgumentException.class, () -> SystemContracts.builder()
        .registerRange(FIRST, LAST, c).registerRange(Address.ofLong(0x7e57_1fffL), Address.ofLong(0x7e57_2fffL), c));
    assertThrows(IllegalArgumentException.class, () -> SystemContracts.builder()
        .registerRange(Address.ofLong(0x7e57_1100L), Address.ofLong(0x7e57_1200L), c).registerRange(FIRST, LAST, c));
    assertThrows(IllegalArgumentException.class, () -> SystemContracts.builder()
        .register(Address.ofLong(0x7e57_1005L), c).registerRange(FIRST, LAST, c));
    assertThrows(IllegalArgumentException.class, () -> SystemContracts.builder()
        .registerRange(FIRST, LAST, c).register(Address.ofLong(0x7e57_1005L), c));
    assertThrows(IllegalArgumentException.class, () -> SystemContracts.builder()
        .registerRange(LAST, FIRST, c));
    assertThrows(IllegalArgumentException.class, () -> SystemContracts.builder()
        .registerRange(FIRST, Address.ofLong(0x7e58_0000L), c));
  }

  @Test
  void aFamilyWritesItsOwnAddressesButNoOtherContractsStorage() {
    SystemContract family = call -> {
      Address target = Address.wrap(call.input().toArray());
      call.store(target, UInt256.ONE, UInt256.valueOf(9));
      return SystemResult.success(Bytes.EMPTY);
    };
    SystemContracts systems = SystemContracts.builder().register(HOME, family).registerRange(FIRST, LAST, family)
        .register(OTHER_SYS, call -> SystemResult.success(Bytes.EMPTY)).build();
    assertTrue(systems.sameContract(HOME, FIRST));
    assertFalse(systems.sameContract(HOME, OTHER_SYS));

    TxResult ok = send(systems, FIRST, HOME.toBytes(), 100_000);
    assertTrue(ok.isSuccess(), ok.error());
    assertEquals(UInt256.valueOf(9), world.storage(HOME, UInt256.ONE));

    TxResult refused = send(systems, FIRST, OTHER_SYS.toBytes(), 100_000);
    assertEquals(TxResult.Status.FAILED, refused.status());
    assertEquals(100_000, refused.gasUsed(), "a defect consumes all gas");
    assertEquals(UInt256.ZERO, world.storage(OTHER_SYS, UInt256.ONE));
    TxResult refusedEoa = send(systems, HOME, ALICE.toBytes(), 100_000);
    assertEquals(TxResult.Status.FAILED, refusedEoa.status());
  }

  @Test
  void readsAnotherSystemContractPricedAsSload() {
    world.setStorage(OTHER_SYS, UInt256.valueOf(3), UInt256.valueOf(33));
    long[] gasSpent = new long[2];
    SystemContract reader = call -> {
      long before = call.gasLeft();
      UInt256 first = call.loadFrom(OTHER_SYS, UInt256.valueOf(3));
      long mid = call.gasLeft();
      call.loadFrom(OTHER_SYS, UInt256.valueOf(3));
      gasSpent[0] = before - mid;
      gasSpent[1] = mid - call.gasLeft();
      return SystemResult.success(Bytes.wrap(first.toArray()));
    };
    TxResult r = send(SystemContracts.builder().register(HOME, reader).build(), HOME, Bytes.EMPTY, 100_000);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(word(33), r.output());
    assertEquals(2_100, gasSpent[0], "cold slot");
    assertEquals(100, gasSpent[1], "warm slot");
  }

  @Test
  void installsStubCodeOnceSoEvmContractsSeeAContract() {
    SystemContract factory = call -> {
      call.installStub(Address.wrap(call.input().toArray()));
      return SystemResult.success(Bytes.EMPTY);
    };
    SystemContracts systems = SystemContracts.builder().register(HOME, factory).registerRange(FIRST, LAST, factory)
        .build();
    TxResult first = send(systems, HOME, FIRST.toBytes(), 100_000);
    assertTrue(first.isSuccess(), first.error());
    assertEquals(SystemContracts.STUB_CODE, world.code(FIRST));
    TxResult again = send(systems, HOME, FIRST.toBytes(), 100_000);
    assertTrue(first.gasUsed() - again.gasUsed() >= 32_000, "a second install only reads");

    // EXTCODESIZE(FIRST), returned as one word
    world.setCode(EVM, Bytes.fromHex("73" + Hex.encode(FIRST.toArray()) + "3b60005260206000f3"));
    TxResult size = send(systems, EVM, Bytes.EMPTY, 100_000);
    assertEquals(word(1), size.output());
    assertEquals(TxResult.Status.FAILED, send(systems, HOME, ALICE.toBytes(), 100_000).status(),
        "no stub outside the family");
  }

  @Test
  void seesCodeSizesOfContractsAndAccounts() {
    world.setCode(EVM, Bytes.fromHex("602a60005260206000f3"));
    SystemContract sizer = call -> SystemResult.success(
        word(call.codeSize(EVM) * 1000 + call.codeSize(ALICE) * 100 + call.codeSize(Address.ofLong(0x5555))));
    TxResult r = send(SystemContracts.builder().register(HOME, sizer).build(), HOME, Bytes.EMPTY, 100_000);
    assertEquals(word(10_000), r.output());
  }

  @Test
  void callsAnEvmContractAndSeesItsOutput() {
    world.setCode(EVM, Bytes.fromHex("602a60005260206000f3"));
    SystemContract caller = call -> {
      SystemCall.CallResult r = call.call(EVM, Bytes.EMPTY, call.gasLeft());
      return r.success() ? SystemResult.success(r.output()) : SystemResult.revert("callee failed");
    };
    TxResult r = send(SystemContracts.builder().register(HOME, caller).build(), HOME, Bytes.EMPTY, 100_000);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(word(42), r.output());
  }

  @Test
  void aRevertingCalleeUndoesOnlyItsOwnChanges() {
    // SSTORE(0, 1) then REVERT(0, 0)
    world.setCode(EVM, Bytes.fromHex("600160005560006000fd"));
    SystemContract caller = call -> {
      call.store(UInt256.ONE, UInt256.valueOf(5));
      SystemCall.CallResult r = call.call(EVM, Bytes.EMPTY, call.gasLeft());
      call.store(UInt256.valueOf(2), r.success() ? UInt256.ONE : UInt256.valueOf(2));
      return SystemResult.success(Bytes.EMPTY);
    };
    TxResult r = send(SystemContracts.builder().register(HOME, caller).build(), HOME, Bytes.EMPTY, 200_000);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(UInt256.ZERO, world.storage(EVM, UInt256.ZERO));
    assertEquals(UInt256.valueOf(5), world.storage(HOME, UInt256.ONE));
    assertEquals(UInt256.valueOf(2), world.storage(HOME, UInt256.valueOf(2)), "the caller saw the failure");
  }

  @Test
  void insideAStaticCallTheCalleeCannotWrite() {
    world.setCode(EVM, Bytes.fromHex("6001600055"));
    SystemContract caller = call -> {
      SystemCall.CallResult r = call.call(EVM, Bytes.EMPTY, call.gasLeft());
      return SystemResult.success(word(r.success() ? 1 : 2));
    };
    // STATICCALL(gas, HOME, 0, 0, 0, 32) and return the 32 bytes it wrote
    Address proxy = Address.ofLong(0xbeef);
    world.setCode(proxy, Bytes.fromHex("60206000600060007" + "3" + Hex.encode(HOME.toArray()) + "5afa5060206000f3"));
    TxResult r = send(SystemContracts.builder().register(HOME, caller).build(), proxy, Bytes.EMPTY, 200_000);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(word(2), r.output(), "the system contract ran and saw its callee fail");
    assertEquals(UInt256.ZERO, world.storage(EVM, UInt256.ZERO));
  }

  @Test
  void reentryThroughEvmCodeStopsAtTheNestingBoundWithoutCrashing() {
    // CALL(gas, HOME, 0, 0, 0, 0, 0) and stop
    world.setCode(EVM, Bytes.fromHex("6000600060006000600073" + Hex.encode(HOME.toArray()) + "5af100"));
    SystemContract recursive = call -> {
      UInt256 n = UInt256.valueOf(call.load(UInt256.ZERO).toLong() + 1);
      call.store(UInt256.ZERO, n);
      call.call(EVM, Bytes.EMPTY, call.gasLeft());
      return SystemResult.success(Bytes.EMPTY);
    };
    TxResult r = send(SystemContracts.builder().register(HOME, recursive).build(), HOME, Bytes.EMPTY, 20_000_000);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(UInt256.valueOf(Executor.SYSTEM_NESTING_MAX + 1), world.storage(HOME, UInt256.ZERO));
  }
}
