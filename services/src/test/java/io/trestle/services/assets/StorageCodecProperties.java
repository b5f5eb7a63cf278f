package io.trestle.services.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiEvent;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Packed words and Solidity-layout strings read back what was written; a shorter overwrite leaves no words. */
class StorageCodecProperties {
  static final Address A = Address.ofLong(0x7e57_4000L);

  /** Storage of one account in a map (zero values deleted, as the world state does). */
  static final class MapSlots implements Slots {
    final Map<UInt256, UInt256> words = new HashMap<>();

    @Override
    public UInt256 load(Address account, UInt256 slot) {
      return words.getOrDefault(slot, UInt256.ZERO);
    }

    @Override
    public void store(Address account, UInt256 slot, UInt256 value) {
      if (value.isZero()) {
        words.remove(slot);
      } else {
        words.put(slot, value);
      }
    }
  }

  @Property
  void directTransferEventEqualsTheAbiEncoding(@ForAll @Size(20) byte[] from, @ForAll @Size(20) byte[] to,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 1) long id) throws Exception {
    AbiEvent.Encoded expected = AssetAbi.TRANSFER_721.encode(Address.wrap(from), Address.wrap(to),
        java.math.BigInteger.valueOf(id));
    AbiEvent.Encoded direct = Ctx.transfer721(Address.wrap(from), Address.wrap(to), id);
    assertEquals(expected.topics(), direct.topics());
    assertEquals(expected.data(), direct.data());
  }

  @Property
  void packedWordsRoundTrip(@ForAll @Size(20) byte[] address, @ForAll long mid, @ForAll int flags) {
    UInt256 w = Word.pack(Address.wrap(address), mid, flags);
    assertEquals(Address.wrap(address), Word.address(w));
    assertEquals(mid, Word.mid(w));
    assertEquals(flags, Word.flags(w));
  }

  @Property
  void stringsRoundTripAndShorterOverwritesLeaveNoWords(@ForAll @StringLength(max = 300) String first,
      @ForAll @StringLength(max = 300) String second) throws Exception {
    MapSlots s = new MapSlots();
    UInt256 slot = UInt256.valueOf(3);
    s.storeString(A, slot, first);
    assertEquals(first, s.loadString(A, slot));
    s.storeString(A, slot, second);
    assertEquals(second, s.loadString(A, slot));
    MapSlots fresh = new MapSlots();
    fresh.storeString(A, slot, second);
    assertEquals(fresh.words, s.words, "no words of the first value remain");
  }
}
