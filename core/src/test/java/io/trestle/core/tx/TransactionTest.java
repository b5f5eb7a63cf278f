package io.trestle.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.core.testing.TestSuites;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Secp256k1;
import io.trestle.crypto.Signature;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TransactionTest {
  private static final CryptoSuite ETH = EthereumSuite.INSTANCE;
  private static final KeyPair KEY = ETH.keyPair(bytes32(7));
  private static final Address SENDER = Address.wrap(ETH.address(KEY.publicKey()));
  private static final Address RECIPIENT = Address.ofLong(0xbeef);
  private static final List<AccessListEntry> ACCESS_LIST =
      List.of(new AccessListEntry(Address.ofLong(5), List.of(Hash.ZERO, Hash.EMPTY_KECCAK)));

  private static byte[] bytes32(int last) {
    byte[] b = new byte[32];
    b[31] = (byte) last;
    return b;
  }

  private static Transaction.Builder dynamicFee() {
    return Transaction.builder()
        .chainId(7357)
        .nonce(3)
        .maxPriorityFeePerGas(BigInteger.valueOf(2))
        .maxFeePerGas(BigInteger.valueOf(100))
        .gasLimit(60_000)
        .to(RECIPIENT)
        .value(BigInteger.TEN)
        .data(Bytes.fromHex("0x00ff00"))
        .accessList(ACCESS_LIST);
  }

  @Test
  void signedTransactionsOfEveryTypeDecodeToThemselvesAndRecoverTheSigner() throws Exception {
    List<Transaction> signed = List.of(
        Transaction.builder().nonce(1).gasPrice(BigInteger.ONE).gasLimit(21_000).to(RECIPIENT).sign(KEY, ETH),
        Transaction.builder().chainId(7357).nonce(1).gasPrice(BigInteger.ONE).gasLimit(21_000).to(RECIPIENT)
            .sign(KEY, ETH),
        Transaction.builder().chainId(7357).gasPrice(BigInteger.ONE).gasLimit(90_000).accessList(ACCESS_LIST)
            .sign(KEY, ETH),
        dynamicFee().sign(KEY, ETH));
    List<TransactionType> types = List.of(TransactionType.LEGACY, TransactionType.LEGACY,
        TransactionType.ACCESS_LIST, TransactionType.DYNAMIC_FEE);
    for (int i = 0; i < signed.size(); i++) {
      Transaction tx = signed.get(i);
      Transaction decoded = Transaction.decode(tx.encode(), ETH);
      assertEquals(types.get(i), decoded.type());
      assertEquals(tx, decoded);
      assertEquals(tx.hash(), decoded.hash());
      assertEquals(SENDER, decoded.sender());
      decoded.validate();
    }
    assertNull(signed.get(0).chainId(), "legacy without chain id is pre-EIP-155");
    assertEquals(BigInteger.valueOf(27 + signed.get(0).yParity()), signed.get(0).v());
    assertEquals(BigInteger.valueOf(7357 * 2 + 35 + signed.get(1).yParity()), signed.get(1).v());
  }

  @Test
  void typedEncodingStartsWithTheTypeByteAndHashesTheWholeEnvelope() {
    Transaction tx = dynamicFee().sign(KEY, ETH);
    byte[] encoding = tx.encode();
    assertEquals(2, encoding[0]);
    assertEquals(Hash.keccak(encoding), tx.hash());
    assertEquals(encoding.length, tx.size());
  }

  @Test
  void recoversTheSenderOnlyOnceAndCachesIt() throws Exception {
    TestSuites.Counting counting = TestSuites.countingEthereum();
    Transaction tx = Transaction.decode(dynamicFee().sign(KEY, ETH).encode(), counting);
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> {
        try {
          start.await();
          tx.sender();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      threads[i].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    tx.validate();
    assertEquals(SENDER, tx.sender());
    assertEquals(1, counting.recoveries());
  }

  @Test
  void signingCachesTheSenderWithoutRecovery() throws Exception {
    TestSuites.Counting counting = TestSuites.countingEthereum();
    Transaction tx = dynamicFee().sign(KEY, counting);
    assertEquals(SENDER, tx.sender());
    assertEquals(0, counting.recoveries());
  }

  @Test
  void rejectsHighSAsMalleableUnderEip2() {
    Transaction good = dynamicFee().sign(KEY, ETH);
    Signature flipped = new Signature(good.r(), Secp256k1.N.subtract(good.s()), 1 - good.yParity());
    Transaction malleated = dynamicFee().signed(flipped, ETH);
    InvalidTransactionException e = assertThrows(InvalidTransactionException.class, malleated::sender);
    assertEquals(InvalidTransactionException.Reason.INVALID_SIGNATURE, e.reason());
    assertTrue(e.getMessage().contains("EIP-2"), e.getMessage());
  }

  @Test
  void rejectsOutOfRangeRAndKeepsRejectingWithoutRetrying() {
    TestSuites.Counting counting = TestSuites.countingEthereum();
    Transaction tx = dynamicFee().signed(new Signature(Secp256k1.N, BigInteger.ONE, 0), counting);
    InvalidTransactionException first = assertThrows(InvalidTransactionException.class, tx::sender);
    InvalidTransactionException second = assertThrows(InvalidTransactionException.class, tx::sender);
    assertTrue(first.getMessage().contains("r is out of range"), first.getMessage());
    assertEquals(first.getMessage(), second.getMessage());
    assertEquals(0, counting.recoveries());
  }

  @Test
  void aSignatureOverOtherFieldsRecoversSomeoneElse() throws Exception {
    Transaction original = dynamicFee().sign(KEY, ETH);
    Transaction tampered = dynamicFee().nonce(4).signed(original.signature(), ETH);
    assertTrue(!SENDER.equals(safeSender(tampered)));
  }

  private static Address safeSender(Transaction tx) {
    try {
      return tx.sender();
    } catch (InvalidTransactionException e) {
      return null;
    }
  }

  @Test
  void refusesBlobAndSetCodeTransactionsWithAClearMessage() {
    byte[] body = Rlp.list().addLong(1).build();
    byte[] blob = concat(new byte[] {3}, body);
    byte[] setCode = concat(new byte[] {4}, body);
    assertTrue(assertThrows(RlpException.class, () -> Transaction.decode(blob, ETH)).getMessage().contains("blob"));
    assertTrue(assertThrows(RlpException.class, () -> Transaction.decode(setCode, ETH)).getMessage()
        .contains("set-code"));
    assertTrue(assertThrows(RlpException.class, () -> Transaction.decode(concat(new byte[] {0x09}, body), ETH))
        .getMessage().contains("unknown transaction type 0x09"));
    assertThrows(RlpException.class, () -> Transaction.decode(concat(new byte[] {0}, body), ETH));
  }

  @Test
  void refusesEncodingsLargerThanTheCap() {
    byte[] encoding = dynamicFee().data(Bytes.wrap(new byte[1000])).sign(KEY, ETH).encode();
    RlpException e = assertThrows(RlpException.class, () -> Transaction.decode(encoding, ETH, 500));
    assertTrue(e.getMessage().contains("exceeds the limit of 500"), e.getMessage());
  }

  @Test
  void refusesTrailingBytesAndWrongFieldCounts() throws Exception {
    byte[] encoding = dynamicFee().sign(KEY, ETH).encode();
    assertThrows(RlpException.class, () -> Transaction.decode(concat(encoding, new byte[] {0}), ETH));
    RlpItem fields = Rlp.decode(encoding, 1, encoding.length - 1);
    List<byte[]> items = new java.util.ArrayList<>();
    for (RlpItem item : fields.items()) {
      items.add(item.encoded());
    }
    items.add(Rlp.encodeLong(0));
    byte[] oneMore = concat(new byte[] {2}, Rlp.encodeList(items));
    RlpException e = assertThrows(RlpException.class, () -> Transaction.decode(oneMore, ETH));
    assertTrue(e.getMessage().contains("13"), e.getMessage());
  }

  @Test
  void keyCarryingSuitesAppendThePublicKeyAndVerifyIt() throws Exception {
    CryptoSuite carried = TestSuites.carriedKey();
    Transaction tx = dynamicFee().sign(KEY, carried);
    RlpItem fields = Rlp.decode(tx.encode(), 1, tx.size() - 1);
    assertEquals(13, fields.items().size());
    assertArrayEquals(KEY.publicKey(), fields.items().get(12).bytes());

    Transaction decoded = Transaction.decode(tx.encode(), carried);
    assertArrayEquals(KEY.publicKey(), decoded.signature().publicKey());
    assertEquals(SENDER, decoded.sender());
    decoded.validate();

    assertThrows(RlpException.class, () -> Transaction.decode(tx.encode(), ETH), "ethereum suite must refuse the key");
    byte[] ethEncoding = dynamicFee().sign(KEY, ETH).encode();
    assertThrows(RlpException.class, () -> Transaction.decode(ethEncoding, carried), "key-carrying suite needs the key");
  }

  @Test
  void keyCarryingSuitesRejectASignatureByAnotherKey() throws Exception {
    CryptoSuite carried = TestSuites.carriedKey();
    KeyPair other = ETH.keyPair(bytes32(9));
    Transaction genuine = dynamicFee().sign(KEY, carried);
    Signature wrongKey = new Signature(genuine.r(), genuine.s(), 0, other.publicKey());
    Transaction forged = dynamicFee().signed(wrongKey, carried);
    InvalidTransactionException e =
        assertThrows(InvalidTransactionException.class, () -> Transaction.decode(forged.encode(), carried).sender());
    assertEquals(InvalidTransactionException.Reason.INVALID_SIGNATURE, e.reason());
  }

  @Test
  void intrinsicGasFollowsCancun() {
    assertEquals(21_000, Transaction.builder().gasPrice(BigInteger.ONE).to(RECIPIENT).sign(KEY, ETH).intrinsicGas());
    // 21000 + 4 + 16 + 4 + 2400 + 2 * 1900
    assertEquals(27_224, dynamicFee().sign(KEY, ETH).intrinsicGas());
    // creation of 33 bytes, all non-zero: 21000 + 32000 + 33*16 + 2 words * 2
    byte[] initCode = new byte[33];
    Arrays.fill(initCode, (byte) 1);
    Transaction create = dynamicFee().to(null).accessList(List.of()).data(Bytes.wrap(initCode)).sign(KEY, ETH);
    assertTrue(create.isContractCreation());
    assertEquals(21_000 + 32_000 + 33 * 16 + 4, create.intrinsicGas());
  }

  @Test
  void validateNamesTheBrokenRule() {
    assertReason(InvalidTransactionException.Reason.INTRINSIC_GAS_TOO_LOW, dynamicFee().gasLimit(27_223));
    assertReason(InvalidTransactionException.Reason.INITCODE_TOO_LARGE, dynamicFee().to(null).gasLimit(10_000_000)
        .data(Bytes.wrap(new byte[Transaction.INITCODE_SIZE_MAX_BYTES + 1])));
    assertReason(InvalidTransactionException.Reason.PRIORITY_FEE_ABOVE_MAX_FEE,
        dynamicFee().maxPriorityFeePerGas(BigInteger.valueOf(101)));
    assertReason(InvalidTransactionException.Reason.GAS_COST_OVERFLOW,
        dynamicFee().maxPriorityFeePerGas(BigInteger.ONE).maxFeePerGas(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
  }

  @Test
  void initCodeAtTheLimitIsAccepted() throws Exception {
    dynamicFee().to(null).gasLimit(10_000_000).data(Bytes.wrap(new byte[Transaction.INITCODE_SIZE_MAX_BYTES]))
        .sign(KEY, ETH).validate();
  }

  private static void assertReason(InvalidTransactionException.Reason reason, Transaction.Builder builder) {
    Transaction tx = builder.sign(KEY, ETH);
    assertEquals(reason, assertThrows(InvalidTransactionException.class, tx::validate).reason());
  }

  @Test
  void effectiveGasPriceIsCappedByTheFeeCap() {
    Transaction tx = dynamicFee().sign(KEY, ETH);
    assertEquals(BigInteger.valueOf(52), tx.effectiveGasPrice(BigInteger.valueOf(50)));
    assertEquals(BigInteger.valueOf(100), tx.effectiveGasPrice(BigInteger.valueOf(99)));
    assertEquals(BigInteger.valueOf(60_000L * 100 + 10), tx.maxCost());
    Transaction legacy = Transaction.builder().gasPrice(BigInteger.valueOf(7)).gasLimit(21_000).to(RECIPIENT)
        .sign(KEY, ETH);
    assertEquals(BigInteger.valueOf(7), legacy.effectiveGasPrice(BigInteger.valueOf(3)));
    assertEquals(BigInteger.valueOf(7), legacy.maxPriorityFeePerGas());
    assertNull(tx.gasPrice());
  }

  @Test
  void builderRefusesFieldsInconsistentWithTheType() {
    assertThrows(IllegalArgumentException.class,
        () -> dynamicFee().gasPrice(BigInteger.ONE).sign(KEY, ETH));
    assertThrows(IllegalArgumentException.class,
        () -> Transaction.builder().type(TransactionType.ACCESS_LIST).gasPrice(BigInteger.ONE).sign(KEY, ETH));
    assertThrows(IllegalArgumentException.class,
        () -> Transaction.builder().type(TransactionType.LEGACY).gasPrice(BigInteger.ONE).accessList(ACCESS_LIST)
            .sign(KEY, ETH));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
