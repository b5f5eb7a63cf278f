package io.trestle.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.testing.Conformance;
import io.trestle.core.testing.Exclusions;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ethereum-tests TransactionTests, each case's Cancun entry (cases without one expect rejection in every fork; we
 * use their newest entry). The vectors assume chain id 1. Each expected exception must be raised at the stage
 * that owns it (decoding, chain-id check, or {@link Transaction#validate()} with the matching reason); valid
 * transactions must match hash, sender and intrinsic gas. Exactly the cases listed in
 * docs/conformance/core-exclusions.md may diverge.
 */
class TransactionConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TEST_CHAIN_ID = 1;
  private static final List<String> FORKS_NEWEST_FIRST = List.of("Cancun", "Shanghai", "Paris", "London", "Berlin",
      "Istanbul", "ConstantinopleFix", "Constantinople", "Byzantium", "EIP158", "EIP150", "Homestead", "Frontier");

  private static final String DECODE = "decode";
  private static final String CHAIN_ID = "chainId";
  private static final String VALID = "valid";

  /** Where each expected exception of the vectors is raised here. */
  private static final Map<String, Set<String>> STAGES = Map.ofEntries(
      Map.entry("ADDRESS_TOO_LONG", Set.of(DECODE)),
      Map.entry("ADDRESS_TOO_SHORT", Set.of(DECODE)),
      Map.entry("GASLIMIT_OVERFLOW", Set.of(DECODE)),
      Map.entry("GASPRICE_OVERFLOW", Set.of(DECODE)),
      Map.entry("NONCE_OVERFLOW", Set.of(DECODE)),
      Map.entry("NONCE_TOO_BIG", Set.of(DECODE)),
      Map.entry("PRIORITY_OVERFLOW", Set.of(DECODE)),
      Map.entry("VALUE_OVERFLOW", Set.of(DECODE)),
      Map.entry("TYPE_NOT_SUPPORTED", Set.of(DECODE)),
      Map.entry("INVALID_SIGNATURE_VRS", Set.of(DECODE, "INVALID_SIGNATURE")),
      Map.entry("EC_RECOVERY_FAIL", Set.of("INVALID_SIGNATURE")),
      Map.entry("INVALID_CHAINID", Set.of(DECODE, CHAIN_ID)),
      Map.entry("INTRINSIC_GAS_TOO_LOW", Set.of("INTRINSIC_GAS_TOO_LOW")),
      Map.entry("INITCODE_SIZE_EXCEEDED", Set.of("INITCODE_TOO_LARGE")),
      Map.entry("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS", Set.of("PRIORITY_FEE_ABOVE_MAX_FEE")),
      Map.entry("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2", Set.of("PRIORITY_FEE_ABOVE_MAX_FEE")),
      Map.entry("GASLIMIT_PRICE_PRODUCT_OVERFLOW", Set.of("GAS_COST_OVERFLOW")));

  @Test
  void matchesEveryVectorExceptTheDocumentedExclusions() throws IOException {
    Map<String, String> divergences = new TreeMap<>();
    int passed = 0;
    for (Case c : cases()) {
      String problem = check(c);
      if (problem == null) {
        passed++;
      } else {
        divergences.put(c.id(), problem);
      }
    }
    Set<String> excluded = Exclusions.listed("core-exclusions.md", "TransactionTests");
    assertEquals(excluded, new TreeSet<>(divergences.keySet()),
        "divergent cases must be exactly the documented ones; divergences: " + divergences);
    assertTrue(passed >= 200, "expected the full TransactionTests suite, passed only " + passed);
  }

  private static String check(Case c) {
    Transaction tx;
    String stage;
    try {
      tx = Transaction.decode(c.txBytes(), EthereumSuite.INSTANCE);
      stage = stageAfterDecode(tx);
    } catch (RlpException e) {
      tx = null;
      stage = DECODE;
    }
    JsonNode expected = c.expected();
    if (tx != null && expected.has("intrinsicGas")) {
      long gas = Long.decode(expected.get("intrinsicGas").asText());
      if (gas != 0 && gas != tx.intrinsicGas()) {
        return "intrinsic gas " + tx.intrinsicGas() + ", expected " + gas;
      }
    }
    if (expected.has("exception")) {
      Set<String> allowed = new TreeSet<>();
      for (String name : expected.get("exception").asText().split("\\|")) {
        String bare = name.trim().replace("TransactionException.", "");
        Set<String> stages = bare.startsWith("RLP_") ? Set.of(DECODE) : STAGES.get(bare);
        if (stages == null) {
          fail(c.id() + ": no stage known for expected exception " + name);
        }
        allowed.addAll(stages);
      }
      return allowed.contains(stage) ? null : "expected " + expected.get("exception").asText() + ", got " + stage;
    }
    if (!VALID.equals(stage)) {
      return "expected valid, got " + stage;
    }
    try {
      String sender = tx.sender().toHex();
      String wantSender = Hex.encodePrefixed(Hex.decode(expected.get("sender").asText()));
      String wantHash = Hex.encodePrefixed(Hex.decode(expected.get("hash").asText()));
      if (!sender.equals(wantSender)) {
        return "sender " + sender + ", expected " + wantSender;
      }
      if (!tx.hash().toHex().equals(wantHash)) {
        return "hash " + tx.hash() + ", expected " + wantHash;
      }
    } catch (InvalidTransactionException e) {
      return "unexpected " + e.getMessage();
    }
    return null;
  }

  private static String stageAfterDecode(Transaction tx) {
    if (tx.chainId() != null && tx.chainId() != TEST_CHAIN_ID) {
      return CHAIN_ID;
    }
    try {
      tx.validate();
      return VALID;
    } catch (InvalidTransactionException e) {
      return e.reason().name();
    }
  }

  record Case(String id, byte[] txBytes, JsonNode expected) {}

  private static List<Case> cases() throws IOException {
    Path root = Conformance.path("ethereum-tests/TransactionTests");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Case> out = new ArrayList<>();
    for (Path file : files) {
      JsonNode json = JSON.readTree(file.toFile());
      String id = root.relativize(file).toString().replace(".json", "");
      if (json.size() != 1) {
        fail(file + " holds " + json.size() + " cases; ids assume one per file");
      }
      JsonNode test = json.elements().next();
      JsonNode expected = null;
      for (String fork : FORKS_NEWEST_FIRST) {
        if (test.get("result").has(fork)) {
          expected = test.get("result").get(fork);
          break;
        }
      }
      if (expected == null) {
        fail(id + " has no result for a known fork");
      }
      if (!test.get("result").has("Cancun") && !expected.has("exception")) {
        fail(id + " has no Cancun entry and its newest fork accepts it; cannot tell what Cancun expects");
      }
      out.add(new Case(id, Hex.decode(test.get("txbytes").asText()), expected));
    }
    return out;
  }
}
