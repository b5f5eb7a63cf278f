package io.trestle.state.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.state.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum-tests TrieTests, all six files. Every vector must pass unless listed in
 * docs/conformance/state-exclusions.md, and every listed one must really fail: the list stays exact.
 */
class TrieConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ROOT_FILES = List.of(
      "trietest.json", "trieanyorder.json", "trietest_secureTrie.json", "trieanyorder_secureTrie.json",
      "hex_encoded_securetrie_test.json");

  private record Step(Bytes key, Bytes value) {}

  @TestFactory
  Stream<DynamicTest> passesEveryTrieVectorExceptTheListedExclusions() throws IOException {
    Set<String> excluded = Conformance.excluded();
    List<DynamicTest> tests = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (String file : ROOT_FILES) {
      for (Map.Entry<String, JsonNode> c : read(file).properties()) {
        String id = file + "/" + c.getKey();
        seen.add(id);
        tests.add(vectorTest(id, excluded.contains(id), () -> rootVectorPasses(file, c.getValue())));
      }
    }
    for (Map.Entry<String, JsonNode> c : read("trietestnextprev.json").properties()) {
      String id = "trietestnextprev.json/" + c.getKey();
      seen.add(id);
      tests.add(vectorTest(id, excluded.contains(id), () -> nextPrevVectorPasses(c.getValue())));
    }
    tests.add(DynamicTest.dynamicTest("every exclusion names an existing vector", () -> {
      Set<String> unknown = new TreeSet<>(excluded);
      unknown.removeAll(seen);
      assertEquals(Set.of(), unknown);
    }));
    tests.add(DynamicTest.dynamicTest("all six files hold 26 vectors", () -> assertEquals(26, seen.size())));
    return tests.stream();
  }

  private static DynamicTest vectorTest(String id, boolean excluded, BooleanSupplier passes) {
    return DynamicTest.dynamicTest(id, () -> {
      if (excluded) {
        assertFalse(passes.getAsBoolean(), id + " passes now: remove it from state-exclusions.md");
      } else {
        assertTrue(passes.getAsBoolean(), id);
      }
    });
  }

  private static boolean rootVectorPasses(String file, JsonNode vector) {
    boolean secure = file.contains("secure");
    List<Step> steps = steps(vector.get("in"));
    Hash expected = Hash.fromHex(vector.get("root").asText());
    if (!expected.equals(rootAfter(steps, secure))) {
      return false;
    }
    if (file.contains("anyorder")) {
      List<Step> reversed = new ArrayList<>(steps);
      Collections.reverse(reversed);
      return expected.equals(rootAfter(reversed, secure));
    }
    return true;
  }

  private static Hash rootAfter(List<Step> steps, boolean secure) {
    if (secure) {
      SecureTrie trie = SecureTrie.empty(NodeStore.EMPTY);
      for (Step s : steps) {
        if (s.value() == null) {
          trie.remove(s.key());
        } else {
          trie.put(s.key(), s.value());
        }
      }
      return trie.rootHash();
    }
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(NodeStore.EMPTY);
    for (Step s : steps) {
      if (s.value() == null) {
        trie.remove(s.key());
      } else {
        trie.put(s.key(), s.value());
      }
    }
    return trie.rootHash();
  }

  /** Each test is [key, previous key, next key]; an empty string means "none". Values are irrelevant here. */
  private static boolean nextPrevVectorPasses(JsonNode vector) {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(NodeStore.EMPTY);
    for (JsonNode key : vector.get("in")) {
      trie.put(ascii(key.asText()), ascii(key.asText()));
    }
    for (JsonNode test : vector.get("tests")) {
      Bytes key = ascii(test.get(0).asText());
      if (!same(test.get(1).asText(), trie.previousKey(key)) || !same(test.get(2).asText(), trie.nextKey(key))) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(String expected, Bytes actual) {
    return expected.isEmpty() ? actual == null : ascii(expected).equals(actual);
  }

  @Test
  void nextAndPreviousAnswerNoneOnAnEmptyTrie() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(NodeStore.EMPTY);
    assertNull(trie.nextKey(ascii("a")));
    assertNull(trie.previousKey(ascii("a")));
    assertFalse(trie.proof(ascii("a")).iterator().hasNext());
  }

  private static List<Step> steps(JsonNode in) {
    List<Step> steps = new ArrayList<>();
    if (in.isArray()) {
      for (JsonNode pair : in) {
        steps.add(new Step(decode(pair.get(0)), decode(pair.get(1))));
      }
    } else {
      for (Map.Entry<String, JsonNode> e : in.properties()) {
        steps.add(new Step(decodeText(e.getKey()), decode(e.getValue())));
      }
    }
    return steps;
  }

  /** The README's rule: "0x…" is hex, anything else ASCII, null a deletion. */
  private static Bytes decode(JsonNode node) {
    return node == null || node.isNull() ? null : decodeText(node.asText());
  }

  private static Bytes decodeText(String text) {
    return text.startsWith("0x") ? Bytes.fromHex(text) : ascii(text);
  }

  private static Bytes ascii(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static JsonNode read(String file) throws IOException {
    return JSON.readTree(Conformance.path("ethereum-tests/TrieTests/" + file).toFile());
  }
}
