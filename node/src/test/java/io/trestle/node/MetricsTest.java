package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics is Prometheus text format and moves with the chain; /health and /ready answer. */
class MetricsTest {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

  @TempDir
  Path dir;

  static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        assertTrue(line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE "), "bad comment line: " + line);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a Prometheus sample line: " + line);
      samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
    }
    return samples;
  }

  @Test
  void exposesChainPoolAndJvmMetrics() throws Exception {
    Node node = TestNodes.start(dir, 100);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + node.rpcAddress().getPort();
      TestNodes.Rpc rpc = new TestNodes.Rpc(node);
      Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(0).gasLimit(21_000)
          .maxFeePerGas(BigInteger.valueOf(10_000_000_000L)).maxPriorityFeePerGas(BigInteger.ONE).to(Address.ofLong(9))
          .value(BigInteger.ONE).data(Bytes.EMPTY).sign(TestNodes.FUNDED, EthereumSuite.INSTANCE);
      rpc.awaitReceipt(rpc.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText());
      rpc.response("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex());

      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
      Map<String, Double> m = parse(r.body());
      assertTrue(m.get("trestle_chain_height") >= 1, m.toString());
      assertEquals(1.0, m.get("trestle_transactions_committed_total"));
      assertTrue(m.get("trestle_txpool_rejections_total{reason=\"nonce_too_low\"}") + m.get("trestle_txpool_rejections_total{reason=\"already_known\"}") >= 1.0);
      assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")));
      assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("trestle_block_execution_seconds")));
      assertTrue(m.get("trestle_db_sst_bytes") >= 0);

      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), ready.body());
    } finally {
      node.close();
    }
  }
}
