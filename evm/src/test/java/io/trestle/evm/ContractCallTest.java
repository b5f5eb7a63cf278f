package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractCallTest {
  static final Address ALICE = Address.fromHex("0x00000000000000000000000000000000000a11ce");
  static final Address CONTRACT = Address.fromHex("0x000000000000000000000000000000000000c0de");
  static final Address MINER = Address.ofLong(0xc0b1);
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  final TransactionProcessor processor = new TransactionProcessor();
  final InMemoryWorld world = new InMemoryWorld().setAccount(ALICE, 0, BigInteger.TEN.pow(20));
  final BlockEnv env = BlockEnv.of(10, 1_700_000_000L, MINER, 30_000_000L, GWEI, Hash.ZERO, 1);

  TxResult call(String code, long gasLimit) {
    world.setCode(CONTRACT, Bytes.fromHex(code));
    TxResult r = processor.process(
        Message.legacy(ALICE, CONTRACT, 0, gasLimit, GWEI.multiply(BigInteger.TWO), BigInteger.ZERO, Bytes.EMPTY),
        env, world);
    world.apply(r.stateDiff());
    return r;
  }

  @Test
  void storesAValueWithColdSstoreGas() {
    TxResult r = call("602a60005500", 100_000); // PUSH1 42 PUSH1 0 SSTORE STOP
    assertEquals(TxResult.Status.SUCCESS, r.status(), r.error());
    assertEquals(21_000 + 3 + 3 + 2_100 + 20_000, r.gasUsed());
    assertEquals(UInt256.valueOf(42), world.storage(CONTRACT, UInt256.ZERO));
  }

  @Test
  void revertUndoesStorageButChargesGasUsedAndReturnsData() {
    // SSTORE 42 at 0, MSTORE 0xff at 0, REVERT(31, 1)
    TxResult r = call("602a60005560ff6000526001601ffd", 100_000);
    assertEquals(TxResult.Status.REVERTED, r.status());
    assertEquals(Bytes.fromHex("0xff"), r.output());
    assertEquals(UInt256.ZERO, world.storage(CONTRACT, UInt256.ZERO));
    assertTrue(r.gasUsed() > 21_000 && r.gasUsed() < 100_000);
  }

  @Test
  void invalidOpcodeConsumesAllGas() {
    TxResult r = call("fe", 50_000);
    assertEquals(TxResult.Status.FAILED, r.status());
    assertEquals(50_000, r.gasUsed());
  }

  @Test
  void clearingASlotEarnsTheCappedRefund() {
    world.setStorage(CONTRACT, UInt256.ZERO, UInt256.ONE);
    TxResult r = call("600060005500", 100_000); // SSTORE 0 at slot 0
    assertTrue(r.isSuccess());
    long used = 21_000 + 3 + 3 + 2_100 + 2_900;
    assertEquals(used - Math.min(4_800, used / 5), r.gasUsed());
    assertEquals(UInt256.ZERO, world.storage(CONTRACT, UInt256.ZERO));
  }

  @Test
  void emitsLogs() {
    // MSTORE 0x01 at 0; LOG1(0, 32, topic 0x77)
    TxResult r = call("6001600052607760206000a1", 100_000);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(1, r.logs().size());
    EvmLog log = r.logs().get(0);
    assertEquals(CONTRACT, log.address());
    assertEquals(List.of(UInt256.valueOf(0x77).toHash()), log.topics());
    assertEquals(UInt256.ONE.toHash().toBytes(), log.data());
  }
}
