package io.trestle.core.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Hash;
import io.trestle.core.testing.Conformance;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Keccak256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum-tests TrieTests: plain and secure (keys hashed with Keccak-256), insert-order and any-order files.
 * The root of a trie depends only on its final contents, so each case's operations are applied to a map
 * (null deletes) and the root of the final map is compared.
 */
class TrieRootConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> computesTheRootOfEveryTrieTest() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : List.of("trietest.json", "trieanyorder.json")) {
      tests.addAll(cases(file, false));
    }
    for (String file : List.of("trietest_secureTrie.json", "trieanyorder_secureTrie.json",
        "hex_encoded_securetrie_test.json")) {
      tests.addAll(cases(file, true));
    }
    return tests.stream();
  }

  private static List<DynamicTest> cases(String file, boolean secure) throws IOException {
    JsonNode root = JSON.readTree(Conformance.path("ethereum-tests/TrieTests/" + file).toFile());
    List<DynamicTest> out = new ArrayList<>();
    root.properties().forEach(e -> out.add(DynamicTest.dynamicTest(file + ":" + e.getKey(), () -> {
      Map<String, byte[]> contents = new LinkedHashMap<>();
      JsonNode in = e.getValue().get("in");
      if (in.isArray()) {
        in.forEach(pair -> apply(contents, pair.get(0), pair.get(1)));
      } else {
        in.properties().forEach(pair -> apply(contents, JSON.getNodeFactory().textNode(pair.getKey()),
            pair.getValue()));
      }
      List<byte[]> keys = new ArrayList<>();
      List<byte[]> values = new ArrayList<>();
      contents.forEach((key, value) -> {
        byte[] k = Hex.decode(key);
        keys.add(secure ? Keccak256.hash(k) : k);
        values.add(value);
      });
      Hash expected = Hash.fromHex(e.getValue().get("root").asText());
      assertEquals(expected, TrieRoot.of(keys, values));
    })));
    return out;
  }

  private static void apply(Map<String, byte[]> contents, JsonNode key, JsonNode value) {
    String k = Hex.encode(bytes(key));
    if (value.isNull()) {
      contents.remove(k);
    } else {
      contents.put(k, bytes(value));
    }
  }

  private static byte[] bytes(JsonNode node) {
    String s = node.asText();
    return s.startsWith("0x") ? Hex.decode(s) : s.getBytes(StandardCharsets.UTF_8);
  }
}
