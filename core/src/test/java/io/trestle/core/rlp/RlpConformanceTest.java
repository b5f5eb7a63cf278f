package io.trestle.core.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.testing.Conformance;
import io.trestle.crypto.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** ethereum-tests RLPTests: valid encodings round-trip, invalid ones are refused. */
class RlpConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> encodesAndDecodesEveryValidVector() throws IOException {
    return cases("ethereum-tests/RLPTests/rlptest.json").map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      byte[] expected = Hex.decode(e.getValue().get("out").asText());
      assertArrayEquals(expected, encode(e.getValue().get("in")), "encoding");
      assertArrayEquals(expected, Rlp.decode(expected).encoded(), "decode then re-encode");
      assertArrayEquals(expected, reencode(Rlp.decode(expected)), "structural round trip");
    }));
  }

  @TestFactory
  Stream<DynamicTest> rejectsEveryInvalidVector() throws IOException {
    return cases("ethereum-tests/RLPTests/invalidRLPTest.json").map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      byte[] bad = Hex.decode(e.getValue().get("out").asText());
      assertThrows(RlpException.class, () -> Rlp.decode(bad));
    }));
  }

  @TestFactory
  Stream<DynamicTest> decodesRandomVectors() throws IOException {
    return cases("ethereum-tests/RLPTests/RandomRLPTests/example.json").map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      byte[] bytes = Hex.decode(e.getValue().get("out").asText());
      assertArrayEquals(bytes, reencode(Rlp.decode(bytes)));
    }));
  }

  private static Stream<Map.Entry<String, JsonNode>> cases(String file) throws IOException {
    Path path = Conformance.path(file);
    JsonNode root = JSON.readTree(path.toFile());
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    out.addAll(root.properties());
    return out.stream();
  }

  private static byte[] encode(JsonNode in) {
    if (in.isArray()) {
      List<byte[]> items = new ArrayList<>();
      in.forEach(child -> items.add(encode(child)));
      return Rlp.encodeList(items);
    }
    if (in.isIntegralNumber()) {
      return Rlp.encodeBigInteger(in.bigIntegerValue());
    }
    String s = in.asText();
    if (s.startsWith("#")) {
      return Rlp.encodeBigInteger(new BigInteger(s.substring(1)));
    }
    return Rlp.encodeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] reencode(RlpItem item) throws RlpException {
    if (item.isList()) {
      List<byte[]> items = new ArrayList<>();
      for (RlpItem child : item.items()) {
        items.add(reencode(child));
      }
      return Rlp.encodeList(items);
    }
    return Rlp.encodeBytes(item.bytes());
  }
}
