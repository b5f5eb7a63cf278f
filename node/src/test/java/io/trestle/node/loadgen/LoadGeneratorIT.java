package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against a real node (RocksDB, HTTP on 127.0.0.1): every accepted transaction is seen committed. */
class LoadGeneratorIT {
  private static final CryptoSuite SUITE = EthereumSuite.INSTANCE;

  @TempDir
  Path data;

  @Test
  void fundsSendersSubmitsWarmUpAndMeasuredLoadAndSeesEveryTransactionCommitted() throws Exception {
    KeyPair validator = SUITE.keyPair(secret(1));
    KeyPair funder = SUITE.keyPair(secret(2));
    Genesis genesis = genesis(validator, funder);
    try (Node node = new Node(new Node.Settings(data, genesis, validator, "127.0.0.1", 0))) {
      node.start();
      URI rpc = URI.create("http://127.0.0.1:" + node.rpcAddress().getPort());
      LoadSettings settings = new LoadSettings(rpc, SUITE, funder, "transfer", 10, 300, 50, 0, 0, 25, 2, null, 30,
          ProcessHandle.current().pid());
      ByteArrayOutputStream progress = new ByteArrayOutputStream();
      LoadReport report = new LoadGenerator(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

      assertEquals(Map.of(), report.errors(), report.toText());
      assertEquals(300, report.sent());
      assertEquals(300, report.accepted());
      assertEquals(300, report.committed(), report.toText());
      assertEquals(0, report.uncommitted());
      assertNull(report.trackingProblem());
      assertTrue(report.latencyMs().p50() > 0 && report.latencyMs().p50() <= report.latencyMs().p99());
      assertTrue(report.blocks().count() >= 1);
      assertTrue(report.heap().samples() > 0 || report.heap().problem() != null, "heap sampled or said why not");
      assertTrue(report.toText().contains("committed  300"), report.toText());
    }
  }

  @Test
  void deploysTheTokenGivesSendersBalancesAndCommitsEveryTokenTransfer() throws Exception {
    KeyPair validator = SUITE.keyPair(secret(1));
    KeyPair funder = SUITE.keyPair(secret(2));
    try (Node node = new Node(new Node.Settings(data, genesis(validator, funder), validator, "127.0.0.1", 0))) {
      node.start();
      URI rpc = URI.create("http://127.0.0.1:" + node.rpcAddress().getPort());
      LoadSettings settings = new LoadSettings(rpc, SUITE, funder, "erc20", 10, 200, 0, 0, 0, 25, 2, null, 30, 0);
      LoadReport report = new LoadGenerator(settings, new PrintStream(new ByteArrayOutputStream(), true,
          StandardCharsets.UTF_8)).run();

      assertEquals(Map.of(), report.errors(), report.toText());
      assertEquals(200, report.accepted());
      assertEquals(200, report.committed(), report.toText());
      // a token transfer runs the contract: well above a value transfer's 21,000 gas each
      double gasPerTx = report.blocks().gasUsedMean() / report.blocks().txsPerBlockMean();
      assertTrue(gasPerTx > 30_000 && gasPerTx < 70_000, "gas per transfer " + gasPerTx);
    }
  }

  private static Genesis genesis(KeyPair validator, KeyPair funder) {
    return new Genesis(1337, SUITE.name(), System.currentTimeMillis(), 100_000_000L,
        new Genesis.FeeRules("eip1559", BigInteger.valueOf(1_000_000_000L), BigInteger.ZERO, true),
        200,
        List.of(new Genesis.Validator(Address.wrap(SUITE.address(validator.publicKey())), Bytes.wrap(validator.publicKey()))),
        Map.of(Address.wrap(SUITE.address(funder.publicKey())),
            new Genesis.AllocAccount(BigInteger.TEN.pow(24), 0, Bytes.EMPTY, Map.of())),
        Bytes.EMPTY,
        Map.of());
  }

  private static byte[] secret(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    return k;
  }
}
