package io.trestle.core.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptTest {
  /**
   * A failed receipt with cumulative gas 1 and two logs (addresses 0x11 and 0x0111, topics 0xdead and 0xbeef,
   * data 0x0100ff), as go-ethereum's core/types receipt tests encode it: fixes status, bloom and log layout.
   */
  private static final String GETH_LEGACY_RECEIPT = "f901c58001b90100000000000000100000000000000000000000000000000000000000000000000000000000000000000000"
      + "0000000000000000000000000000000000000000000000000050000000000000000000000000000000000001400000000000"
      + "0000000000000000000000000000000000000000000000000000000000000000010000080000000000000000000004000000"
      + "0000000000000000000000400000000000000000000000000008000000000000000000000000000000000000000000000000"
      + "0000040000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000"
      + "0000000000000000000000000000f8bef85d940000000000000000000000000000000000000011f842a00000000000000000"
      + "00000000000000000000000000000000000000000000deada000000000000000000000000000000000000000000000000000"
      + "0000000000beef830100fff85d940000000000000000000000000000000000000111f842a000000000000000000000000000"
      + "0000000000000000000000000000000000deada0000000000000000000000000000000000000000000000000000000000000"
      + "beef830100ff";

  private static List<Log> gethLogs() {
    List<Hash> topics = List.of(Hash.fromHex(pad("dead")), Hash.fromHex(pad("beef")));
    Bytes data = Bytes.fromHex("0x0100ff");
    return List.of(new Log(Address.ofLong(0x11), topics, data), new Log(Address.ofLong(0x0111), topics, data));
  }

  private static String pad(String hex) {
    return "0".repeat(64 - hex.length()) + hex;
  }

  @Test
  void encodesReceiptsOfEveryTypeAsEthereumDoes() throws Exception {
    byte[] legacy = Hex.decode(GETH_LEGACY_RECEIPT);
    Receipt receipt = new Receipt(TransactionType.LEGACY, false, 1, gethLogs());
    assertArrayEquals(legacy, receipt.encode());
    assertArrayEquals(concat((byte) 1, legacy), new Receipt(TransactionType.ACCESS_LIST, false, 1, gethLogs()).encode());
    assertArrayEquals(concat((byte) 2, legacy), new Receipt(TransactionType.DYNAMIC_FEE, false, 1, gethLogs()).encode());
    assertEquals(receipt, Receipt.decode(legacy));
    assertEquals(TransactionType.DYNAMIC_FEE, Receipt.decode(concat((byte) 2, legacy)).type());
  }

  @Test
  void bloomHoldsEveryAddressAndTopicOfTheLogs() {
    Bloom bloom = new Receipt(TransactionType.LEGACY, true, 1, gethLogs()).logsBloom();
    assertTrue(bloom.mightContain(Address.ofLong(0x11)));
    assertTrue(bloom.mightContain(Address.ofLong(0x0111)));
    assertTrue(bloom.mightContain(Hash.fromHex(pad("dead"))));
    assertFalse(bloom.mightContain(Address.ofLong(0x12)));
    assertEquals(bloom, Bloom.EMPTY.add(Address.ofLong(0x11)).add(Address.ofLong(0x0111))
        .add(Hash.fromHex(pad("dead"))).or(Bloom.EMPTY.add(Hash.fromHex(pad("beef")))));
  }

  @Test
  void refusesABloomThatDoesNotMatchTheLogs() throws Exception {
    byte[] legacy = Hex.decode(GETH_LEGACY_RECEIPT);
    List<byte[]> fields = fields(legacy);
    fields.set(2, Rlp.encodeBytes(new byte[Bloom.BYTES]));
    RlpException e = assertThrows(RlpException.class, () -> Receipt.decode(Rlp.encodeList(fields)));
    assertTrue(e.getMessage().contains("logsBloom"), e.getMessage());
  }

  @Test
  void refusesPreByzantiumStateRootsAndOtherStatuses() throws Exception {
    List<byte[]> fields = fields(Hex.decode(GETH_LEGACY_RECEIPT));
    fields.set(0, Rlp.encodeBytes(new byte[32]));
    assertTrue(assertThrows(RlpException.class, () -> Receipt.decode(Rlp.encodeList(fields))).getMessage()
        .contains("pre-Byzantium"));
    fields.set(0, Rlp.encodeLong(2));
    assertThrows(RlpException.class, () -> Receipt.decode(Rlp.encodeList(fields)));
    assertThrows(RlpException.class, () -> Receipt.decode(new byte[] {3, (byte) 0xc0}));
    assertThrows(RlpException.class, () -> Receipt.decode(new byte[0]));
  }

  @Test
  void refusesLogsWithMoreThanFourTopics() throws Exception {
    Rlp.ListBuilder topics = Rlp.list();
    for (int i = 0; i < 5; i++) {
      topics.addBytes(new byte[32]);
    }
    byte[] log = Rlp.list().addBytes(new byte[20]).addEncoded(topics.build()).addBytes(new byte[0]).build();
    assertThrows(RlpException.class, () -> Log.decode(log));
  }

  @Test
  void receiptsRootOfNoReceiptsIsTheEmptyTrieRoot() {
    assertEquals(Hash.EMPTY_TRIE_ROOT, Receipt.root(List.of()));
  }

  private static List<byte[]> fields(byte[] encoded) throws RlpException {
    List<byte[]> out = new ArrayList<>();
    for (RlpItem item : Rlp.decode(encoded).items()) {
      out.add(item.encoded());
    }
    return out;
  }

  private static byte[] concat(byte type, byte[] rlp) {
    byte[] out = new byte[rlp.length + 1];
    out[0] = type;
    System.arraycopy(rlp, 0, out, 1, rlp.length);
    return out;
  }
}
