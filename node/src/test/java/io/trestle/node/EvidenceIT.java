package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.crypto.Hex;
import io.trestle.node.cli.TrestleCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 end to end with real processes: the CLI notarizes a file against a running chain, the chain is stopped,
 * and the CLI verifies the receipt with no node anywhere: on a {@code trestle dev} chain and on four validators.
 */
class EvidenceIT {
  @TempDir
  Path tmp;

  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (NodeProcess n : nodes) {
      n.close();
    }
  }

  record Cli(int code, String out) {}

  /** The CLI as its own OS process, as a user runs it. */
  static Cli cli(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(NodeProcess.javaBin(), "-Xmx256m", "-jar",
        NodeProcess.jar().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("trestle " + String.join(" ", args) + " did not finish");
    }
    return new Cli(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static void assertValidOffline(Path file, Path receipt, Path genesis) throws Exception {
    Cli v = cli("evidence", "verify", file.toString(), receipt.toString(), "--genesis", genesis.toString());
    assertEquals(0, v.code(), v.out());
    assertTrue(v.out().contains("PASS  certification.certificate"), v.out());
    assertTrue(v.out().trim().endsWith("VALID"), v.out());

    String text = Files.readString(receipt);
    int at = text.indexOf("\"certificate\":\"0x") + 30;
    char c = text.charAt(at);
    Path tampered = receipt.resolveSibling("tampered.json");
    Files.writeString(tampered, text.substring(0, at) + (c == '0' ? '1' : '0') + text.substring(at + 1));
    Cli t = cli("evidence", "verify", file.toString(), tampered.toString(), "--genesis", genesis.toString());
    assertEquals(1, t.code(), t.out());
    assertTrue(t.out().contains("FAIL  certification"), t.out());
  }

  @Test
  void notarizesOnADevChainAndVerifiesWithTheNodeGone() throws Exception {
    Path data = tmp.resolve("dev");
    NodeProcess node = NodeProcess.dev(data);
    nodes.add(node);
    node.start();
    Path file = tmp.resolve("invoice.pdf");
    Files.writeString(file, "invoice 2024-0017: 1,250.00 EUR");
    Path receipt = tmp.resolve("invoice.receipt.json");
    Cli n = cli("evidence", "notarize", file.toString(), "--rpc", node.url(), "--key", NodeProcess.devAccountKey(data),
        "--out", receipt.toString(), "--metadata", "urn:invoice:2024-0017");
    assertEquals(0, n.code(), n.out());
    node.stop();
    assertTrue(!node.isAlive());
    assertValidOffline(file, receipt, data.resolve("genesis.json"));
  }

  @Test
  void notarizesOnFourValidatorsAndVerifiesAgainstTheSharedGenesis() throws Exception {
    Path net = tmp.resolve("net");
    int rpcBase = NodeProcess.freePorts(4);
    int p2pBase = NodeProcess.freePorts(4);
    assertEquals(0, TrestleCli.execute("testnet", "--validators", "4", "--dir", net.toString(), "--rpc-port",
        Integer.toString(rpcBase), "--p2p-port", Integer.toString(p2pBase), "--block-interval-ms", "300"));
    for (int i = 0; i < 4; i++) {
      NodeProcess p = NodeProcess.run(net.resolve("node" + i), rpcBase + i);
      nodes.add(p);
      p.start();
    }
    awaitHeight(nodes.get(0), 3);
    Path file = tmp.resolve("warehouse-receipt.txt");
    Files.writeString(file, "warehouse receipt W-88: 40 t copper cathodes");
    Path receipt = tmp.resolve("w88.receipt.json");
    String key = Files.readString(net.resolve("node1").resolve("account.key")).trim();
    Cli n = cli("evidence", "notarize", file.toString(), "--rpc", nodes.get(0).url(), "--key", key, "--out",
        receipt.toString());
    assertEquals(0, n.code(), n.out());
    for (NodeProcess p : nodes) {
      p.stop();
    }
    JsonNode r = TestNodes.JSON.readTree(receipt.toFile());
    CommitCertificate cert = CommitCertificate.decode(Hex.decode(r.get("certification").get("certificate").asText().substring(2)));
    assertTrue(cert.signatures().size() >= 3, "a quorum of 4 validators is 3, got " + cert.signatures().size());
    assertValidOffline(file, receipt, net.resolve("genesis.json"));
  }

  private static void awaitHeight(NodeProcess node, long target) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (Long.decode(node.rpc().call("eth_blockNumber").asText()) >= target) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("height " + target + " not reached:\n" + node.log());
  }
}
