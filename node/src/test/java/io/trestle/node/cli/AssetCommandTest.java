package io.trestle.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.node.DevGenesis;
import io.trestle.node.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code trestle asset} end to end against an in-process dev node: the whole life of one work. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetCommandTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final KeyPair VALIDATOR = SUITE.keyPair(Hex.decode("0x" + "22".repeat(32)));
  /** Committee, regulator and asset issuer of the dev chain. */
  private static final KeyPair BOSS = SUITE.keyPair(Hex.decode("0x" + "33".repeat(32)));
  private static final KeyPair MUSEUM = SUITE.keyPair(Hex.decode("0x" + "44".repeat(32)));
  private static final KeyPair GALLERY = SUITE.keyPair(Hex.decode("0x" + "55".repeat(32)));
  private static final KeyPair ALICE = SUITE.keyPair(Hex.decode("0x" + "66".repeat(32)));
  private static final KeyPair ARCHIVE = SUITE.keyPair(Hex.decode("0x" + "77".repeat(32)));

  @TempDir
  static Path dir;

  private Node node;
  private String rpc;

  @BeforeAll
  void start() throws Exception {
    node = new Node(new Node.Settings(dir.resolve("node"), DevGenesis.create(SUITE, VALIDATOR,
        List.of(BOSS, MUSEUM, GALLERY, ALICE, ARCHIVE), 50, 1_700_000_000_000L), VALIDATOR, "127.0.0.1", 0));
    node.start();
    rpc = "http://127.0.0.1:" + node.rpcAddress().getPort();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  record Run(int code, String out, String err) {}

  private Run asset(KeyPair key, String... args) {
    String[] full = new String[args.length + (key == null ? 3 : 5)];
    full[0] = "asset";
    System.arraycopy(args, 0, full, 1, args.length);
    int i = args.length + 1;
    full[i++] = "--rpc";
    full[i++] = rpc;
    if (key != null) {
      full[i++] = "--key";
      full[i] = Hex.encodePrefixed(key.privateKey());
    }
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TrestleCli.execute(full);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String hex(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey())).toHex();
  }

  private static Run ok(Run r) {
    assertEquals(0, r.code(), r.out() + r.err());
    return r;
  }

  private static String field(Run r, String label) {
    return r.out().lines().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow(
        () -> new AssertionError("no '" + label + "' in " + r.out())).split("\\s+")[1];
  }

  @Test
  void registersMintsTransfersShowsFreezesAndRefusesDuplicates() throws Exception {
    ok(asset(MUSEUM, "platform", "register", "--name", "Museum", "--uri", "https://museum.example"));
    Run unapproved = asset(MUSEUM, "collection", "create", "--name", "Works", "--symbol", "WRK");
    assertEquals(1, unapproved.code());
    assertTrue(unapproved.err().contains("is not an approved, licensed platform"), unapproved.err());
    ok(asset(BOSS, "platform", "approve", hex(MUSEUM)));
    assertTrue(ok(asset(null, "platform", "show", hex(MUSEUM))).out().contains("\"approved\""));
    String collection = field(ok(asset(MUSEUM, "collection", "create", "--name", "Works", "--symbol", "WRK",
        "--base-uri", "ipfs://works/", "--royalty-receiver", hex(MUSEUM), "--royalty-bps", "250")), "address");

    Path work = dir.resolve("painting.png");
    Files.write(work, new byte[] {1, 2, 3, 4});
    Path terms = dir.resolve("license.txt");
    Files.writeString(terms, "CC BY 4.0");
    Run minted = ok(asset(MUSEUM, "mint", "--collection", collection, "--to", hex(ALICE), "--creator",
        "did:trestle:1337:" + hex(ALICE), "--license-uri", "https://creativecommons.org/licenses/by/4.0/",
        "--license-file", terms.toString(), work.toString()));
    assertEquals("1", field(minted, "token"));

    ok(asset(GALLERY, "platform", "register", "--name", "Gallery"));
    ok(asset(BOSS, "platform", "approve", hex(GALLERY)));
    String gallery = field(ok(asset(GALLERY, "collection", "create", "--name", "Copies", "--symbol", "CPY")), "address");
    Run duplicate = asset(GALLERY, "mint", "--collection", gallery, "--to", hex(ALICE), "--creator", hex(ALICE),
        work.toString());
    assertEquals(1, duplicate.code());
    assertTrue(duplicate.err().contains("is already registered: asset " + Address.fromHex(collection).toChecksumHex()
        + " token 1"), duplicate.err());

    ok(asset(ALICE, "transfer", "--collection", collection, "--id", "1", "--to", hex(GALLERY)));
    node.assets().index().awaitHeight(node.chain().head().number(), 10_000);
    Run shown = ok(asset(null, "show", collection, "1"));
    assertTrue(shown.out().contains(Address.fromHex(hex(GALLERY)).toChecksumHex()), shown.out());
    assertTrue(shown.out().contains("\"licenseUri\" : \"https://creativecommons.org/licenses/by/4.0/\""), shown.out());
    Run byFile = ok(asset(null, "show", "--file", work.toString()));
    assertTrue(byFile.out().contains("\"live\" : true"), byFile.out());
    Run history = ok(asset(null, "history", collection, "1"));
    assertEquals(2, history.out().lines().count(), history.out());
    assertTrue(history.out().lines().findFirst().orElseThrow().contains("mint"));

    ok(asset(BOSS, "freeze", "--collection", collection, "--id", "1", "--reason", "ownership dispute"));
    Run frozen = asset(GALLERY, "transfer", "--collection", collection, "--id", "1", "--to", hex(ALICE));
    assertEquals(1, frozen.code());
    assertTrue(frozen.err().contains("token 1 is frozen by the regulator"), frozen.err());
    Run notRegulator = asset(ALICE, "freeze", "--account", hex(GALLERY), "--reason", "x");
    assertTrue(notRegulator.err().contains("only a regulator"), notRegulator.err());
    ok(asset(BOSS, "freeze", "--collection", collection, "--id", "1", "--reason", "settled", "--undo"));
    ok(asset(GALLERY, "transfer", "--collection", collection, "--id", "1", "--to", hex(ALICE)));
  }

  @Test
  void fetchesARightsCertificateAndVerifiesItOfflineAgainstTheGenesisFile() throws Exception {
    ok(asset(ARCHIVE, "platform", "register", "--name", "Archive"));
    ok(asset(BOSS, "platform", "approve", hex(ARCHIVE)));
    String collection = field(ok(asset(ARCHIVE, "collection", "create", "--name", "Archive", "--symbol", "ARC")),
        "address");
    Path work = dir.resolve("letter.txt");
    Files.writeString(work, "a letter to be certified");
    String id = field(ok(asset(ARCHIVE, "mint", "--collection", collection, "--to", hex(ALICE), "--creator", hex(ALICE),
        work.toString())), "token");
    ok(asset(ALICE, "transfer", "--collection", collection, "--id", id, "--to", hex(GALLERY), "--rights"));
    node.assets().index().awaitHeight(node.chain().head().number(), 10_000);
    Path certificate = dir.resolve("rights.json");
    Run fetched = null;
    for (int i = 0; i < 200 && (fetched == null || fetched.code() != 0); i++) {
      Thread.sleep(50);
      fetched = asset(null, "certificate", collection, id, "--out", certificate.toString());
    }
    assertEquals(0, fetched.code(), fetched.err());
    assertTrue(fetched.out().contains("holder did:trestle:1337:" + hex(GALLERY)), fetched.out());
    Path genesis = dir.resolve("genesis.json");
    Files.write(genesis, node.chain().genesis().toJson());
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = TrestleCli.execute(new String[] {"asset", "verify-certificate", certificate.toString(), "--genesis",
          genesis.toString()});
      Files.writeString(certificate, Files.readString(certificate).replace(hex(GALLERY), hex(ARCHIVE)));
      assertEquals(1, TrestleCli.execute(new String[] {"asset", "verify-certificate", certificate.toString(),
          "--genesis", genesis.toString()}));
    } finally {
      System.setOut(oldOut);
    }
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("rights"), out.toString(StandardCharsets.UTF_8));
  }
}
