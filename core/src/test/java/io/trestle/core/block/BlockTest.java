package io.trestle.core.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.core.testing.TestSuites;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockTest {
  private static final CryptoSuite ETH = EthereumSuite.INSTANCE;
  private static final KeyPair KEY = ETH.keyPair(padded(BigInteger.valueOf(1_234_567)));

  private static byte[] padded(BigInteger v) {
    byte[] out = new byte[32];
    byte[] raw = v.toByteArray();
    System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
    return out;
  }

  static Header.Builder header() {
    return Header.builder()
        .parentHash(Hash.keccak(new byte[] {1}))
        .number(42)
        .timestampMs(1_700_000_123_456L)
        .proposer(Address.ofLong(0x7e57))
        .round(3)
        .transactionsRoot(Hash.EMPTY_TRIE_ROOT)
        .gasLimit(30_000_000)
        .baseFeePerGas(BigInteger.valueOf(1_000_000_000))
        .lastStateRoot(Hash.keccak(new byte[] {2}))
        .lastReceiptsRoot(Hash.EMPTY_TRIE_ROOT)
        .lastGasUsed(21_000)
        .validatorsHash(Hash.keccak(new byte[] {3}))
        .nextValidatorsHash(Hash.keccak(new byte[] {4}))
        .extraData(Bytes.fromHex("0x7472657374"));
  }

  private static List<Transaction> transactions(CryptoSuite suite) {
    Address to = Address.ofLong(0xbeef);
    return List.of(
        Transaction.builder().chainId(7357).gasPrice(BigInteger.TEN).gasLimit(21_000).to(to).sign(KEY, suite),
        Transaction.builder().chainId(7357).nonce(1).maxPriorityFeePerGas(BigInteger.ONE)
            .maxFeePerGas(BigInteger.TEN).gasLimit(21_000).to(to).sign(KEY, suite));
  }

  @Test
  void headerRoundTripsAndKeepsItsFieldOrder() throws Exception {
    Header h = header().build();
    Header decoded = Header.decode(h.encode());
    assertEquals(h, decoded);
    assertEquals(1_700_000_123L, decoded.timestampSeconds());
    List<RlpItem> fields = Rlp.decode(h.encode()).items();
    assertEquals(Header.FIELD_COUNT, fields.size());
    assertEquals(h.parentHash(), fields.get(0).asHash());
    assertEquals(3, fields.get(4).asLong());
    assertEquals(h.nextValidatorsHash(), fields.get(12).asHash());
  }

  @Test
  void headerHashUsesTheSuiteAskedFor() {
    Header h = header().build();
    byte[] envelope = io.trestle.core.rlp.Rlp.list().addLong(h.number()).addBytes(h.parentHash().toArray())
        .addBytes(h.proposer().toArray()).addLong(h.timestampMs()).addBytes(h.payloadCommitment(ETH).toArray()).build();
    assertEquals(Hash.keccak(envelope), h.hash(ETH));
    assertEquals(h.hash(ETH), h.hash(TestSuites.carriedKey()), "both test suites hash with Keccak");
    assertNotEquals(h.hash(ETH), header().round(4).build().hash(ETH));
  }

  @Test
  void headerRefusesLongExtraDataAndNegativeFields() {
    assertThrows(IllegalArgumentException.class, () -> header().extraData(Bytes.wrap(new byte[33])).build());
    assertThrows(IllegalArgumentException.class, () -> header().round(-1).build());
    assertThrows(NullPointerException.class, () -> header().proposer(null).build());
  }

  @Test
  void headerDecodingNamesTheBadField() throws Exception {
    List<byte[]> fields = new ArrayList<>();
    for (RlpItem item : Rlp.decode(header().build().encode()).items()) {
      fields.add(item.encoded());
    }
    fields.set(3, Rlp.encodeBytes(new byte[19]));
    RlpException e = assertThrows(RlpException.class, () -> Header.decode(Rlp.encodeList(fields)));
    assertTrue(e.getMessage().contains("proposer"), e.getMessage());
    fields.set(3, Rlp.encodeBytes(new byte[20]));
    fields.set(13, Rlp.encodeBytes(new byte[33]));
    e = assertThrows(RlpException.class, () -> Header.decode(Rlp.encodeList(fields)));
    assertTrue(e.getMessage().contains("extraData"), e.getMessage());
    fields.set(13, Rlp.encodeBytes(new byte[0]));
    fields.set(4, Rlp.encodeLong(1L << 31));
    e = assertThrows(RlpException.class, () -> Header.decode(Rlp.encodeList(fields)));
    assertTrue(e.getMessage().contains("round"), e.getMessage());
    fields.remove(13);
    assertThrows(RlpException.class, () -> Header.decode(Rlp.encodeList(fields)));
  }

  @Test
  void blockRoundTripsWithLegacyAndTypedTransactions() throws Exception {
    List<Transaction> txs = transactions(ETH);
    Block block = new Block(header().transactionsRoot(Block.transactionsRoot(txs)).build(), txs);
    Block decoded = Block.decode(block.encode(), ETH);
    assertEquals(block, decoded);
    assertTrue(decoded.hasMatchingTransactionsRoot());
    assertEquals(block.header().hash(ETH), decoded.hash(ETH));
    assertEquals(txs, Block.decodeBody(Block.encodeBody(txs), ETH));
  }

  @Test
  void bodyCarriesTypedTransactionsAsStringsAndLegacyOnesAsLists() throws Exception {
    List<Transaction> txs = transactions(ETH);
    List<RlpItem> items = Rlp.decode(Block.encodeBody(txs)).items();
    assertTrue(items.get(0).isList());
    assertFalse(items.get(1).isList());
    assertArrayEquals(txs.get(1).encode(), items.get(1).bytes());
  }

  @Test
  void refusesALegacyTransactionWrappedInAString() {
    Transaction legacy = transactions(ETH).get(0);
    byte[] body = Rlp.encodeList(Rlp.encodeBytes(legacy.encode()));
    assertThrows(RlpException.class, () -> Block.decodeBody(body, ETH));
  }

  @Test
  void detectsABodyThatDoesNotMatchTheHeader() {
    Block block = new Block(header().build(), transactions(ETH));
    assertFalse(block.hasMatchingTransactionsRoot());
    assertTrue(new Block(header().build(), List.of()).hasMatchingTransactionsRoot());
  }

  @Test
  void blockDecodingHonoursTheSizeCapAndTheSuite() {
    List<Transaction> txs = transactions(ETH);
    byte[] encoded = new Block(header().build(), txs).encode();
    assertThrows(RlpException.class, () -> Block.decode(encoded, ETH, encoded.length - 1));
    RlpException e = assertThrows(RlpException.class, () -> Block.decode(encoded, TestSuites.carriedKey()));
    assertTrue(e.getMessage().startsWith("transaction 0"), e.getMessage());
  }
}
