package io.trestle.core.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.tx.TransactionType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Receipt's one-pass encoder against the generic RLP builder, over every shape of log a receipt can carry. */
class ReceiptEncodingPropertiesTest {
  @Property(tries = 300)
  void onePassEncodingEqualsTheGenericRlpEncoding(@ForAll("receipts") Receipt receipt) throws Exception {
    byte[] expected = reference(receipt);
    assertArrayEquals(expected, receipt.encode());
    // cached: the second call gives the same bytes, and a caller changing its copy changes nothing
    byte[] copy = receipt.encode();
    copy[copy.length - 1] ^= 1;
    assertArrayEquals(expected, receipt.encode());
    assertEquals(receipt, Receipt.decode(expected));
  }

  private static byte[] reference(Receipt r) {
    Rlp.ListBuilder logList = Rlp.list();
    for (Log log : r.logs()) {
      Rlp.ListBuilder topics = Rlp.list();
      for (Hash t : log.topics()) {
        topics.addBytes(t.unsafeArray());
      }
      logList.addEncoded(Rlp.list().addBytes(log.address().unsafeArray()).addEncoded(topics.build())
          .addBytes(log.data().unsafeArray()).build());
    }
    byte[] rlp = Rlp.list().addLong(r.status()).addLong(r.cumulativeGasUsed()).addBytes(r.logsBloom().unsafeArray())
        .addEncoded(logList.build()).build();
    if (r.type() == TransactionType.LEGACY) {
      return rlp;
    }
    byte[] out = new byte[rlp.length + 1];
    out[0] = (byte) r.type().code();
    System.arraycopy(rlp, 0, out, 1, rlp.length);
    return out;
  }

  @Provide
  Arbitrary<Receipt> receipts() {
    Arbitrary<Log> log = Combinators.combine(
        Arbitraries.longs().between(0, 1L << 40),
        Arbitraries.integers().between(0, Log.TOPICS_MAX),
        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300),
        Arbitraries.integers().between(0, 1000))
        .as((a, topics, data, seed) -> {
          List<Hash> ts = new ArrayList<>();
          for (int i = 0; i < topics; i++) {
            ts.add(Hash.keccak(new byte[] {(byte) seed.intValue(), (byte) i}));
          }
          return new Log(Address.ofLong(a), ts, Bytes.wrap(data));
        });
    return Combinators.combine(
        Arbitraries.of(TransactionType.values()),
        Arbitraries.of(true, false),
        Arbitraries.oneOf(Arbitraries.longs().between(0, 300), Arbitraries.longs().between(0, Long.MAX_VALUE)),
        Arbitraries.oneOf(log.list().ofMaxSize(3), log.list().ofMinSize(40).ofMaxSize(400)))
        .as(Receipt::new);
  }
}
