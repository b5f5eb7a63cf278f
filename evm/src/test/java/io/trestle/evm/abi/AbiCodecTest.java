package io.trestle.evm.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AbiCodecTest {
  static Path conformance(String rel) {
    String dir = System.getProperty("trestle.conformance.dir");
    if (dir == null) {
      throw new IllegalStateException("system property trestle.conformance.dir is not set");
    }
    Path p = Path.of(dir, rel);
    if (!Files.exists(p)) {
      throw new IllegalStateException("conformance file missing: " + p);
    }
    return p;
  }

  @Test
  void encodesEveryEthereumAbiTestVector() throws Exception {
    JsonNode root = new ObjectMapper().readTree(conformance("ethereum-tests/ABITests/basic_abi_tests.json").toFile());
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<AbiType> types = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < e.getValue().get("types").size(); i++) {
        AbiType t = AbiType.parse(e.getValue().get("types").get(i).asText());
        types.add(t);
        values.add(fromJson(t, e.getValue().get("args").get(i)));
      }
      Bytes encoded = AbiCodec.encode(types, values);
      assertEquals("0x" + e.getValue().get("result").asText(), encoded.toHex(), e.getKey());
      assertEquals(values, AbiCodec.decode(types, encoded), e.getKey());
      checked++;
    }
    assertEquals(3, checked);
  }

  private static Object fromJson(AbiType t, JsonNode n) {
    return switch (t.kind()) {
      case UINT, INT -> new BigInteger(n.asText());
      case ADDRESS -> Address.fromHex(n.asText());
      case BOOL -> n.asBoolean();
      case FIXED_BYTES, BYTES -> Bytes.wrap(n.asText().getBytes(StandardCharsets.UTF_8));
      case STRING -> n.asText();
      case ARRAY -> {
        List<Object> l = new ArrayList<>();
        n.forEach(x -> l.add(fromJson(t.element(), x)));
        yield l;
      }
      case TUPLE -> throw new IllegalArgumentException("no tuples in the vectors");
    };
  }

  @Test
  void computesWellKnownSelectorsAndTopics() throws Exception {
    assertEquals("0xa9059cbb", Bytes.wrap(Abi.selector("transfer(address,uint256)")).toHex());
    AbiFunction transfer = AbiFunction.parse("transfer(address to, uint256 amount)");
    assertEquals("0xa9059cbb", Bytes.wrap(transfer.selector()).toHex());
    assertEquals("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
        AbiEvent.parse("Transfer(address indexed from, address indexed to, uint256 value)").topic0().toHex());
  }

  @Test
  void encodesRevertReasonsAsEthersExpects() {
    Bytes data = Abi.encodeError("Not enough Ether provided.");
    assertEquals("0x08c379a0"
        + "0000000000000000000000000000000000000000000000000000000000000020"
        + "000000000000000000000000000000000000000000000000000000000000001a"
        + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000", data.toHex());
    assertEquals("Not enough Ether provided.", Abi.decodeError(data));
    assertNull(Abi.decodeError(Bytes.fromHex("0x1234")));
  }

  @Test
  void encodesNestedDynamicTuplesLikeSolidity() throws Exception {
    // f((uint256,string)[]) with [(1,"a")]: what solc's abi.encode produces
    AbiType t = AbiType.parse("(uint256,string)[]");
    Bytes enc = AbiCodec.encode(List.of(t), List.of(List.of(List.of(BigInteger.ONE, "a"))));
    assertEquals("0x"
        + "0000000000000000000000000000000000000000000000000000000000000020"
        + "0000000000000000000000000000000000000000000000000000000000000001"
        + "0000000000000000000000000000000000000000000000000000000000000020"
        + "0000000000000000000000000000000000000000000000000000000000000001"
        + "0000000000000000000000000000000000000000000000000000000000000040"
        + "0000000000000000000000000000000000000000000000000000000000000001"
        + "6100000000000000000000000000000000000000000000000000000000000000", enc.toHex());
    assertEquals(List.of(List.of(List.of(BigInteger.ONE, "a"))), AbiCodec.decode(List.of(t), enc));
  }

  @Test
  void encodesNegativeIntegersInTwosComplement() throws Exception {
    Bytes enc = AbiCodec.encode(List.of(AbiType.parse("int8")), List.of(BigInteger.valueOf(-1)));
    assertEquals("0x" + "ff".repeat(32), enc.toHex());
    assertEquals(List.of(BigInteger.valueOf(-1)), AbiCodec.decode(List.of(AbiType.parse("int8")), enc));
  }

  @Test
  void refusesValuesThatDoNotFitTheirType() throws Exception {
    assertThrows(AbiException.class, () -> AbiCodec.encode(List.of(AbiType.parse("uint8")), List.of(256L)));
    assertThrows(AbiException.class, () -> AbiCodec.encode(List.of(AbiType.parse("int8")), List.of(128L)));
    assertThrows(AbiException.class,
        () -> AbiCodec.encode(List.of(AbiType.parse("bytes2")), List.of(Bytes.fromHex("0x01"))));
    assertThrows(AbiException.class, () -> AbiCodec.encode(List.of(AbiType.ADDRESS), List.of("0x00")));
  }

  @Test
  void refusesMalformedTypes() {
    for (String bad : List.of("uint7", "uint264", "bytes33", "bytes0", "foo", "uint256[", "(uint256", "uint01")) {
      assertThrows(AbiException.class, () -> AbiType.parse(bad), bad);
    }
  }

  @Test
  void refusesDirtyAndTruncatedData() {
    List<AbiType> addr = List.of(AbiType.ADDRESS);
    assertThrows(AbiException.class, () -> AbiCodec.decode(addr, Bytes.fromHex("0x01" + "00".repeat(31))));
    assertThrows(AbiException.class,
        () -> AbiCodec.decode(List.of(AbiType.BOOL), Bytes.fromHex("0x" + "00".repeat(31) + "02")));
    assertThrows(AbiException.class, () -> AbiCodec.decode(List.of(AbiType.UINT256), Bytes.fromHex("0x00")));
    // string whose offset points far past the end
    assertThrows(AbiException.class, () -> AbiCodec.decode(List.of(AbiType.STRING),
        Bytes.fromHex("0x" + "00".repeat(30) + "ffff")));
    // string whose length claims 2^200 bytes
    assertThrows(AbiException.class, () -> AbiCodec.decode(List.of(AbiType.STRING),
        Bytes.fromHex("0x" + "00".repeat(31) + "20" + "01" + "00".repeat(31))));
  }

  @Test
  void boundsTheWorkOfAliasedOffsets() {
    // uint256[][][] of 100 x 100 x 100 where every element of a level points at one shared array below it:
    // 10 kB of data that naive decoding would expand to a million values
    int n = 100;
    StringBuilder hex = new StringBuilder(String.format("%064x", 32));
    for (int level = 0; level < 2; level++) {
      hex.append(String.format("%064x", n));
      for (int i = 0; i < n; i++) {
        hex.append(String.format("%064x", 32 * n));
      }
    }
    hex.append(String.format("%064x", n));
    hex.append("00".repeat(32 * n));
    Bytes data = Bytes.fromHex(hex.toString());
    AbiException e = assertThrows(AbiException.class,
        () -> AbiCodec.decode(List.of(AbiType.parse("uint256[][][]")), data));
    assertTrue(e.getMessage().contains("more than"), e.getMessage());
  }

  @Test
  void decodesCallDataAfterCheckingTheSelector() throws Exception {
    AbiFunction f = AbiFunction.parse("echo(string message)", "string");
    Bytes call = f.encodeCall("hi");
    assertEquals(List.of("hi"), f.decodeCall(call));
    assertThrows(AbiException.class, () -> f.decodeCall(Bytes.fromHex("0xdeadbeef")));
    assertArrayEquals(Arrays.copyOf(call.unsafeArray(), 4), f.selector());
  }

  @Test
  void encodesEventTopicsAndData() throws Exception {
    AbiEvent e = AbiEvent.parse("Incremented(address indexed caller, uint256 value)");
    Address caller = Address.ofLong(0x1234);
    AbiEvent.Encoded enc = e.encode(caller, BigInteger.TEN);
    assertEquals(2, enc.topics().size());
    assertEquals(Abi.eventTopic("Incremented(address,uint256)"), enc.topics().get(0));
    assertEquals("0x" + "00".repeat(12) + Hex.encode(caller.toArray()), enc.topics().get(1).toHex());
    assertEquals(List.of(BigInteger.TEN), AbiCodec.decode(List.of(AbiType.UINT256), enc.data()));
  }

  @Property(tries = 300)
  void decodingReversesEncoding(@ForAll("typedValues") TypedValue tv) throws Exception {
    Bytes enc = AbiCodec.encode(List.of(tv.type()), List.of(tv.value()));
    assertEquals(List.of(tv.value()), AbiCodec.decode(List.of(tv.type()), enc));
    assertTrue(enc.size() % 32 == 0);
  }

  @Property(tries = 500)
  void decodingArbitraryBytesNeverThrowsUnchecked(@ForAll byte[] data) throws Exception {
    for (String type : List.of("string", "uint256[]", "(bytes,uint8)[]", "bytes32[2][]", "address")) {
      try {
        AbiCodec.decode(List.of(AbiType.parse(type)), Bytes.wrap(data));
      } catch (AbiException expected) {
        // refusing is fine; crashing is not
      }
    }
  }

  record TypedValue(AbiType type, Object value) {}

  @Provide
  Arbitrary<TypedValue> typedValues() {
    Arbitrary<TypedValue> uints = Arbitraries.integers().between(1, 32).flatMap(bytes ->
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(8 * bytes).subtract(BigInteger.ONE))
            .map(v -> new TypedValue(AbiType.uint(8 * bytes), v)));
    Arbitrary<TypedValue> ints = Arbitraries.integers().between(1, 32).flatMap(bytes ->
        Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(8 * bytes - 1).negate(),
                BigInteger.ONE.shiftLeft(8 * bytes - 1).subtract(BigInteger.ONE))
            .map(v -> new TypedValue(AbiType.int_(8 * bytes), v)));
    Arbitrary<TypedValue> strings = Arbitraries.strings().ofMaxLength(80).map(s -> new TypedValue(AbiType.STRING, s));
    Arbitrary<TypedValue> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(100)
        .map(b -> new TypedValue(AbiType.BYTES, Bytes.wrap(b)));
    Arbitrary<TypedValue> bools = Arbitraries.of(true, false).map(b -> new TypedValue(AbiType.BOOL, b));
    Arbitrary<TypedValue> scalar = Arbitraries.oneOf(uints, ints, strings, bytes, bools);
    Arbitrary<TypedValue> arrays = scalar.list().ofMaxSize(4).filter(l -> !l.isEmpty()).map(l -> {
      AbiType el = l.get(0).type();
      List<Object> vals = new ArrayList<>();
      for (TypedValue v : l) {
        if (v.type().equals(el)) {
          vals.add(v.value());
        }
      }
      return new TypedValue(AbiType.array(el, -1), vals);
    });
    Arbitrary<TypedValue> tuples = Combinators.combine(scalar, scalar, arrays).as((a, b, c) ->
        new TypedValue(AbiType.tuple(List.of(a.type(), b.type(), c.type())), List.of(a.value(), b.value(), c.value())));
    return Arbitraries.oneOf(scalar, arrays, tuples);
  }
}
