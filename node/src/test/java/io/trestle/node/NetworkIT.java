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
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators as separate processes with RocksDB and real sockets on 127.0.0.1 (issue 4): under load, SIGKILL
 * one — the chain goes on; restart it — it catches up and agrees on every state root; stop two — the chain stops;
 * bring one back — it resumes; a fifth, non-validator node joins late and syncs from genesis; no transaction that got
 * a receipt is ever lost.
 */
class NetworkIT {
  private static final int VALIDATORS = 4;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  @TempDir
  Path tmp;

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final Map<String, String> receipted = new ConcurrentHashMap<>();

  @AfterEach
  void stopAll() throws Exception {
    for (NodeProcess n : nodes) {
      n.close();
    }
  }

  @Test
  void survivesCrashesStallsWithoutQuorumAndSyncsLateJoiners() throws Exception {
    Path net = tmp.resolve("net");
    int rpcBase = NodeProcess.freePorts(VALIDATORS + 1);
    int p2pBase = NodeProcess.freePorts(VALIDATORS + 1);
    assertEquals(0, TrestleCli.execute("testnet", "--validators", "4", "--observers", "1", "--dir", net.toString(),
        "--rpc-port", Integer.toString(rpcBase), "--p2p-port", Integer.toString(p2pBase), "--block-interval-ms", "300"));
    for (int i = 0; i < VALIDATORS + 1; i++) {
      nodes.add(NodeProcess.run(net.resolve("node" + i), rpcBase + i));
    }
    for (int i = 0; i < VALIDATORS; i++) {
      nodes.get(i).start();
    }
    awaitHeight(List.of(0, 1, 2, 3), 3);

    AtomicBoolean loading = new AtomicBoolean(true);
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      KeyPair key = EthereumSuite.INSTANCE.keyPair(Hex.decode(Files.readString(net.resolve("node" + i).resolve("account.key")).trim()));
      int via = i;
      Thread t = new Thread(() -> load(key, via, loading));
      t.start();
      senders.add(t);
    }
    Thread.sleep(3000);

    nodes.get(3).kill();
    long before = height(0);
    awaitHeight(List.of(0, 1, 2), before + 5);

    nodes.get(3).start();
    awaitHeight(List.of(3), height(0));

    loading.set(false);
    for (Thread t : senders) {
      t.join(30_000);
    }
    long head = height(0);
    awaitHeight(List.of(0, 1, 2, 3), head);
    assertSameChain(List.of(0, 1, 2, 3), head);

    nodes.get(2).stop();
    nodes.get(3).stop();
    Thread.sleep(1500);
    long stalled = height(0);
    Thread.sleep(3000);
    assertTrue(height(0) <= stalled + 1, "two of four validators down: no quorum, the chain must stop");
    nodes.get(2).start();
    awaitHeight(List.of(0, 1, 2), stalled + 3);

    nodes.get(4).start();
    long target = height(0);
    awaitHeight(List.of(4), target);
    assertSameChain(List.of(0, 1, 2, 4), target);

    assertTrue(receipted.size() >= 10, "load should have produced receipts, got " + receipted.size());
    for (int i : List.of(0, 1, 2, 4)) {
      TestNodes.Rpc rpc = nodes.get(i).rpc();
      for (Map.Entry<String, String> e : receipted.entrySet()) {
        JsonNode r = rpc.call("eth_getTransactionReceipt", e.getKey());
        assertFalse(r.isNull(), "node" + i + " lost receipted transaction " + e.getKey());
        assertEquals(e.getValue(), r.get("blockHash").asText(), "node" + i + " block of " + e.getKey());
      }
    }
  }

  private void load(KeyPair key, int via, AtomicBoolean loading) {
    String from = Address.wrap(EthereumSuite.INSTANCE.address(key.publicKey())).toHex();
    try {
      TestNodes.Rpc rpc = nodes.get(via).rpc();
      long nonce = Long.decode(rpc.call("eth_getTransactionCount", from, "pending").asText());
      while (loading.get()) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce++)
              .gasLimit(21_000).maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI)
              .to(Address.ofLong(0xfeed)).value(BigInteger.ONE).data(Bytes.EMPTY).sign(key, EthereumSuite.INSTANCE);
          hashes.add(rpc.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText());
        }
        for (String h : hashes) {
          JsonNode r = rpc.awaitReceipt(h);
          receipted.put(h, r.get("blockHash").asText());
        }
      }
    } catch (Throwable e) {
      if (loading.get()) {
        throw new AssertionError("load via node" + via + " failed", e);
      }
    }
  }

  private long height(int node) throws Exception {
    return Long.decode(nodes.get(node).rpc().call("eth_blockNumber").asText());
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
          // the node is still starting
        }
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("node" + i + " did not reach height " + target + ":\n" + tail(nodes.get(i).log()));
        }
        Thread.sleep(200);
      }
    }
  }

  private void assertSameChain(List<Integer> which, long upTo) throws Exception {
    for (long n = 1; n <= upTo; n++) {
      String q = "0x" + Long.toHexString(n);
      JsonNode reference = nodes.get(which.get(0)).rpc().call("eth_getBlockByNumber", q, false);
      for (int i : which.subList(1, which.size())) {
        JsonNode b = nodes.get(i).rpc().call("eth_getBlockByNumber", q, false);
        assertEquals(reference.get("hash"), b.get("hash"), "block hash at " + n + " on node" + i);
        assertEquals(reference.get("stateRoot"), b.get("stateRoot"), "state root at " + n + " on node" + i);
      }
    }
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }
}
