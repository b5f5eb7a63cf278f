package io.trestle.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The CLI wallet against an in-process node: keys, send, balance, block, tx; exit codes and one-line failures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final KeyPair VALIDATOR = SUITE.keyPair(Hex.decode("0x" + "22".repeat(32)));
  private static final KeyPair FUNDED = SUITE.keyPair(Hex.decode("0x" + "33".repeat(32)));

  @TempDir
  static Path dir;

  private Node node;
  private String rpc;

  @BeforeAll
  void start() throws Exception {
    node = new Node(new Node.Settings(dir.resolve("node"),
        DevGenesis.create(SUITE, VALIDATOR, List.of(FUNDED), 100, 1_700_000_000_000L), VALIDATOR, "127.0.0.1", 0));
    node.start();
    rpc = "http://127.0.0.1:" + node.rpcAddress().getPort();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
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

  @Test
  void createsListsImportsAndExportsEncryptedKeys() throws Exception {
    Path keystore = dir.resolve("keystore");
    Path password = dir.resolve("pw");
    Files.writeString(password, "correct horse\n");
    Run created = run("keys", "new", "--keystore-dir", keystore.toString(), "--password-file", password.toString(), "--light-kdf");
    assertEquals(0, created.code(), created.err());
    String address = created.out().lines().filter(l -> l.startsWith("address")).findFirst().orElseThrow().split("\\s+")[1];
    Run imported = run("keys", "import", Hex.encodePrefixed(FUNDED.privateKey()), "--keystore-dir", keystore.toString(),
        "--password-file", password.toString(), "--light-kdf");
    assertEquals(0, imported.code(), imported.err());
    Run list = run("keys", "list", "--keystore-dir", keystore.toString());
    assertTrue(list.out().contains(address), list.out());
    assertTrue(list.out().contains(Address.wrap(SUITE.address(FUNDED.publicKey())).toChecksumHex()), list.out());
    Path file;
    try (Stream<Path> s = Files.list(keystore)) {
      file = s.filter(p -> p.getFileName().toString().endsWith(Hex.encode(SUITE.address(FUNDED.publicKey())))).findFirst().orElseThrow();
    }
    Run exported = run("keys", "export", file.toString(), "--password-file", password.toString());
    assertEquals(Hex.encodePrefixed(FUNDED.privateKey()), exported.out().trim());
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "nope");
    Run denied = run("keys", "export", file.toString(), "--password-file", wrong.toString());
    assertEquals(1, denied.code());
    assertEquals(1, denied.err().lines().count(), denied.err());
  }

  @Test
  void sendsATransferFromAKeystoreAndShowsTheReceipt() throws Exception {
    Path keystore = dir.resolve("ks2");
    Path password = dir.resolve("pw2");
    Files.writeString(password, "pw");
    run("keys", "import", Hex.encodePrefixed(FUNDED.privateKey()), "--keystore-dir", keystore.toString(),
        "--password-file", password.toString(), "--light-kdf");
    Path file;
    try (Stream<Path> s = Files.list(keystore)) {
      file = s.findFirst().orElseThrow();
    }
    String to = "0x00000000000000000000000000000000000c1100";
    Run sent = run("send", "--rpc", rpc, "--keystore", file.toString(), "--password-file", password.toString(),
        "--to", to, "--value", "0.25eth");
    assertEquals(0, sent.code(), sent.err());
    assertTrue(sent.out().contains("status      success"), sent.out());
    Run balance = run("balance", "--rpc", rpc, to);
    assertTrue(balance.out().contains("0.25 ETH"), balance.out());
    String hash = sent.out().lines().filter(l -> l.startsWith("transaction")).findFirst().orElseThrow().split("\\s+")[1];
    Run tx = run("tx", "--rpc", rpc, hash);
    assertEquals(0, tx.code());
    assertTrue(tx.out().contains("\"receipt\""), tx.out());
    Run legacy = run("send", "--rpc", rpc, "--key", Hex.encodePrefixed(FUNDED.privateKey()), "--to", to, "--value", "1gwei", "--legacy");
    assertEquals(0, legacy.code(), legacy.err());
    assertEquals(0, run("block", "--rpc", rpc, "latest").code());
  }

  @Test
  void failsWithOneLineReasons() {
    Run badTo = run("send", "--rpc", rpc, "--key", Hex.encodePrefixed(FUNDED.privateKey()), "--to", "0x1234", "--value", "1");
    assertNotEquals(0, badTo.code());
    assertTrue(badTo.err().startsWith("trestle: --to"), badTo.err());
    Run unreachable = run("balance", "--rpc", "http://127.0.0.1:1", "0x" + "00".repeat(20));
    assertEquals(1, unreachable.code());
    assertTrue(unreachable.err().contains("cannot reach"), unreachable.err());
    Run noBlock = run("block", "--rpc", rpc, "99999999");
    assertEquals(1, noBlock.code());
    Run usage = run("send", "--rpc", rpc);
    assertEquals(2, usage.code(), "missing options are usage errors");
    assertEquals(0, run("--help").code());
    assertEquals(0, run("dev", "--help").code());
  }
}
