package io.trestle.services.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.services.governance.store.EventDef;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.services.permissions.RolesFunctions;
import io.trestle.services.supervision.SupervisionFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Solidity interfaces in contracts/interfaces declare exactly what the Java contract answers and emits. */
class InterfaceFilesTest {
  private static final Pattern DECL = Pattern.compile("(function|event)\\s+(\\w+)\\s*\\(([^)]*)\\)", Pattern.DOTALL);

  static Set<String> declared(String kind, String... files) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String f : files) {
      String text = Files.readString(Path.of("..", "contracts", "interfaces", f)).replaceAll("//[^\\n]*", "");
      Matcher m = DECL.matcher(text);
      while (m.find()) {
        if (!m.group(1).equals(kind)) {
          continue;
        }
        List<String> types = new ArrayList<>();
        for (String param : m.group(3).split(",")) {
          if (!param.isBlank()) {
            types.add(param.trim().split("\\s+")[0]);
          }
        }
        out.add(m.group(2) + "(" + String.join(",", types) + ")");
      }
    }
    return out;
  }

  @Test
  void functionsMatchTheInterfaces() throws IOException {
    Set<String> java = new TreeSet<>();
    for (AbiFunction f : new GovernanceContract(GovernanceHarness.SUITE).functions()) {
      java.add(f.signature());
    }
    assertEquals(declared("function", "ICommittee.sol", "IRoles.sol", "ISupervision.sol"), java);
  }

  @Test
  void eventsMatchTheInterfaces() throws IOException {
    Set<String> java = new TreeSet<>();
    List<EventDef> all = new ArrayList<>(CommitteeFunctions.EVENTS);
    all.addAll(RolesFunctions.EVENTS);
    all.addAll(SupervisionFunctions.EVENTS);
    for (EventDef e : all) {
      java.add(e.signature());
    }
    assertEquals(declared("event", "ICommittee.sol", "IRoles.sol", "ISupervision.sol"), java);
  }
}
