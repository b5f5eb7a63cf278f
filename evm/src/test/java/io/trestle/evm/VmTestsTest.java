package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.evm.system.SystemContracts;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ethereum/legacytests Constantinople VMTests: one frame of code run with the gas rules those tests were filled
 * with ({@link Rules.VM_TESTS}); remaining gas, output, logs and post storage must match, and tests
 * without a post state must end in an exceptional halt.
 */
class VmTestsTest {
  static Path suite() {
    String dir = System.getProperty("trestle.conformance.dir");
    if (dir == null) {
      throw new IllegalStateException("system property trestle.conformance.dir is not set");
    }
    Path p = Path.of(dir, "ethereum-legacytests", "Constantinople", "VMTests");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("VMTests missing at " + p);
    }
    return p;
  }

  static BigInteger big(JsonNode n) {
    String s = n.asText();
    return s.startsWith("0x") ? (s.length() == 2 ? BigInteger.ZERO : new BigInteger(s.substring(2), 16))
        : new BigInteger(s);
  }

  @Test
  void passesEveryConstantinopleVmTest() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(suite())) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    int cases = 0;
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      for (Iterator<Map.Entry<String, JsonNode>> it = json.readTree(file.toFile()).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> test = it.next();
        cases++;
        String reason = run(test.getValue());
        if (reason != null) {
          failures.add(suite().relativize(file) + ":" + test.getKey() + ": " + reason);
        }
      }
    }
    assertEquals(609, cases);
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
  }

  static String run(JsonNode t) {
    InMemoryWorld world = new InMemoryWorld();
    for (Iterator<Map.Entry<String, JsonNode>> it = t.get("pre").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address a = Address.fromHex(e.getKey());
      world.setAccount(a, big(e.getValue().get("nonce")).longValue(), big(e.getValue().get("balance")));
      Bytes code = Bytes.fromHex(e.getValue().get("code").asText());
      if (!code.isEmpty()) {
        world.setCode(a, code);
      }
      for (Iterator<Map.Entry<String, JsonNode>> s = e.getValue().get("storage").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = s.next();
        world.setStorage(a, UInt256.fromHex(slot.getKey()), UInt256.fromHex(slot.getValue().asText()));
      }
    }
    JsonNode env = t.get("env");
    long number = big(env.get("currentNumber")).longValue();
    for (long n = Math.max(0, number - 256); n < number; n++) {
      world.setBlockHash(n, Hash.keccak(Long.toString(n).getBytes(StandardCharsets.US_ASCII)));
    }
    BigInteger gasLimit = big(env.get("currentGasLimit"));
    BlockEnv blockEnv = new BlockEnv(number, big(env.get("currentTimestamp")).longValue(),
        Address.fromHex(env.get("currentCoinbase").asText()),
        gasLimit.bitLength() > 63 ? Long.MAX_VALUE : gasLimit.longValue(), BigInteger.ZERO,
        Hash.wrap(UInt256.fromBigInteger(big(env.get("currentDifficulty"))).toArray()), 1, BigInteger.ONE, true);
    JsonNode exec = t.get("exec");
    Address address = Address.fromHex(exec.get("address").asText());
    TxState state = new TxState(world);
    Address origin = Address.fromHex(exec.get("origin").asText());
    Executor ex = new Executor(state, blockEnv, Rules.VM_TESTS, origin,
        UInt256.fromBigInteger(big(exec.get("gasPrice"))), List.of(), new CodeCache(1 << 20), SystemContracts.none(),
        null);
    Executor.Outcome o = ex.runCode(address, Address.fromHex(exec.get("caller").asText()),
        UInt256.fromBigInteger(big(exec.get("value"))), Bytes.fromHex(exec.get("data").asText()).toArray(),
        Bytes.fromHex(exec.get("code").asText()).toArray(), big(exec.get("gas")).longValue());

    if (!t.has("post")) {
      return Halt.isError(o.halt()) ? null : "expected an exceptional halt, got " + Halt.describe(o.halt());
    }
    if (!o.success()) {
      return "halted: " + Halt.describe(o.halt());
    }
    long wantGas = big(t.get("gas")).longValue();
    if (o.gasLeft() != wantGas) {
      return "gas left " + o.gasLeft() + ", expected " + wantGas;
    }
    Bytes out = Bytes.wrap(o.output());
    if (!out.equals(Bytes.fromHex(t.get("out").asText()))) {
      return "output " + out + ", expected " + t.get("out").asText();
    }
    List<byte[]> logs = new ArrayList<>();
    for (EvmLog l : state.logs()) {
      List<byte[]> topics = new ArrayList<>();
      for (Hash h : l.topics()) {
        topics.add(Rlp.encodeBytes(h.unsafeArray()));
      }
      logs.add(Rlp.encodeList(Rlp.encodeBytes(l.address().unsafeArray()), Rlp.encodeList(topics),
          Rlp.encodeBytes(l.data().unsafeArray())));
    }
    Hash logsHash = Hash.keccak(Rlp.encodeList(logs));
    if (!logsHash.toHex().equals(t.get("logs").asText())) {
      return "logs hash " + logsHash + ", expected " + t.get("logs").asText();
    }
    world.apply(state.toDiff(a -> false));
    for (Iterator<Map.Entry<String, JsonNode>> it = t.get("post").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address a = Address.fromHex(e.getKey());
      for (Iterator<Map.Entry<String, JsonNode>> s = e.getValue().get("storage").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = s.next();
        UInt256 want = UInt256.fromHex(slot.getValue().asText());
        UInt256 got = world.storage(a, UInt256.fromHex(slot.getKey()));
        if (!want.equals(got)) {
          return "storage " + a + "[" + slot.getKey() + "] = " + got + ", expected " + want;
        }
      }
      int wantSlots = e.getValue().get("storage").size();
      if (world.storageOf(a).size() != wantSlots) {
        return a + " has " + world.storageOf(a).size() + " storage slots, expected " + wantSlots;
      }
    }
    return null;
  }
}
