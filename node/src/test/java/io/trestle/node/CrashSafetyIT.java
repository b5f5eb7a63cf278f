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
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §2.4: a SIGKILL at any instant loses no committed data. Transfers stream in while the node is killed;
 * after a restart every transaction whose receipt the client saw is still there, in the same block, and every
 * such block's state root is unchanged.
 */
class CrashSafetyIT {
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  @TempDir
  Path tmp;

  private static final java.util.concurrent.atomic.AtomicReference<Throwable> FAILURE =
      new java.util.concurrent.atomic.AtomicReference<>();

  record Seen(String blockHash, String blockNumber) {}

  @Test
  void noReceiptedTransactionIsLostAcrossKillNine() throws Exception {
    Path data = tmp.resolve("data");
    Map<String, Seen> receipted = new ConcurrentHashMap<>();
    Map<String, String> stateRoots = new ConcurrentHashMap<>();
    for (int round = 0; round < 3; round++) {
      try (NodeProcess node = NodeProcess.dev(data, "--block-interval-ms", "100").start()) {
        KeyPair dev = EthereumSuite.INSTANCE.keyPair(Hex.decode(NodeProcess.devAccountKey(data)));
        String from = Address.wrap(EthereumSuite.INSTANCE.address(dev.publicKey())).toHex();
        TestNodes.Rpc rpc = node.rpc();
        verify(rpc, receipted, stateRoots);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sender = new Thread(() -> stream(rpc, dev, from, receipted, stateRoots, running));
        sender.start();
        Thread.sleep(1500 + round * 700L);
        node.kill();
        running.set(false);
        sender.join(10_000);
      }
    }
    assertTrue(receipted.size() >= 20, "the test should have seen receipts, saw " + receipted.size() + "; sender failed with "
        + (FAILURE.get() == null ? "nothing" : java.util.Arrays.toString(FAILURE.get().getStackTrace()) + FAILURE.get()));
    try (NodeProcess node = NodeProcess.dev(data).start()) {
      verify(node.rpc(), receipted, stateRoots);
    }
  }

  private static void stream(TestNodes.Rpc rpc, KeyPair key, String from, Map<String, Seen> receipted,
      Map<String, String> stateRoots, AtomicBoolean running) {
    try {
      long nonce = Long.decode(rpc.call("eth_getTransactionCount", from, "pending").asText());
      while (running.get()) {
        Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce++)
            .gasLimit(21_000).maxFeePerGas(GWEI.multiply(BigInteger.TEN)).maxPriorityFeePerGas(GWEI)
            .to(Address.ofLong(0xc0ffee)).value(BigInteger.ONE).data(Bytes.EMPTY).sign(key, EthereumSuite.INSTANCE);
        String hash = rpc.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
        JsonNode r = rpc.awaitReceipt(hash);
        receipted.put(hash, new Seen(r.get("blockHash").asText(), r.get("blockNumber").asText()));
        JsonNode block = rpc.call("eth_getBlockByNumber", r.get("blockNumber").asText(), false);
        stateRoots.put(r.get("blockNumber").asText(), block.get("stateRoot").asText());
      }
    } catch (Throwable expectedWhenKilled) {
      // the node died under us: everything receipted so far must survive
      if (running.get()) {
        FAILURE.compareAndSet(null, expectedWhenKilled);
      }
    }
  }

  private static void verify(TestNodes.Rpc rpc, Map<String, Seen> receipted, Map<String, String> stateRoots) throws Exception {
    for (Map.Entry<String, Seen> e : receipted.entrySet()) {
      JsonNode r = rpc.call("eth_getTransactionReceipt", e.getKey());
      assertFalse(r.isNull(), "receipted transaction lost: " + e.getKey());
      assertEquals(e.getValue().blockHash(), r.get("blockHash").asText(), "block of " + e.getKey());
    }
    for (Map.Entry<String, String> e : stateRoots.entrySet()) {
      JsonNode block = rpc.call("eth_getBlockByNumber", e.getKey(), false);
      assertEquals(e.getValue(), block.get("stateRoot").asText(), "state root of block " + e.getKey());
    }
  }
}
