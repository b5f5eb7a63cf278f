package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.node.cli.TrestleCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance end to end on a network of processes (issue 7): four validators and two admitted observers on a
 * deploy-permissioned chain. An unauthorised deploy is refused; a frozen account's transactions are refused on every
 * node; the committee adds the fifth node as a validator and its signature appears in commit certificates, then
 * removes it and it stops signing while the chain goes on; removing the sixth node's admission drops its
 * connections and it falls behind.
 */
class GovernanceIT {
  private static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final Pattern CREATED = Pattern.compile("proposal (\\d+) \\(");
  private static final Pattern EXECUTED = Pattern.compile("executed in block (\\d+)");

  @TempDir
  Path tmp;

  private final List<NodeProcess> nodes = new ArrayList<>();
  private Path net;

  @AfterEach
  void stopAll() throws Exception {
    for (NodeProcess n : nodes) {
      n.close();
    }
  }

  @Test
  void theCommitteeGovernsValidatorsAdmissionAndTheRegulatorFreezes() throws Exception {
    net = tmp.resolve("net");
    int rpcBase = NodeProcess.freePorts(6);
    int p2pBase = NodeProcess.freePorts(6);
    int adminBase = NodeProcess.freePorts(6);
    assertEquals(0, TrestleCli.execute("testnet", "--validators", "4", "--observers", "2", "--dir", net.toString(),
        "--rpc-port", Integer.toString(rpcBase), "--p2p-port", Integer.toString(p2pBase), "--admin-port",
        Integer.toString(adminBase), "--block-interval-ms", "300", "--permission-mode", "deploy-permissioned"));
    for (int i = 0; i < 6; i++) {
      nodes.add(NodeProcess.run(net.resolve("node" + i), rpcBase + i));
    }
    List<Thread> starting = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (NodeProcess n : nodes) {
      Thread t = new Thread(() -> {
        try {
          n.start();
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      t.start();
      starting.add(t);
    }
    for (Thread t : starting) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("a node did not start", failures.get(0));
    }
    awaitHeight(List.of(0, 1, 2, 3, 4, 5), 2);

    // a permissioned chain refuses an unauthorised deploy on every node; the deployer's goes through
    Bytes initcode = Bytes.fromHex("0x600160005500");
    for (int via : List.of(1, 4)) {
      JsonNode refused = send(account(1), null, initcode, via);
      assertEquals(-32000, refused.path("error").path("code").asInt(), refused.toString());
      assertTrue(refused.path("error").path("message").asText().contains("may not deploy contracts"), refused.toString());
    }
    JsonNode deployed = send(account(0), null, initcode, 2);
    assertEquals("0x1", rpc(2).awaitReceipt(deployed.get("result").asText()).get("status").asText());

    // the regulator freezes an account: its transactions are refused everywhere
    Address frozen = address(account(4));
    cli("freeze", "--account", frozen.toHex(), "--reason", "court order 12", "--reference", "CASE-12",
        "--key", key(0), "--rpc", url(0));
    awaitGovernanceEverywhere();
    for (int via : List.of(1, 5)) {
      JsonNode refused = send(account(4), Address.ofLong(0xfeed), Bytes.EMPTY, via);
      assertTrue(refused.path("error").path("message").asText().contains("is frozen by the regulator"), refused.toString());
    }

    // the committee adds node4 as the fifth validator; it signs commit certificates from the effective height on
    Address fifth = nodeAddress(4);
    String publicKey = Hex.encodePrefixed(nodeKey(4).publicKey());
    long added = decide("gov", "propose", "add-validator", "--public-key", publicKey, "--description", "fifth validator");
    long effective = added + 2;
    awaitHeight(List.of(0, 4), effective + 12);
    assertTrue(signers(effective, effective + 12).contains(fifth), "node4 should sign after height " + effective);
    JsonNode status = rpc(4).call("trestle_status");
    assertTrue(status.get("validators").toString().contains(fifth.toChecksumHex()), status.toString());

    // and removes it again: it stops signing, the other four go on
    long removed = decide("gov", "propose", "remove-validator", "--address", fifth.toHex());
    long gone = removed + 2;
    awaitHeight(List.of(0, 1), gone + 8);
    assertFalse(signers(gone, gone + 8).contains(fifth), "node4 must not sign from height " + gone);
    assertEquals(4, rpc(0).call("trestle_status").get("validators").size());

    // removing node5's admission drops its connections; it stops following the chain
    Address sixth = nodeAddress(5);
    assertTrue(peersOf(0).contains(sixth.toChecksumHex()));
    decide("gov", "propose", "remove-node", "--address", sixth.toHex());
    long deadline = System.currentTimeMillis() + 30_000;
    while (rpc(5).call("trestle_status").get("peers").size() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(0, rpc(5).call("trestle_status").get("peers").size(), "node5 keeps no connection");
    for (int i = 0; i < 5; i++) {
      assertFalse(peersOf(i).contains(sixth.toChecksumHex()), "node" + i + " still connected to node5");
    }
    long stuck = height(5);
    awaitHeight(List.of(0), height(0) + 5);
    assertTrue(height(5) <= stuck + 1, "a node without admission no longer receives blocks");
  }

  /** Proposes as member 0, votes yes as members 1 and 2 (3 of 4 pass), executes; returns the execution block. */
  private long decide(String... propose) throws Exception {
    String[] args = java.util.Arrays.copyOf(propose, propose.length + 4);
    args[propose.length] = "--key";
    args[propose.length + 1] = key(0);
    args[propose.length + 2] = "--rpc";
    args[propose.length + 3] = url(0);
    Matcher created = CREATED.matcher(cli(args));
    assertTrue(created.find());
    String id = created.group(1);
    cli("gov", "vote", id, "--key", key(1), "--rpc", url(1));
    Matcher executed = EXECUTED.matcher(cli("gov", "vote", id, "--execute", "--key", key(2), "--rpc", url(2)));
    assertTrue(executed.find(), "proposal " + id + " should pass with three of four votes");
    long block = Long.parseLong(executed.group(1));
    awaitHeight(List.of(0, 1, 2, 3), block);
    return block;
  }

  /** Waits until every running node has executed the last governance change. */
  private void awaitGovernanceEverywhere() throws Exception {
    awaitHeight(List.of(0, 1, 2, 3, 4, 5), height(0));
  }

  private Set<Address> signers(long from, long to) throws Exception {
    Set<Address> out = new HashSet<>();
    for (long n = from; n <= to; n++) {
      JsonNode cert = rpc(0).call("trestle_getBlockCertificate", "0x" + Long.toHexString(n));
      for (JsonNode s : cert.get("signatures")) {
        out.add(Address.fromHex(s.get("signer").asText()));
      }
    }
    return out;
  }

  private String peersOf(int node) throws Exception {
    return rpc(node).call("trestle_status").get("peers").toString();
  }

  private static synchronized String cli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = TrestleCli.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8) + text);
    return text;
  }

  private KeyPair account(int i) throws Exception {
    return SUITE.keyPair(Hex.decode(Files.readString(net.resolve("node" + i).resolve("account.key")).trim()));
  }

  private KeyPair nodeKey(int i) throws Exception {
    return SUITE.keyPair(Hex.decode(Files.readString(net.resolve("node" + i).resolve("node.key")).trim()));
  }

  private Address nodeAddress(int i) throws Exception {
    return Address.wrap(SUITE.address(nodeKey(i).publicKey()));
  }

  private String key(int i) throws Exception {
    return Hex.encodePrefixed(account(i).privateKey());
  }

  private static Address address(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey()));
  }

  private String url(int i) {
    return nodes.get(i).url();
  }

  private TestNodes.Rpc rpc(int i) {
    return nodes.get(i).rpc();
  }

  private JsonNode send(KeyPair from, Address to, Bytes data, int via) throws Exception {
    TestNodes.Rpc rpc = rpc(via);
    long nonce = Long.decode(rpc.call("eth_getTransactionCount", address(from).toHex(), "pending").asText());
    Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce)
        .gasLimit(100_000).maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI).to(to)
        .value(BigInteger.ZERO).data(data).sign(from, SUITE);
    return rpc.response("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex());
  }

  private long height(int node) throws Exception {
    return Long.decode(rpc(node).call("eth_blockNumber").asText());
  }

  private void awaitHeight(List<Integer> which, long target) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    for (int i : which) {
      while (true) {
        try {
          if (height(i) >= target) {
            break;
          }
        } catch (java.io.IOException notUpYet) {
          // still starting
        }
        if (System.currentTimeMillis() > deadline) {
          String log = nodes.get(i).log();
          throw new AssertionError("node" + i + " did not reach height " + target + ":\n"
              + log.substring(Math.max(0, log.length() - 4000)));
        }
        Thread.sleep(100);
      }
    }
  }
}
