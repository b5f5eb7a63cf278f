package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches spread over several endpoints, and what happens when one stops answering. */
class SubmitterFailoverTest {
  private static final CryptoSuite SUITE = EthereumSuite.INSTANCE;
  private final List<HttpServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(s -> s.stop(0));
  }

  /** A JSON-RPC endpoint that accepts every call and records the first call's id of each batch it is sent. */
  private RpcConnection endpoint(List<Integer> firstIds, AtomicBoolean dead) throws IOException {
    return endpoint(firstIds, dead, () -> { });
  }

  /** {@code onAnswer} runs before each answer is sent. */
  private RpcConnection endpoint(List<Integer> firstIds, AtomicBoolean dead, Runnable onAnswer) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> answer(exchange, firstIds, dead, onAnswer));
    server.start();
    servers.add(server);
    return new RpcConnection(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Duration.ofSeconds(5));
  }

  private static void answer(HttpExchange exchange, List<Integer> firstIds, AtomicBoolean dead, Runnable onAnswer)
      throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (dead.get()) {
      // a node that died mid-request: the connection closes without an answer
      exchange.close();
      return;
    }
    JsonNode calls;
    try {
      calls = RpcConnection.parse(body);
    } catch (LoadException e) {
      throw new IOException(e);
    }
    firstIds.add(calls.get(0).get("id").asInt());
    onAnswer.run();
    StringBuilder out = new StringBuilder("[");
    for (JsonNode call : calls) {
      out.append(out.length() > 1 ? "," : "").append("{\"jsonrpc\":\"2.0\",\"id\":").append(call.get("id").asInt())
          .append(",\"result\":\"0x01\"}");
    }
    byte[] bytes = out.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(bytes);
    }
  }

  private static Presigned presigned(int txs, int batchTxs) {
    List<KeyPair> keys = new ArrayList<>();
    List<Address> senders = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      byte[] secret = new byte[32];
      secret[31] = (byte) i;
      keys.add(SUITE.keyPair(secret));
      senders.add(Address.wrap(SUITE.address(keys.get(i - 1).publicKey())));
    }
    return Presigned.sign(txs, batchTxs, new TransferWorkload(), keys, senders, new long[2], 1337,
        new LoadContext.Fees(BigInteger.valueOf(100), BigInteger.ONE), SUITE);
  }

  @Test
  void spreadsBatchesRoundRobinOverTheEndpoints() throws Exception {
    List<Integer> a = Collections.synchronizedList(new ArrayList<>());
    List<Integer> b = Collections.synchronizedList(new ArrayList<>());
    Presigned p = presigned(8, 2);
    Submitter submitter = new Submitter(List.of(endpoint(a, new AtomicBoolean()), endpoint(b, new AtomicBoolean())), p,
        1, 0, new ErrorTally());

    Submitter.Outcome out = submitter.run();

    assertEquals(List.of(0, 4), a, "batches 0 and 2 start with transactions 0 and 4");
    assertEquals(List.of(2, 6), b);
    assertEquals(8, out.accepted());
    assertEquals(0, out.resent());
    assertEquals(List.of(), out.failovers());
  }

  @Test
  void leavesOutAnUnreachableEndpointAndSendsItsRecentBatchesAgainElsewhere() throws Exception {
    List<Integer> a = Collections.synchronizedList(new ArrayList<>());
    List<Integer> b = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean aDead = new AtomicBoolean();
    RpcConnection first = endpoint(a, aDead);
    // A dies while B answers batch 1; one connection, closed loop: batch 0 -> A, 1 -> B, 2 -> A (dead) -> B
    RpcConnection second = endpoint(b, new AtomicBoolean(), () -> aDead.set(true));
    Presigned p = presigned(8, 2);
    ErrorTally errors = new ErrorTally();
    Submitter submitter = new Submitter(List.of(first, second), p, 1, 0, errors);

    Submitter.Outcome out = submitter.run();

    assertEquals(List.of(0), a, "A answered only its first batch");
    assertEquals(List.of(2, 0, 4, 6), b, "B got batch 1, A's batch 0 again, then batch 2 and every later one");
    assertEquals(8, out.accepted(), errors.snapshot().toString());
    assertEquals(0, out.rejected());
    assertEquals(2, out.resent());
    assertEquals(1, out.failovers().size());
    assertEquals(1, out.failovers().get(0).resentBatches());
    assertTrue(out.failovers().get(0).endpoint().startsWith(first.uri().toString()));
  }
}
