package io.trestle.services.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trestle.evm.abi.Abi;
import io.trestle.evm.abi.AbiEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Solidity interfaces in contracts/interfaces declare exactly the functions each asset contract answers and the
 * events it emits (inherited interfaces included), so dApps compiled against them call what exists.
 */
class InterfaceFilesTest {
  private static final Pattern INTERFACE = Pattern.compile("interface\\s+(\\w+)(?:\\s+is\\s+([\\w,\\s]+))?\\s*\\{([^}]*)}");
  private static final Pattern DECL = Pattern.compile("(function|event)\\s+(\\w+)\\s*\\(([^)]*)\\)");

  /** One interface: its own declarations and the interfaces it extends. */
  record Iface(List<String> parents, Set<String> functions, Set<String> events) {}

  static final Map<String, Iface> IFACES = new HashMap<>();

  @BeforeAll
  static void parse() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "contracts", "interfaces"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sol")).toList()) {
        String text = Files.readString(f).replaceAll("//[^\\n]*", "");
        Matcher m = INTERFACE.matcher(text);
        while (m.find()) {
          List<String> parents = new ArrayList<>();
          if (m.group(2) != null) {
            for (String p : m.group(2).split(",")) {
              parents.add(p.trim());
            }
          }
          Set<String> functions = new TreeSet<>();
          Set<String> events = new TreeSet<>();
          Matcher d = DECL.matcher(m.group(3));
          while (d.find()) {
            List<String> types = new ArrayList<>();
            for (String param : d.group(3).split(",")) {
              if (!param.isBlank()) {
                types.add(param.trim().split("\\s+")[0]);
              }
            }
            (d.group(1).equals("function") ? functions : events).add(d.group(2) + "(" + String.join(",", types) + ")");
          }
          IFACES.put(m.group(1), new Iface(parents, functions, events));
        }
      }
    }
  }

  static Set<String> all(String name, boolean events) {
    Iface i = IFACES.get(name);
    if (i == null) {
      throw new AssertionError("no interface " + name + " in contracts/interfaces");
    }
    Set<String> out = new TreeSet<>(events ? i.events() : i.functions());
    for (String p : i.parents()) {
      out.addAll(all(p, events));
    }
    return out;
  }

  static Set<String> signatures(Dispatch d) {
    return new TreeSet<>(d.signatures());
  }

  static Set<String> events(AbiEvent... events) {
    Set<String> out = new TreeSet<>();
    for (AbiEvent e : events) {
      out.add(e.signature());
    }
    return out;
  }

  @Test
  void eachContractAnswersExactlyItsInterface() {
    assertEquals(all("IPlatformRegistry", false), signatures(new PlatformRegistry().dispatch));
    Factories factories = new Factories();
    assertEquals(all("ICollectionFactory", false), signatures(factories.collections));
    assertEquals(all("ITokenFactory", false), signatures(factories.tokens));
    assertEquals(all("IFingerprintRegistry", false), signatures(new FingerprintRegistry().dispatch));
    assertEquals(all("IAssetSupervision", false), signatures(new Supervision().dispatch));
    assertEquals(all("ITrestleCollection", false), signatures(new Collection721().dispatch));
    assertEquals(all("ITrestleEditions", false), signatures(new Editions1155().dispatch));
    assertEquals(all("ITrestleToken", false), signatures(new Token20().dispatch));
  }

  @Test
  void eventsMatchTheInterfaces() {
    assertEquals(all("IPlatformRegistry", true),
        events(AssetAbi.PLATFORM_REGISTERED, AssetAbi.PLATFORM_APPROVED, AssetAbi.PLATFORM_SUSPENDED));
    assertEquals(all("ICollectionFactory", true), events(AssetAbi.COLLECTION_CREATED));
    assertEquals(all("ITokenFactory", true), events(AssetAbi.TOKEN_CREATED));
    assertEquals(all("IFingerprintRegistry", true), events(AssetAbi.REISSUE_AUTHORIZED_EVENT, AssetAbi.REISSUE_REVOKED));
    assertEquals(all("IAssetSupervision", true), events(AssetAbi.TOKEN_FROZEN, AssetAbi.TOKEN_UNFROZEN,
        AssetAbi.ASSET_FROZEN, AssetAbi.ASSET_UNFROZEN, AssetAbi.ACCOUNT_FROZEN, AssetAbi.ACCOUNT_UNFROZEN));
    AbiEvent[] works = {AssetAbi.WORKS_REGISTERED, AssetAbi.RIGHTS_DEFINED, AssetAbi.RIGHTS_TRANSFERRED,
        AssetAbi.REISSUED, AssetAbi.APPROVAL_FOR_ALL};
    Set<String> collection = events(works);
    collection.addAll(events(AssetAbi.TRANSFER_721, AssetAbi.APPROVAL_721));
    assertEquals(all("ITrestleCollection", true), collection);
    Set<String> editions = events(works);
    editions.addAll(events(AssetAbi.TRANSFER_SINGLE, AssetAbi.TRANSFER_BATCH, AssetAbi.URI_EVENT));
    assertEquals(all("ITrestleEditions", true), editions);
    assertEquals(all("ITrestleToken", true), events(AssetAbi.TRANSFER_20, AssetAbi.APPROVAL_20, AssetAbi.PAUSED_EVENT,
        AssetAbi.UNPAUSED_EVENT));
  }

  @Test
  void interfaceIdsAreTheXorOfTheDeclaredSelectors() {
    assertEquals(id("ITrestleWorks"), AssetAbi.TRESTLE_WORKS);
    assertEquals(id("IERC165"), AssetAbi.ERC165);
    assertEquals(id("IERC2981"), AssetAbi.ERC2981);
    assertEquals(id("IERC1155MetadataURI"), AssetAbi.ERC1155_METADATA_URI);
    assertEquals(id("IERC721Metadata"), AssetAbi.ERC721_METADATA);
  }

  /** ERC-165: the XOR of the selectors an interface declares itself (not inherited ones). */
  static int id(String name) {
    int x = 0;
    for (String f : new LinkedHashSet<>(IFACES.get(name).functions())) {
      x ^= ByteBuffer.wrap(Abi.selector(f)).getInt();
    }
    return x;
  }
}
