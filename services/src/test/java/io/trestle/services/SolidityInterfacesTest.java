package io.trestle.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.services.did.DidRegistry;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.names.NameRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Solidity interfaces in contracts/interfaces are what dApps and ethers.js compile against: every function
 * (with its outputs) and event (with its indexed fields) there must be exactly what the Java contract answers.
 */
class SolidityInterfacesTest {
  private static final Pattern FUNCTION = Pattern.compile(
      "function\\s+(\\w+)\\s*\\(([^)]*)\\)[^;]*?(?:returns\\s*\\(([^)]*)\\))?\\s*;", Pattern.DOTALL);
  private static final Pattern EVENT = Pattern.compile("event\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*;", Pattern.DOTALL);

  static Path interfaces() {
    Path here = Path.of(System.getProperty("user.dir"));
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("contracts/interfaces");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("contracts/interfaces not found above " + here);
  }

  static List<String> types(String params, boolean keepIndexed) {
    List<String> out = new ArrayList<>();
    if (params == null || params.isBlank()) {
      return out;
    }
    for (String p : params.split(",")) {
      String[] words = p.trim().split("\\s+");
      String t = words[0];
      boolean indexed = List.of(words).contains("indexed");
      out.add(keepIndexed && indexed ? t + " indexed" : t);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"IDidRegistry.sol, io.trestle.services.did.DidRegistry",
      "INameRegistry.sol, io.trestle.services.names.NameRegistry",
      "IEvidence.sol, io.trestle.services.evidence.EvidenceRegistry"})
  void theSolidityInterfaceMatchesTheJavaContract(String file, String className) throws Exception {
    String raw = Files.readString(interfaces().resolve(file));
    String sol = raw.replaceAll("//[^\n]*", "");
    TreeSet<String> solFunctions = new TreeSet<>();
    Matcher m = FUNCTION.matcher(sol);
    while (m.find()) {
      solFunctions.add(m.group(1) + "(" + String.join(",", types(m.group(2), false)) + ")->"
          + String.join(",", types(m.group(3), false)));
    }
    TreeSet<String> solEvents = new TreeSet<>();
    m = EVENT.matcher(sol);
    while (m.find()) {
      solEvents.add(m.group(1) + "(" + String.join(",", types(m.group(2), true)) + ")");
    }
    TreeSet<String> javaFunctions = new TreeSet<>();
    TreeSet<String> javaEvents = new TreeSet<>();
    for (Field f : Class.forName(className).getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      Object v = f.get(null);
      if (v instanceof AbiFunction fn) {
        javaFunctions.add(fn.signature() + "->" + String.join(",",
            fn.outputs().stream().map(t -> t.canonical()).toList()));
      } else if (v instanceof AbiEvent ev) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ev.types().size(); i++) {
          parts.add(ev.types().get(i).canonical() + (ev.indexed().get(i) ? " indexed" : ""));
        }
        javaEvents.add(ev.name() + "(" + String.join(",", parts) + ")");
      }
    }
    assertTrue(!javaFunctions.isEmpty() && !javaEvents.isEmpty());
    assertEquals(javaFunctions, solFunctions, file + " functions");
    assertEquals(javaEvents, solEvents, file + " events");
    assertTrue(raw.contains(addressOf(className)), file + " names the contract's address");
  }

  static String addressOf(String className) {
    return switch (className) {
      case "io.trestle.services.did.DidRegistry" -> DidRegistry.ADDRESS.toHex();
      case "io.trestle.services.names.NameRegistry" -> NameRegistry.ADDRESS.toHex();
      default -> EvidenceRegistry.ADDRESS.toHex();
    };
  }
}
