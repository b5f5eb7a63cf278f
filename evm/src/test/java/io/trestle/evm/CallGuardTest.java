package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.system.CallGuard;
import io.trestle.evm.system.SystemContracts;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call guard (ADR 0271) is asked before every call and creation and can refuse any of them. */
class CallGuardTest {
  static final Address ALICE = Address.fromHex("0x00000000000000000000000000000000000a11ce");
  static final Address CALLER = Address.fromHex("0x000000000000000000000000000000000000c0de");
  static final Address TARGET = Address.fromHex("0x000000000000000000000000000000000000beef");
  static final Address LIB = Address.fromHex("0x0000000000000000000000000000000000001100");
  static final Address FLAG = Address.ofLong(0x7e57_fff0L);
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  final InMemoryWorld world = new InMemoryWorld().setAccount(ALICE, 0, BigInteger.TEN.pow(20));
  final BlockEnv env = BlockEnv.of(10, 1_700_000_000L, Address.ofLong(0xc0b1), 30_000_000L, GWEI, Hash.ZERO, 1);
  final List<CallGuard.Guarded> seen = new ArrayList<>();
  long nonce;

  /** A system contract that sets its slot 0 to 1; the guard below refuses TARGET once it is set. */
  final SystemContracts systems = SystemContracts.builder()
      .register(FLAG, call -> {
        call.store(UInt256.ZERO, UInt256.ONE);
        return SystemResult.success(Bytes.EMPTY);
      })
      .build();

  TxResult send(TransactionProcessor processor, Address to, BigInteger value) {
    TxResult r = processor.process(Message.legacy(ALICE, to, nonce++, 500_000, GWEI.multiply(BigInteger.TWO), value,
        Bytes.EMPTY), env, world);
    world.apply(r.stateDiff());
    return r;
  }

  TransactionProcessor guarded(CallGuard guard) {
    return new TransactionProcessor(systems, (call, state) -> {
      seen.add(call);
      return guard.check(call, state);
    });
  }

  /** CALL addr with no input and the given value; SSTORE the success flag at {@code slot}. */
  static String callAndStore(Address addr, int value, int slot) {
    return "6000600060006000" + push1(value) + "73" + Hex.encode(addr.toArray()) + "5a" + "f1" + push1(slot) + "55";
  }

  static String push1(int v) {
    return "60" + String.format("%02x", v);
  }

  @Test
  void refusedTopLevelCallRevertsWithTheReasonAndMovesNoValue() {
    world.setCode(TARGET, Bytes.fromHex("600160005500"));
    TransactionProcessor p = guarded((call, state) -> call.target().equals(TARGET) ? "target is frozen" : null);
    TxResult r = send(p, TARGET, BigInteger.valueOf(5));
    assertEquals(TxResult.Status.REVERTED, r.status());
    assertEquals("target is frozen", Abi.decodeError(r.output()));
    assertEquals(21_000, r.gasUsed());
    assertEquals(BigInteger.ZERO, world.balance(TARGET));
    assertEquals(UInt256.ZERO, world.storage(TARGET, UInt256.ZERO));
  }

  @Test
  void refusedInnerCallFailsThatCallOnlyAndItsCodeNeverRuns() {
    world.setCode(TARGET, Bytes.fromHex("600160005500"));
    world.setCode(CALLER, Bytes.fromHex(callAndStore(TARGET, 0, 0) + "6001600155" + "00"));
    world.setStorage(CALLER, UInt256.ZERO, UInt256.valueOf(7));
    TransactionProcessor p = guarded((call, state) -> call.target().equals(TARGET) ? "no" : null);
    TxResult r = send(p, CALLER, BigInteger.ZERO);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(UInt256.ZERO, world.storage(CALLER, UInt256.ZERO), "the inner CALL pushed 0");
    assertEquals(UInt256.ONE, world.storage(CALLER, UInt256.ONE), "the caller went on");
    assertEquals(UInt256.ZERO, world.storage(TARGET, UInt256.ZERO));
  }

  @Test
  void guardSeesWritesMadeEarlierInTheSameTransaction() {
    world.setCode(FLAG, SystemContracts.STUB_CODE);
    world.setCode(CALLER, Bytes.fromHex(callAndStore(TARGET, 0, 0) + callAndStore(FLAG, 0, 2)
        + callAndStore(TARGET, 0, 1) + "00"));
    TransactionProcessor p = guarded((call, state) ->
        call.target().equals(TARGET) && state.load(FLAG, UInt256.ZERO).equals(UInt256.ONE) ? "flag set" : null);
    TxResult r = send(p, CALLER, BigInteger.ZERO);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(UInt256.ONE, world.storage(CALLER, UInt256.ZERO), "before the flag the call went through");
    assertEquals(UInt256.ONE, world.storage(CALLER, UInt256.valueOf(2)));
    assertEquals(UInt256.ZERO, world.storage(CALLER, UInt256.ONE), "after the flag it was refused");
  }

  @Test
  void refusedCreationPushesZeroAndATopLevelOneReverts() {
    // CREATE(value 0, offset 0, size 0) then SSTORE the address at slot 0 and 1 at slot 1
    world.setCode(CALLER, Bytes.fromHex("600060006000f0" + "600055" + "6001600155" + "00"));
    TransactionProcessor p = guarded((call, state) -> call.kind() == CallGuard.Kind.CREATE ? "no deploys" : null);
    TxResult r = send(p, CALLER, BigInteger.ZERO);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(UInt256.ZERO, world.storage(CALLER, UInt256.ZERO));
    assertEquals(UInt256.ONE, world.storage(CALLER, UInt256.ONE));

    TxResult create = p.process(Message.legacy(ALICE, null, nonce++, 200_000, GWEI.multiply(BigInteger.TWO),
        BigInteger.ZERO, Bytes.fromHex("600160005500")), env, world);
    assertEquals(TxResult.Status.REVERTED, create.status());
    assertEquals("no deploys", Abi.decodeError(create.output()));
  }

  @Test
  void delegateCallIsCheckedAgainstTheLibraryWithTheOriginalSender() {
    world.setCode(LIB, Bytes.fromHex("00"));
    // DELEGATECALL(gas, LIB, 0, 0, 0, 0)
    world.setCode(CALLER, Bytes.fromHex("6000600060006000" + "73" + Hex.encode(LIB.toArray()) + "5af400"));
    TransactionProcessor p = guarded((call, state) -> null);
    TxResult r = send(p, CALLER, BigInteger.ZERO);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(List.of(
        new CallGuard.Guarded(CallGuard.Kind.CALL, ALICE, ALICE, CALLER, Bytes.EMPTY),
        new CallGuard.Guarded(CallGuard.Kind.DELEGATECALL, ALICE, ALICE, LIB, Bytes.EMPTY)), seen);
  }

  @Test
  void guardIsGivenTheFunctionSelector() {
    world.setCode(TARGET, Bytes.fromHex("00"));
    TransactionProcessor p = guarded((call, state) -> null);
    TxResult r = p.process(Message.legacy(ALICE, TARGET, nonce++, 100_000, GWEI.multiply(BigInteger.TWO),
        BigInteger.ZERO, Bytes.fromHex("0xa9059cbb0000")), env, world);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(Bytes.fromHex("0xa9059cbb"), seen.get(0).selector());
  }

  @Test
  void systemContractReadsAnotherSystemContractsStorageAtSloadPrices() throws Exception {
    Address reader = Address.ofLong(0x7e57_fff1L);
    world.setCode(reader, SystemContracts.STUB_CODE);
    world.setStorage(FLAG, UInt256.valueOf(5), UInt256.valueOf(42));
    SystemContracts registry = SystemContracts.builder().register(reader, call -> {
      UInt256 first = call.loadFrom(FLAG, UInt256.valueOf(5));
      UInt256 second = call.loadFrom(FLAG, UInt256.valueOf(5));
      return SystemResult.success(Bytes.wrap(UInt256.fromBigInteger(first.toBigInteger().add(second.toBigInteger())).toArray()));
    }).build();
    TxResult r = new TransactionProcessor(registry).process(Message.legacy(ALICE, reader, nonce++, 100_000,
        GWEI.multiply(BigInteger.TWO), BigInteger.ZERO, Bytes.EMPTY), env, world);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(UInt256.valueOf(84), UInt256.fromBytes(r.output().toArray()));
    assertEquals(21_000 + SystemContracts.BASE_GAS + 2_100 + 100 + SystemContracts.WORD_GAS, r.gasUsed());
  }
}
