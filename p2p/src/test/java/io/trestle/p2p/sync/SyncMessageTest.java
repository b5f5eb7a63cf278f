package io.trestle.p2p.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Hash;
import io.trestle.p2p.Mutator;
import io.trestle.p2p.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SyncMessageTest {
  @Provide
  Arbitrary<SyncMessage> messages() {
    Arbitrary<Long> heights = Arbitraries.longs().between(0, Long.MAX_VALUE - 2048);
    Arbitrary<SyncMessage> status = Combinators.combine(heights, Arbitraries.bytes().array(byte[].class).ofSize(32))
        .as((h, hash) -> new SyncMessage.Status(h, Hash.wrap(hash)));
    Arbitrary<SyncMessage> get = Combinators.combine(Arbitraries.longs(), heights,
        Arbitraries.integers().between(0, SyncMessage.BLOCKS_PER_MESSAGE_MAX - 1),
        Arbitraries.integers().between(1, SyncMessage.PAYLOAD_BYTES_MAX))
        .as((id, from, span, bytes) -> new SyncMessage.GetBlocks(id, from, from + span, bytes));
    Arbitrary<SyncMessage> blocks = Combinators.combine(Arbitraries.longs(), heights,
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64).list().ofMaxSize(12))
        .as((id, from, items) -> new SyncMessage.Blocks(id, from, items));
    return Arbitraries.oneOf(status, get, blocks);
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }

  @Property(tries = 300)
  void everyMessageRoundTrips(@ForAll("messages") SyncMessage message) throws Exception {
    byte[] encoded = message.encode();
    assertArrayEquals(encoded, SyncMessage.decode(encoded).encode());
  }

  @Property(tries = 500)
  void randomBytesDecodeOrFailWithProtocolExceptionOnly(@ForAll("anyBytes") byte[] bytes) {
    try {
      SyncMessage m = SyncMessage.decode(bytes);
      assertArrayEquals(bytes, m.encode(), "the encoding is canonical");
    } catch (ProtocolException expected) {
      // the documented outcome
    }
  }

  @Property(tries = 500)
  void mutatedMessagesDecodeOrFailWithProtocolExceptionOnly(@ForAll("messages") SyncMessage message,
      @ForAll long seed) {
    byte[] mutated = Mutator.mutate(message.encode(), seed);
    try {
      SyncMessage m = SyncMessage.decode(mutated);
      assertArrayEquals(mutated, m.encode(), "the encoding is canonical");
    } catch (ProtocolException expected) {
      // the documented outcome
    }
  }

  @Test
  void refusesRangesLongerThanTheLimitOrReversed() {
    byte[] ok = new SyncMessage.GetBlocks(1, 10, 20, 1000).encode();
    byte[] reversed = ok.clone();
    reversed[1 + 8 + 7] = 30;
    assertTrue(assertThrows(ProtocolException.class, () -> SyncMessage.decode(reversed)).getMessage()
        .contains("reversed"));
    byte[] tooLong = new SyncMessage.GetBlocks(1, 0, 0, 1000).encode();
    tooLong[1 + 8 + 8 + 6] = 0x10;
    assertThrows(ProtocolException.class, () -> SyncMessage.decode(tooLong));
  }

  @Test
  void refusesBlockCountsThatCannotFitTheMessage() {
    List<byte[]> items = new ArrayList<>();
    items.add(new byte[] {1, 2, 3});
    byte[] encoded = new SyncMessage.Blocks(5, 7, items).encode();
    encoded[1 + 8 + 8 + 3] = 100;
    ProtocolException e = assertThrows(ProtocolException.class, () -> SyncMessage.decode(encoded));
    assertTrue(e.getMessage().contains("count"), e.getMessage());
  }

  @Test
  void serverFitsResponsesToTheByteBudgetButAlwaysSendsTheFirstBlock() {
    List<byte[]> items = List.of(new byte[600], new byte[600], new byte[600]);
    assertEquals(1, BlockSync.fit(items, 3, 1000).size());
    assertEquals(2, BlockSync.fit(items, 3, 1300).size());
    assertEquals(2, BlockSync.fit(items, 2, 1 << 20).size(), "never more heights than asked");
    assertEquals(1, BlockSync.fit(items, 3, 10).size(), "one block over the soft budget still goes");
  }
}
