package io.trestle.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.DevGenesis;
import io.trestle.node.Node;
import io.trestle.services.evidence.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code trestle did|name|evidence} against an in-process node: what a user types, what they see, exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityCliTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final KeyPair VALIDATOR = SUITE.keyPair(Hex.decode("0x" + "44".repeat(32)));
  private static final KeyPair ALICE = SUITE.keyPair(Hex.decode("0x" + "55".repeat(32)));
  private static final KeyPair BOB = SUITE.keyPair(Hex.decode("0x" + "66".repeat(32)));
  private static final String ALICE_KEY = Hex.encodePrefixed(ALICE.privateKey());
  private static final String BOB_KEY = Hex.encodePrefixed(BOB.privateKey());

  @TempDir
  static Path dir;

  private Node node;
  private String rpc;
  private Path genesisFile;
  private String bobAddress;
  private String bobDid;

  @BeforeAll
  void start() throws Exception {
    Genesis genesis = DevGenesis.create(SUITE, VALIDATOR, List.of(ALICE, BOB), 100, 1_700_000_000_000L);
    node = new Node(new Node.Settings(dir.resolve("node"), genesis, VALIDATOR, "127.0.0.1", 0));
    node.start();
    rpc = "http://127.0.0.1:" + node.rpcAddress().getPort();
    genesisFile = dir.resolve("genesis.json");
    Files.write(genesisFile, genesis.toJson());
    bobAddress = Address.wrap(SUITE.address(BOB.publicKey())).toHex();
    bobDid = "did:trestle:1337:" + bobAddress;
  }

  @AfterAll
  void stop() {
    node.close();
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TrestleCli.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  Run ok(String... args) {
    Run r = run(args);
    assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
    return r;
  }

  @Test
  void notarizesAFileAndVerifiesTheReceiptOffline() throws Exception {
    Path file = dir.resolve("contract.pdf");
    Files.writeString(file, "a contract between A and B");
    Path receipt = dir.resolve("contract.receipt.json");
    Run n = ok("evidence", "notarize", file.toString(), "--rpc", rpc, "--key", ALICE_KEY, "--out", receipt.toString(),
        "--metadata", "urn:contract:1");
    assertTrue(n.out().contains("record"), n.out());
    Run v = ok("evidence", "verify", file.toString(), receipt.toString(), "--genesis", genesisFile.toString());
    assertTrue(v.out().contains("PASS  certification.certificate"), v.out());
    assertTrue(v.out().trim().endsWith("VALID"), v.out());

    Run again = ok("evidence", "notarize", file.toString(), "--rpc", rpc, "--key", ALICE_KEY, "--out",
        dir.resolve("again.json").toString());
    assertTrue(again.out().contains("already notarized"), again.out());
    assertEquals(Files.readString(receipt), Files.readString(dir.resolve("again.json")), "the same record, the same receipt");

    Path other = dir.resolve("other.txt");
    Files.writeString(other, "not the contract");
    Run wrongFile = run("evidence", "verify", other.toString(), receipt.toString(), "--genesis", genesisFile.toString());
    assertEquals(1, wrongFile.code());
    assertTrue(wrongFile.out().contains("FAIL  file"), wrongFile.out());

    byte[] tampered = Files.readAllBytes(receipt);
    String text = new String(tampered, StandardCharsets.UTF_8).replace("\"didVersion\":0", "\"didVersion\":1");
    Path bad = dir.resolve("tampered.json");
    Files.writeString(bad, text);
    Run t = run("evidence", "verify", file.toString(), bad.toString(), "--genesis", genesisFile.toString());
    assertEquals(1, t.code());
    assertTrue(t.out().contains("FAIL  evidence"), t.out());
    assertTrue(t.out().contains("----  transaction"), t.out());

    Run show = ok("evidence", "show", file.toString(), "--rpc", rpc);
    assertTrue(show.out().contains("urn:contract:1"), show.out());
  }

  @Test
  void aReceiptForAnotherGenesisIsRefused() throws Exception {
    Path file = dir.resolve("memo.txt");
    Files.writeString(file, "memo");
    Path receipt = dir.resolve("memo.receipt.json");
    ok("evidence", "notarize", file.toString(), "--rpc", rpc, "--key", BOB_KEY, "--out", receipt.toString());
    Genesis otherChain = DevGenesis.create(SUITE, VALIDATOR, List.of(ALICE), 100, 1_700_000_000_001L);
    Path otherGenesis = dir.resolve("other-genesis.json");
    Files.write(otherGenesis, otherChain.toJson());
    Run r = run("evidence", "verify", file.toString(), receipt.toString(), "--genesis", otherGenesis.toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("FAIL  chain"), r.out());
  }

  @Test
  void anchorsABatchAndEachMemberVerifies() throws Exception {
    Path digests = dir.resolve("digests.txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 37; i++) {
      b.append(Hex.encode(HashAlgorithm.SHA256.hash(new byte[] {(byte) i, 9}))).append('\n');
    }
    Files.writeString(digests, b);
    Path out = dir.resolve("batch");
    Run a = ok("evidence", "anchor", "--digests", digests.toString(), "--out-dir", out.toString(), "--rpc", rpc,
        "--key", ALICE_KEY);
    assertTrue(a.out().contains("anchored 37 digests"), a.out());
    List<Path> receipts;
    try (Stream<Path> s = Files.list(out)) {
      receipts = s.sorted().toList();
    }
    assertEquals(37, receipts.size());
    for (int i : new int[] {0, 17, 36}) {
      ok("evidence", "verify", "-", receipts.get(i).toString(), "--genesis", genesisFile.toString());
    }
  }

  @Test
  void storesAnEncryptedOriginalOnlyTheRecipientCanOpen() throws Exception {
    ok("did", "add-key", "--id", "enc", "--relationships", "keyAgreement", "--rpc", rpc, "--key", BOB_KEY);
    Path file = dir.resolve("secret.txt");
    Files.writeString(file, "the price is 42");
    Run n = ok("evidence", "notarize", file.toString(), "--store", "encrypted", "--recipient", bobDid + "#enc", "--rpc", rpc,
        "--key", ALICE_KEY, "--out", dir.resolve("secret.receipt.json").toString());
    String id = n.out().lines().filter(l -> l.startsWith("record")).findFirst().orElseThrow().split("\\s+")[1];
    Path opened = dir.resolve("opened.txt");
    ok("evidence", "decrypt", "--id", id, "--recipient", bobDid + "#enc", "--recipient-key", BOB_KEY, "--out",
        opened.toString(), "--rpc", rpc);
    assertEquals("the price is 42", Files.readString(opened));
    Run wrong = run("evidence", "decrypt", "--id", id, "--recipient", bobDid + "#enc", "--recipient-key", ALICE_KEY,
        "--out", dir.resolve("nope").toString(), "--rpc", rpc);
    assertEquals(1, wrong.code());
    assertTrue(wrong.err().contains("cannot decrypt"), wrong.err());
  }

  @Test
  void managesADidFromTheCommandLine() throws Exception {
    KeyPair carol = SUITE.keyPair(Hex.decode("0x" + "77".repeat(32)));
    String carolKey = Hex.encodePrefixed(carol.privateKey());
    ok("send", "--to", Address.wrap(SUITE.address(carol.publicKey())).toHex(), "--value", "1eth", "--rpc", rpc, "--key",
        ALICE_KEY);
    ok("did", "add-key", "--id", "main", "--rpc", rpc, "--key", carolKey);
    ok("did", "add-service", "--id", "web", "--type", "LinkedDomains", "--endpoint", "https://carol.example", "--rpc", rpc,
        "--key", carolKey);
    Run show = ok("did", "show", "--rpc", rpc, "--key", carolKey);
    assertTrue(show.out().contains("#main"), show.out());
    assertTrue(show.out().contains("https://carol.example"), show.out());
    Run revoked = ok("did", "revoke-key", "--id", "main", "--rpc", rpc, "--key", carolKey);
    assertTrue(revoked.out().contains("revoked key"), revoked.out());
    Run again = run("did", "revoke-key", "--id", "main", "--rpc", rpc, "--key", carolKey);
    assertEquals(1, again.code());
    assertTrue(again.err().contains("is already revoked"), again.err());
    String carolDid = "did:trestle:1337:" + Address.wrap(SUITE.address(carol.publicKey())).toHex();
    Run v1 = ok("did", "resolve", carolDid, "--version-id", "1", "--rpc", rpc);
    assertTrue(v1.out().contains("#main"), v1.out());
    ok("did", "deactivate", "--yes", "--rpc", rpc, "--key", carolKey);
    Run gone = run("did", "add-key", "--id", "late", "--rpc", rpc, "--key", carolKey);
    assertEquals(1, gone.code());
    assertTrue(gone.err().contains("is deactivated"), gone.err());
    Path f = dir.resolve("carol.txt");
    Files.writeString(f, "carol's file");
    Run refused = run("evidence", "notarize", f.toString(), "--rpc", rpc, "--key", carolKey);
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains("is deactivated") && refused.err().contains("may not notarize"), refused.err());
    Run bad = run("did", "resolve", "did:trestle:1337:0xNOPE", "--rpc", rpc);
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("invalidDid"), bad.err());
  }

  @Test
  void namesStandForAddressesWhereverTheCliTakesOne() throws Exception {
    ok("name", "register", "bob.trestle", "--rpc", rpc, "--key", BOB_KEY);
    ok("name", "set-address", "bob.trestle", bobAddress, "--rpc", rpc, "--key", BOB_KEY);
    ok("name", "set-did", "bob.trestle", bobAddress, "--rpc", rpc, "--key", BOB_KEY);
    ok("name", "set-reverse", "bob.trestle", "--rpc", rpc, "--key", BOB_KEY);
    Run r = ok("name", "resolve", "bob.trestle", "--rpc", rpc);
    assertTrue(r.out().contains(bobDid), r.out());
    assertEquals("bob.trestle", ok("name", "lookup", bobAddress, "--rpc", rpc).out().trim());
    Run sent = ok("send", "--to", "bob.trestle", "--value", "1000wei", "--rpc", rpc, "--key", ALICE_KEY);
    assertTrue(sent.out().contains(bobAddress), sent.out());
    Run didShow = ok("did", "show", "bob.trestle", "--rpc", rpc);
    assertTrue(didShow.out().contains(bobDid), didShow.out());
    Run unknown = run("send", "--to", "nobody.trestle", "--value", "1wei", "--rpc", rpc, "--key", ALICE_KEY);
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("--to: nobody.trestle is not registered"), unknown.err());
    Run malformed = run("name", "register", "Bad_Name.trestle", "--rpc", rpc, "--key", BOB_KEY);
    assertEquals(1, malformed.code());
    assertTrue(malformed.err().contains("must be lower case"), malformed.err());
  }
}
