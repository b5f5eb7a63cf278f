package io.trestle.bench.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.DevGenesis;
import io.trestle.node.Node;
import io.trestle.node.identity.ChainClient;
import io.trestle.node.identity.EvidenceReceipt;
import io.trestle.node.identity.ReceiptJson;
import io.trestle.node.identity.ReceiptVerifier;
import io.trestle.node.identity.Trust;
import io.trestle.services.evidence.EvidenceRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline receipt verification (issue 5: at least 2,000 per second on one core): one operation is what
 * {@code trestle evidence verify RECEIPT --genesis G --file F} does after reading its inputs — parse the receipt
 * JSON, check chain and validator set against the genesis, the commit certificate of block N+1 (a signature per
 * validator), header N, the receipt and transaction Merkle proofs, the registry's log, the transaction's signature
 * and the file's digest — with the same {@link ReceiptVerifier} the CLI uses, on one thread.
 *
 * <p>The receipt is real: the trial's setup starts an in-process development node (one validator, 200 ms blocks),
 * notarizes a file through the evidence registry, fetches the receipt once block N+1 is certified, and stops the
 * node before measuring, so no node thread competes with the verifier. Setup fails unless the receipt verifies.
 * Warm-up is 20 s: BouncyCastle's curve arithmetic reaches full speed only after C2 has compiled it, and with 10 s
 * the secp256k1 run was still doubling its rate in the measured iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
public class ReceiptVerifyBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RECEIPT_TIMEOUT_S = 60;

  /** The chain's crypto suite: ethereum (secp256k1, SHA-256 digests) or sm (SM2, SM3). */
  @Param({"ethereum", "sm"})
  public String suite;

  private final byte[] file = "warehouse receipt #4711, 12 pallets".getBytes(StandardCharsets.UTF_8);
  private byte[] receiptJson;
  private Trust trust;

  @Setup(Level.Trial)
  public void notarizeOnAFreshChain() throws Exception {
    CryptoSuite s = CryptoSuite.named(suite);
    KeyPair validator = s.keyPair(secret(0x51));
    KeyPair submitter = s.keyPair(secret(0xa1));
    Genesis genesis = DevGenesis.create(s, validator, List.of(submitter), 200, 1_700_000_000_000L);
    Path dir = Files.createTempDirectory("receipt-bench");
    Node node = new Node(new Node.Settings(dir, genesis, validator, "127.0.0.1", 0));
    try {
      node.start();
      ChainClient client = new ChainClient(new HttpRpc("http://127.0.0.1:" + node.rpcAddress().getPort() + "/"));
      ChainClient.Info info = client.info();
      Bytes digest = Bytes.wrap(info.hashAlgorithm().hash(file));
      JsonNode tx = client.transact(submitter, EvidenceRegistry.ADDRESS, ChainClient.encode(EvidenceRegistry.NOTARIZE,
          digest, BigInteger.valueOf(info.hashAlgorithm().code()), "urn:bench:4711"), RECEIPT_TIMEOUT_S);
      EvidenceReceipt receipt = client.awaitEvidenceReceipt(tx.get("transactionHash").asText(), 0, RECEIPT_TIMEOUT_S);
      receiptJson = ReceiptJson.write(receipt);
    } finally {
      node.close();
      deleteTree(dir);
    }
    trust = Trust.of(genesis);
    ReceiptVerifier.Verdict v = new ReceiptVerifier(trust).verify(receiptJson, file);
    if (!v.valid() || v.checks().stream().anyMatch(c -> c.outcome() != ReceiptVerifier.Outcome.PASS)) {
      throw new IllegalStateException("the benchmark's receipt does not pass every check: " + v);
    }
  }

  /** Receipt bytes and file in, verdict out, every check passing. */
  @Benchmark
  public ReceiptVerifier.Verdict verifyReceiptAndFile() {
    return new ReceiptVerifier(trust).verify(receiptJson, file);
  }

  private static byte[] secret(int n) {
    byte[] k = new byte[32];
    k[0] = 0x11;
    k[31] = (byte) n;
    return k;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** JSON-RPC over HTTP to the in-process node, for {@link ChainClient}. */
  private static final class HttpRpc implements ChainClient.Rpc {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private int ids;

    HttpRpc(String url) {
      this.uri = URI.create(url);
    }

    @Override
    public JsonNode call(String method, Object... params) throws ChainClient.Failure {
      ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
      ArrayNode args = req.putArray("params");
      for (Object p : params) {
        args.add(p instanceof JsonNode n ? n : JSON.valueToTree(p));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req))).build(),
            HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (body.has("error")) {
          throw new ChainClient.Failure(method + ": " + body.get("error").path("message").asText());
        }
        return body.get("result");
      } catch (IOException e) {
        throw new ChainClient.Failure("cannot reach the in-process node: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChainClient.Failure("interrupted");
      }
    }
  }
}
