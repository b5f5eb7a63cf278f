package io.trestle.services.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.EvmLog;
import io.trestle.evm.InMemoryWorld;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiType;
import io.trestle.evm.system.SystemContracts;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoContractTest {
  static final Address ALICE = Address.fromHex("0x00000000000000000000000000000000000a11ce");
  static final Address CALLER_CONTRACT = Address.fromHex("0x000000000000000000000000000000000000c0de");
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  final TransactionProcessor processor =
      new TransactionProcessor(SystemContracts.builder().register(EchoContract.ADDRESS, new EchoContract()).build());
  final InMemoryWorld world = new InMemoryWorld()
      .setAccount(ALICE, 0, BigInteger.TEN.pow(20))
      .setCode(EchoContract.ADDRESS, SystemContracts.STUB_CODE);
  final BlockEnv env = BlockEnv.of(1, 1_700_000_000L, Address.ofLong(0xc0b1), 30_000_000L, GWEI, Hash.ZERO, 1);
  long nonce;

  TxResult send(Address to, Bytes data) {
    return send(to, data, BigInteger.ZERO);
  }

  TxResult send(Address to, Bytes data, BigInteger value) {
    TxResult r = processor.process(
        Message.legacy(ALICE, to, nonce++, 200_000, GWEI.multiply(BigInteger.TWO), value, data), env, world);
    world.apply(r.stateDiff());
    return r;
  }

  @Test
  void echoesAStringInATopLevelTransaction() throws Exception {
    TxResult r = send(EchoContract.ADDRESS, EchoContract.ECHO.encodeCall("hello, Trestle"));
    assertEquals(TxResult.Status.SUCCESS, r.status(), r.error());
    assertEquals(List.of("hello, Trestle"), EchoContract.ECHO.decodeOutput(r.output()));
  }

  @Test
  void incrementStoresTheCounterAndEmitsAnEventEthersCanDecode() throws Exception {
    TxResult first = send(EchoContract.ADDRESS, EchoContract.INCREMENT.encodeCall());
    TxResult second = send(EchoContract.ADDRESS, EchoContract.INCREMENT.encodeCall());
    assertTrue(first.isSuccess() && second.isSuccess(), second.error());
    assertEquals(List.of(BigInteger.TWO), EchoContract.INCREMENT.decodeOutput(second.output()));
    assertEquals(UInt256.valueOf(2), world.storage(EchoContract.ADDRESS, UInt256.ZERO));

    EvmLog log = second.logs().get(0);
    assertEquals(EchoContract.ADDRESS, log.address());
    assertEquals(Abi.eventTopic("Incremented(address,uint256)"), log.topics().get(0));
    assertEquals(Hash.wrap(UInt256.fromBytes(ALICE.toArray()).toArray()), log.topics().get(1));
    assertEquals(List.of(BigInteger.TWO), AbiCodec.decode(List.of(AbiType.UINT256), log.data()));
  }

  @Test
  void chargesTheDispatchBaseAndSstoreGas() throws Exception {
    Bytes call = EchoContract.INCREMENT.encodeCall();
    TxResult r = send(EchoContract.ADDRESS, call);
    long intrinsic = 21_000 + 4 * 16;
    long dispatch = SystemContracts.BASE_GAS + SystemContracts.WORD_GAS * 1;
    long storage = 2_100 + 20_000;
    long log = 375 + 2 * 375 + 8 * 32;
    long output = SystemContracts.WORD_GAS * 1;
    assertEquals(intrinsic + dispatch + storage + log + output, r.gasUsed());
  }

  @Test
  void revertsUnknownFunctionsWithAReason() {
    TxResult r = send(EchoContract.ADDRESS, Bytes.fromHex("0xdeadbeef"));
    assertEquals(TxResult.Status.REVERTED, r.status());
    assertEquals("EchoContract: unknown function selector 0xdeadbeef", Abi.decodeError(r.output()));
  }

  @Test
  void revertsMalformedArgumentsInsteadOfFailing() {
    Bytes bad = Bytes.wrap(Hex.decode(Hex.encode(EchoContract.ECHO.selector()) + "00".repeat(31) + "ff"));
    TxResult r = send(EchoContract.ADDRESS, bad);
    assertEquals(TxResult.Status.REVERTED, r.status());
    assertTrue(Abi.decodeError(r.output()).startsWith("EchoContract: malformed arguments"));
  }

  @Test
  void refusesValueAndKeepsTheSendersEther() throws Exception {
    TxResult r = send(EchoContract.ADDRESS, EchoContract.INCREMENT.encodeCall(), BigInteger.ONE);
    assertEquals(TxResult.Status.REVERTED, r.status());
    assertEquals(BigInteger.ZERO, world.balance(EchoContract.ADDRESS));
  }

  /** Bytecode: CALL (or STATICCALL) the echo contract with increment(), then RETURN or REVERT the 32-byte result. */
  static Bytes callerCode(boolean staticCall, boolean revertAfter) {
    String selector = Hex.encode(EchoContract.INCREMENT.selector());
    String address = Hex.encode(EchoContract.ADDRESS.toArray());
    String code = "63" + selector + "60e01b" + "600052"      // mstore(0, selector << 224)
        + "6020" + "6000" + "6004" + "6000"                   // retSize retOffset argsSize argsOffset
        + (staticCall ? "" : "6000")                          // value
        + "73" + address + "5a"                               // address, gas
        + (staticCall ? "fa" : "f1")
        + "602052"                                            // mstore(32, success)
        + "6040" + "6000" + (revertAfter ? "fd" : "f3");      // return/revert memory[0:64]
    return Bytes.fromHex(code);
  }

  @Test
  void contractsCallItAndSeeTheirOwnAddressAsCaller() throws Exception {
    world.setCode(CALLER_CONTRACT, callerCode(false, false));
    TxResult r = send(CALLER_CONTRACT, Bytes.EMPTY);
    assertTrue(r.isSuccess(), r.error());
    List<Object> out = AbiCodec.decode(List.of(AbiType.UINT256, AbiType.BOOL), r.output());
    assertEquals(List.of(BigInteger.ONE, true), out);
    assertEquals(Hash.wrap(UInt256.fromBytes(CALLER_CONTRACT.toArray()).toArray()), r.logs().get(0).topics().get(1));
  }

  @Test
  void aRevertingCallerUndoesTheSystemContractsWrites() {
    world.setCode(CALLER_CONTRACT, callerCode(false, true));
    TxResult r = send(CALLER_CONTRACT, Bytes.EMPTY);
    assertEquals(TxResult.Status.REVERTED, r.status());
    assertEquals(UInt256.ZERO, world.storage(EchoContract.ADDRESS, UInt256.ZERO));
    assertTrue(r.logs().isEmpty());
    assertNull(r.stateDiff().get(EchoContract.ADDRESS));
  }

  @Test
  void writesInsideStaticCallsFail() throws Exception {
    world.setCode(CALLER_CONTRACT, callerCode(true, false));
    TxResult r = send(CALLER_CONTRACT, Bytes.EMPTY);
    assertTrue(r.isSuccess(), r.error());
    List<Object> out = AbiCodec.decode(List.of(AbiType.UINT256, AbiType.BOOL), r.output());
    assertEquals(false, out.get(1));
    assertEquals(UInt256.ZERO, world.storage(EchoContract.ADDRESS, UInt256.ZERO));
  }
}
