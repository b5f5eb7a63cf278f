package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionProcessorTest {
  static final Address ALICE = Address.fromHex("0x00000000000000000000000000000000000a11ce");
  static final Address BOB = Address.fromHex("0x0000000000000000000000000000000000000b0b");
  static final Address MINER = Address.fromHex("0x000000000000000000000000000000000000c0b1");
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger BASE_FEE = GWEI.multiply(BigInteger.valueOf(7));

  final TransactionProcessor processor = new TransactionProcessor();
  final InMemoryWorld world = new InMemoryWorld().setAccount(ALICE, 0, ETHER).setAccount(MINER, 0, ETHER);
  BlockEnv env = BlockEnv.of(10, 1_700_000_000L, MINER, 30_000_000L, BASE_FEE, Hash.ZERO, 1);

  Message transfer(long nonce, BigInteger maxFee, BigInteger tip, BigInteger value) {
    return Message.dynamicFee(ALICE, BOB, nonce, 21_000, maxFee, tip, value, Bytes.EMPTY, List.of());
  }

  TxResult run(Message m) {
    TxResult r = processor.process(m, env, world);
    world.apply(r.stateDiff());
    return r;
  }

  @Test
  void transfersValueAndPaysPriorityFeeToCoinbaseWhileBurningBaseFee() {
    BigInteger maxFee = GWEI.multiply(BigInteger.valueOf(20));
    BigInteger tip = GWEI.multiply(BigInteger.valueOf(2));
    TxResult r = run(transfer(0, maxFee, tip, BigInteger.valueOf(12345)));

    assertEquals(TxResult.Status.SUCCESS, r.status());
    assertEquals(21_000, r.gasUsed());
    BigInteger price = BASE_FEE.add(tip);
    assertEquals(ETHER.subtract(price.multiply(BigInteger.valueOf(21_000))).subtract(BigInteger.valueOf(12345)),
        world.balance(ALICE));
    assertEquals(BigInteger.valueOf(12345), world.balance(BOB));
    assertEquals(ETHER.add(tip.multiply(BigInteger.valueOf(21_000))), world.balance(MINER));
    assertEquals(1, world.account(ALICE).nonce());
  }

  @Test
  void capsEffectivePriceAtMaxFeeWhenTipWouldExceedIt() {
    BigInteger maxFee = BASE_FEE.add(GWEI);
    TxResult r = run(transfer(0, maxFee, GWEI.multiply(BigInteger.TWO), BigInteger.ONE));
    assertTrue(r.isSuccess());
    assertEquals(ETHER.add(GWEI.multiply(BigInteger.valueOf(21_000))), world.balance(MINER));
  }

  @Test
  void legacyTransactionPaysItsGasPriceAndTheCoinbaseGetsOnlyTheExcessOverBaseFee() {
    BigInteger gasPrice = GWEI.multiply(BigInteger.TEN);
    TxResult r = run(Message.legacy(ALICE, BOB, 0, 21_000, gasPrice, BigInteger.TWO, Bytes.EMPTY));
    assertTrue(r.isSuccess());
    assertEquals(ETHER.subtract(gasPrice.multiply(BigInteger.valueOf(21_000))).subtract(BigInteger.TWO),
        world.balance(ALICE));
    assertEquals(ETHER.add(gasPrice.subtract(BASE_FEE).multiply(BigInteger.valueOf(21_000))),
        world.balance(MINER));
  }

  @Test
  void paysTheBaseFeeToTheCoinbaseWhenBurningIsOff() {
    env = env.withBurnBaseFee(false);
    BigInteger gasPrice = GWEI.multiply(BigInteger.TEN);
    run(Message.legacy(ALICE, BOB, 0, 21_000, gasPrice, BigInteger.ZERO, Bytes.EMPTY));
    assertEquals(ETHER.add(gasPrice.multiply(BigInteger.valueOf(21_000))), world.balance(MINER));
  }

  @Test
  void chargesOnlyGasUsedWhenGasLimitIsHigher() {
    BigInteger gasPrice = GWEI.multiply(BigInteger.TEN);
    TxResult r = run(Message.legacy(ALICE, BOB, 0, 100_000, gasPrice, BigInteger.ZERO, Bytes.EMPTY));
    assertEquals(21_000, r.gasUsed());
    assertEquals(ETHER.subtract(gasPrice.multiply(BigInteger.valueOf(21_000))), world.balance(ALICE));
  }

  @Test
  void chargesCalldataIntrinsicGas() {
    Bytes data = Bytes.fromHex("0x00ff0001");
    TxResult r = run(Message.legacy(ALICE, BOB, 0, 100_000, GWEI.multiply(BigInteger.TEN), BigInteger.ZERO, data));
    assertEquals(21_000 + 4 + 16 + 4 + 16, r.gasUsed());
  }

  @Test
  void consecutiveTransfersFromOneSenderUseIncreasingNonces() {
    BigInteger fee = GWEI.multiply(BigInteger.TEN);
    for (int i = 0; i < 5; i++) {
      assertTrue(run(transfer(i, fee, GWEI, BigInteger.ONE)).isSuccess());
    }
    assertEquals(5, world.account(ALICE).nonce());
    assertEquals(BigInteger.valueOf(5), world.balance(BOB));
  }

  @Test
  void rejectsTransactionWithReusedNonce() {
    BigInteger fee = GWEI.multiply(BigInteger.TEN);
    run(transfer(0, fee, GWEI, BigInteger.ONE));
    TxResult r = processor.process(transfer(0, fee, GWEI, BigInteger.ONE), env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
    assertTrue(r.error().startsWith("nonce too low"), r.error());
    assertTrue(r.stateDiff().accounts().isEmpty());
  }

  @Test
  void rejectsTransactionWithNonceFromTheFuture() {
    TxResult r = processor.process(transfer(3, GWEI.multiply(BigInteger.TEN), GWEI, BigInteger.ONE), env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
    assertTrue(r.error().startsWith("nonce too high"), r.error());
  }

  @Test
  void rejectsTransactionWhoseSenderCannotPayGasLimitTimesMaxFeePlusValue() {
    BigInteger maxFee = GWEI.multiply(BigInteger.valueOf(100));
    BigInteger value = ETHER.subtract(maxFee.multiply(BigInteger.valueOf(21_000))).add(BigInteger.ONE);
    TxResult r = processor.process(transfer(0, maxFee, GWEI, value), env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
    assertTrue(r.error().startsWith("insufficient funds"), r.error());
    assertTrue(processor.process(transfer(0, maxFee, GWEI, value.subtract(BigInteger.ONE)), env, world).isSuccess());
  }

  @Test
  void rejectsMaxFeeBelowBaseFee() {
    TxResult r = processor.process(transfer(0, BASE_FEE.subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE),
        env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
    assertTrue(r.error().contains("less than block base fee"), r.error());
  }

  @Test
  void rejectsLegacyGasPriceBelowBaseFee() {
    TxResult r = processor.process(
        Message.legacy(ALICE, BOB, 0, 21_000, GWEI, BigInteger.ONE, Bytes.EMPTY), env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
  }

  @Test
  void rejectsTipAboveMaxFee() {
    TxResult r = processor.process(transfer(0, GWEI.multiply(BigInteger.TEN), GWEI.multiply(BigInteger.valueOf(11)),
        BigInteger.ONE), env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
    assertTrue(r.error().contains("higher than max fee"), r.error());
  }

  @Test
  void rejectsGasLimitBelowIntrinsicGas() {
    Message m = Message.legacy(ALICE, BOB, 0, 20_999, GWEI.multiply(BigInteger.TEN), BigInteger.ONE, Bytes.EMPTY);
    TxResult r = processor.process(m, env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
    assertTrue(r.error().startsWith("intrinsic gas too low"), r.error());
  }

  @Test
  void rejectsGasLimitAboveBlockGasLimit() {
    Message m = Message.legacy(ALICE, BOB, 0, 30_000_001, GWEI.multiply(BigInteger.TEN), BigInteger.ONE, Bytes.EMPTY);
    assertEquals(TxResult.Status.INVALID, processor.process(m, env, world).status());
  }

  @Test
  void rejectsSenderWithCode() {
    world.setCode(ALICE, Bytes.fromHex("0x00"));
    TxResult r = processor.process(transfer(0, GWEI.multiply(BigInteger.TEN), GWEI, BigInteger.ONE), env, world);
    assertEquals(TxResult.Status.INVALID, r.status());
    assertTrue(r.error().contains("EIP-3607"), r.error());
  }

  @Test
  void rejectsSenderWithoutAnAccount() {
    Message m = Message.legacy(BOB, ALICE, 0, 21_000, GWEI.multiply(BigInteger.TEN), BigInteger.ZERO, Bytes.EMPTY);
    assertEquals(TxResult.Status.INVALID, processor.process(m, env, world).status());
  }

  @Test
  void transferToSelfOnlyCostsGas() {
    BigInteger gasPrice = GWEI.multiply(BigInteger.TEN);
    run(Message.legacy(ALICE, ALICE, 0, 21_000, gasPrice, ETHER.divide(BigInteger.TWO), Bytes.EMPTY));
    assertEquals(ETHER.subtract(gasPrice.multiply(BigInteger.valueOf(21_000))), world.balance(ALICE));
  }

  @Test
  void zeroValueTransferDoesNotCreateTheRecipient() {
    TxResult r = run(transfer(0, GWEI.multiply(BigInteger.TEN), GWEI, BigInteger.ZERO));
    assertTrue(r.isSuccess());
    assertFalse(world.exists(BOB));
    assertNull(r.stateDiff().get(BOB));
  }

  @Test
  void touchedEmptyCoinbaseIsDeletedWhenItEarnsNothing() {
    Address emptyMiner = Address.ofLong(0xabcdef);
    world.setAccount(emptyMiner, 0, BigInteger.ZERO);
    env = BlockEnv.of(10, 1L, emptyMiner, 30_000_000L, BASE_FEE, Hash.ZERO, 1);
    TxResult r = run(transfer(0, BASE_FEE, BigInteger.ZERO, BigInteger.ONE));
    assertTrue(r.isSuccess());
    assertTrue(r.stateDiff().get(emptyMiner).deleted());
    assertFalse(world.exists(emptyMiner));
  }

  @Test
  void derivesCreateAddressFromSenderAndNonce() {
    Address sender = Address.fromHex("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    assertEquals(Address.fromHex("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"), Executor.createAddress(sender, 0));
    assertEquals(Address.fromHex("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"), Executor.createAddress(sender, 1));
  }

  @Test
  void contractCreationWithEmptyInitcodeDeploysAnEmptyContractAtTheSenderNonceAddress() {
    Message m = Message.legacy(ALICE, null, 0, 100_000, GWEI.multiply(BigInteger.TEN), BigInteger.TEN, Bytes.EMPTY);
    TxResult r = run(m);
    assertTrue(r.isSuccess(), r.error());
    assertEquals(53_000, r.gasUsed());
    assertNotNull(r.contractAddress());
    assertEquals(Executor.createAddress(ALICE, 0), r.contractAddress());
    assertEquals(1, world.account(r.contractAddress()).nonce());
    assertEquals(BigInteger.TEN, world.balance(r.contractAddress()));
  }
}
