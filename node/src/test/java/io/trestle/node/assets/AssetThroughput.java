package io.trestle.node.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Keccak256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.Node;
import io.trestle.services.assets.AssetAbi;
import io.trestle.services.assets.AssetAddresses;
import io.trestle.services.governance.Committee;
import io.trestle.services.governance.GovernanceConfig;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Role;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The asset numbers for BENCHMARKS.md (run by hand, not a test: speed is never asserted in tests). One in-process
 * validator with a 1,000,000,000 gas limit; transactions pre-signed and sent over JSON-RPC; rates are tokens (or
 * transfers) committed per second from the first submission to the last commit. Then, with the chain holding
 * {@code tokens} tokens, the latency of ownership queries over HTTP: eth_call ownerOf, REST token, REST owner page.
 *
 * <pre>
 * mvn -B -q -pl node -am test-compile -DskipTests
 * java -Xmx3g -cp node/target/test-classes:node/target/classes:$(cat cp.txt) io.trestle.node.assets.AssetThroughput \
 *   [tokens=1000000] [blockIntervalMs=250] [dir]
 * </pre>
 */
final class AssetThroughput {
  static final EthereumSuite SUITE = EthereumSuite.INSTANCE;
  static final long GAS_LIMIT = 1_000_000_000L;
  static final int PLATFORMS = 4;
  /**
   * The gas limit of a 1,000-token batch: what {@code eth_estimateGas} says for the first batch plus 5 %, as a
   * client would set it (the proposer packs blocks by gas limits, so this decides how many batches fit a block).
   */
  long batchGas = 50_000_000L;
  static final int HOLDERS = 8;
  static final Bytes ZERO32 = Bytes.wrap(new byte[32]);
  static final ObjectMapper JSON = new ObjectMapper();

  final Node node;
  final String url;
  final HttpClient http = HttpClient.newHttpClient();
  final KeyPair boss = key(1);
  final List<KeyPair> platforms = new ArrayList<>();
  final List<Address> collections = new ArrayList<>();
  final List<KeyPair> holders = new ArrayList<>();
  final Map<Address, Long> nonces = new LinkedHashMap<>();
  long fingerprintCounter;
  int ids;

  static KeyPair key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    k[0] = 0x22;
    return SUITE.keyPair(k);
  }

  static Address address(KeyPair k) {
    return Address.wrap(SUITE.address(k.publicKey()));
  }

  AssetThroughput(Path dir, long blockIntervalMs) throws Exception {
    KeyPair validator = key(100);
    Map<Address, Genesis.AllocAccount> alloc = new LinkedHashMap<>();
    List<KeyPair> funded = new ArrayList<>(List.of(boss));
    for (int i = 0; i < PLATFORMS; i++) {
      platforms.add(key(10 + i));
    }
    for (int i = 0; i < HOLDERS; i++) {
      holders.add(key(30 + i));
    }
    funded.addAll(platforms);
    funded.addAll(holders);
    for (KeyPair k : funded) {
      alloc.put(address(k), new Genesis.AllocAccount(BigInteger.TEN.pow(30), 0, Bytes.EMPTY, Map.of()));
    }
    Genesis genesis = new Genesis(1337, SUITE.name(), 1_700_000_000_000L, GAS_LIMIT,
        new Genesis.FeeRules("fixed", BigInteger.ZERO, BigInteger.ZERO, true), blockIntervalMs,
        List.of(new Genesis.Validator(address(validator), Bytes.wrap(validator.publicKey()))), alloc, Bytes.EMPTY,
        Map.of(Role.REGULATOR, List.of(address(boss))),
        new GovernanceConfig(List.of(new Committee.Member(address(boss), 1)), GovernanceConfig.DEFAULT_NUMERATOR,
            GovernanceConfig.DEFAULT_DENOMINATOR, PermissionMode.OPEN, GovernanceConfig.DEFAULT_OFFSET));
    node = new Node(new Node.Settings(dir, genesis, validator, "127.0.0.1", 0));
    node.start();
    url = "http://127.0.0.1:" + node.rpcAddress().getPort();
  }

  // ---- transactions ----

  Transaction sign(KeyPair from, Address to, AbiFunction fn, Object... args) throws AbiException {
    long gas = fn == AssetAbi.MINT_BATCH ? batchGas : fn == AssetAbi.TRANSFER_FROM ? 150_000 : 400_000;
    Address sender = address(from);
    long nonce = nonces.merge(sender, 1L, Long::sum) - 1;
    return Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(nonce).gasLimit(gas)
        .to(to).value(BigInteger.ZERO).data(fn.encodeCall(args)).maxPriorityFeePerGas(BigInteger.ZERO)
        .maxFeePerGas(BigInteger.ZERO).sign(from, SUITE);
  }

  JsonNode rpc(String method, Object... params) throws Exception {
    ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
    var arr = req.putArray("params");
    for (Object p : params) {
      arr.add(p instanceof JsonNode n ? n : JSON.valueToTree(p));
    }
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url + "/")).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = JSON.readTree(r.body());
    if (body.has("error")) {
      throw new IllegalStateException(method + ": " + body.get("error"));
    }
    return body.get("result");
  }

  /** Transactions per JSON-RPC batch request, as {@code trestle bench} sends them, so the client is not the limit. */
  static final int SEND_BATCH = 100;
  /** A request stops growing at this size (a 1,000-token mint is about 64 KB of hex). */
  static final int SEND_BODY_CHARS = 1_000_000;

  /**
   * Sends every transaction (JSON-RPC batches of {@link #SEND_BATCH} on 4 HTTP threads), waits until the last
   * commits; returns seconds elapsed.
   */
  double run(List<Transaction> txs) throws Exception {
    long startHead = node.chain().head().number();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> sends = new ArrayList<>();
    int per = (txs.size() + 3) / 4;
    for (int t = 0; t < 4; t++) {
      List<Transaction> part = txs.subList(Math.min(txs.size(), t * per), Math.min(txs.size(), (t + 1) * per));
      sends.add(pool.submit(() -> {
        HttpClient client = HttpClient.newHttpClient();
        for (int from = 0; from < part.size(); ) {
          StringBuilder body = new StringBuilder("[");
          int i = from;
          for (; i < part.size() && i < from + SEND_BATCH && body.length() < SEND_BODY_CHARS; i++) {
            body.append(i == from ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
                .append(",\"method\":\"eth_sendRawTransaction\",\"params\":[\"")
                .append(Bytes.wrap(part.get(i).encode()).toHex()).append("\"]}");
          }
          from = i;
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.body().contains("\"error\"")) {
            throw new IllegalStateException("send failed: " + r.body());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : sends) {
      f.get();
    }
    pool.shutdown();
    // wait in process, without asking for receipts: a receipt query decodes its whole block, and polling one
    // would measure the RPC's receipt decoding instead of the chain
    Transaction last = txs.get(txs.size() - 1);
    while (node.chain().store().location(last.hash()) == null || node.pool().size() > 0) {
      Thread.sleep(2);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    long blocks = node.chain().head().number() - startHead;
    Map<Long, List<io.trestle.execution.ExecutedTransaction>> byBlock = new LinkedHashMap<>();
    for (Transaction tx : txs) {
      var at = node.chain().store().location(tx.hash());
      if (at == null) {
        throw new IllegalStateException("transaction " + tx.hash() + " was not executed");
      }
      var executed = byBlock.computeIfAbsent(at.number(),
          n -> node.chain().store().executed(n, node.chain().blockHash(n))).get(at.index());
      if (!executed.receipt().success()) {
        throw new IllegalStateException("transaction " + tx.hash() + " failed in block " + at.number());
      }
    }
    System.out.printf("  %d transactions in %d blocks, %.2f s%n", txs.size(), blocks, s);
    return s;
  }

  Bytes nextFingerprint() {
    byte[] b = ByteBuffer.allocate(8).putLong(++fingerprintCounter).array();
    return Bytes.wrap(Keccak256.hash(b));
  }

  void setUp() throws Exception {
    List<Transaction> txs = new ArrayList<>();
    for (KeyPair p : platforms) {
      txs.add(sign(p, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "bench", ""));
    }
    run(txs);
    txs.clear();
    for (KeyPair p : platforms) {
      txs.add(sign(boss, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, address(p)));
    }
    run(txs);
    txs.clear();
    for (KeyPair p : platforms) {
      txs.add(sign(p, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, "Bench", "B", "ipfs://b/", Address.ZERO,
          BigInteger.ZERO));
    }
    run(txs);
    // the block orders the creations, so ask each new collection whose it is
    Map<Address, Address> byPlatform = new LinkedHashMap<>();
    for (int i = 0; i < PLATFORMS; i++) {
      Address c = AssetAddresses.instance(i);
      ObjectNode call = JSON.createObjectNode().put("to", c.toHex()).put("data", AssetAbi.PLATFORM.encodeCall().toHex());
      Address owner = (Address) AssetAbi.PLATFORM.decodeOutput(Bytes.fromHex(rpc("eth_call", call, "latest").asText()))
          .get(0);
      byPlatform.put(owner, c);
    }
    for (KeyPair p : platforms) {
      collections.add(byPlatform.get(address(p)));
    }
    List<Bytes> fps = new ArrayList<>(1000);
    for (int j = 0; j < 1000; j++) {
      fps.add(Bytes.wrap(Keccak256.hash(ByteBuffer.allocate(9).put((byte) 1).putLong(j).array())));
    }
    ObjectNode estimate = JSON.createObjectNode().put("from", address(platforms.get(0)).toHex())
        .put("to", collections.get(0).toHex()).put("data", AssetAbi.MINT_BATCH.encodeCall(address(holders.get(0)), fps,
            List.of(), address(boss), "", ZERO32).toHex());
    long estimated = Long.decode(rpc("eth_estimateGas", estimate, "latest").asText());
    batchGas = estimated + estimated / 20;
    System.out.println("mintBatch of 1,000: eth_estimateGas " + estimated + ", gas limit set to " + batchGas);
  }

  /** Batches of 1,000 into every collection, to the holders in turn. */
  List<Transaction> batches(int count) throws AbiException {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int p = i % PLATFORMS;
      List<Bytes> fps = new ArrayList<>(1000);
      for (int j = 0; j < 1000; j++) {
        fps.add(nextFingerprint());
      }
      txs.add(sign(platforms.get(p), collections.get(p), AssetAbi.MINT_BATCH, address(holders.get(i % HOLDERS)), fps,
          List.of(), address(boss), "", ZERO32));
    }
    return txs;
  }

  public static void main(String[] args) throws Exception {
    long tokens = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    long intervalMs = args.length > 1 ? Long.parseLong(args[1]) : 250;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("asset-bench");
    AssetThroughput b = new AssetThroughput(dir, intervalMs);
    try {
      if (tokens == 0) {
        // queries only, on the chain a previous run left in dir
        for (int i = 0; i < PLATFORMS; i++) {
          b.collections.add(AssetAddresses.instance(i));
        }
        b.queries(b.node.assets().queries().views().assetCount());
        return;
      }
      b.measure(tokens);
    } finally {
      b.node.close();
    }
  }

  void measure(long tokens) throws Exception {
    setUp();
    System.out.println("cores=" + Runtime.getRuntime().availableProcessors() + " gasLimit=" + GAS_LIMIT
        + " blockIntervalMs=" + node.chain().genesis().blockIntervalMs());

    System.out.println("single mints (one token per transaction):");
    List<Transaction> singles = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int p = i % PLATFORMS;
      singles.add(sign(platforms.get(p), collections.get(p), AssetAbi.MINT, address(holders.get(i % HOLDERS)),
          nextFingerprint(), ZERO32, "", address(boss), "", ZERO32));
    }
    double s = run(singles);
    System.out.printf("  -> %.0f tokens/s%n", singles.size() / s);

    System.out.println("batched mints (1,000 tokens per transaction):");
    List<Transaction> batch = batches(100);
    s = run(batch);
    System.out.printf("  -> %.0f tokens/s%n", 100_000 / s);

    System.out.println("transfers (transferFrom, one token per transaction):");
    List<Transaction> transfers = new ArrayList<>();
    // holder h received single-minted tokens (h+1), (h+1+8), ... of collection (h % 4) among the first 2,000
    for (int i = 0; i < 2_000; i++) {
      int p = i % PLATFORMS;
      long id = i / PLATFORMS + 1;
      KeyPair holder = holders.get(i % HOLDERS);
      transfers.add(sign(holder, collections.get(p), AssetAbi.TRANSFER_FROM, address(holder),
          address(holders.get((i + 1) % HOLDERS)), BigInteger.valueOf(id)));
    }
    s = run(transfers);
    System.out.printf("  -> %.0f transfers/s%n", transfers.size() / s);

    long have = 2_000 + 100_000;
    System.out.printf("filling up to %d tokens ...%n", tokens);
    long fillStart = System.nanoTime();
    while (have < tokens) {
      int n = (int) Math.min(200, (tokens - have + 999) / 1000);
      run(batches(n));
      have += n * 1000L;
    }
    System.out.printf("  %d tokens registered (fill %.0f tokens/s); index at %d of head %d%n", have,
        (have - 102_000) / ((System.nanoTime() - fillStart) / 1e9), node.assets().index().height(),
        node.chain().head().number());
    node.assets().index().awaitHeight(node.chain().head().number(), 600_000);
    System.out.println("  index caught up at height " + node.assets().index().height());
    queries(have);
  }

  void queries(long ignored) throws Exception {
    Random random = new Random(7);
    long[] next = new long[PLATFORMS];
    long tokens = 0;
    for (int i = 0; i < PLATFORMS; i++) {
      next[i] = node.assets().queries().views().asset(collections.get(i)).orElseThrow().nextId();
      tokens += next[i] - 1;
    }
    HttpClient client = HttpClient.newHttpClient();
    for (String kind : List.of("eth_call ownerOf", "REST /assets/tokens/{c}/{id}", "REST /assets/owners/{a}?limit=100")) {
      long[] ns = new long[5_000];
      for (int i = -500; i < ns.length; i++) {
        int p = random.nextInt(PLATFORMS);
        long id = 1 + (long) (random.nextDouble() * (next[p] - 1));
        HttpRequest req;
        if (kind.startsWith("eth_call")) {
          String data = AssetAbi.OWNER_OF.encodeCall(BigInteger.valueOf(id)).toHex();
          String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"to\":\""
              + collections.get(p).toHex() + "\",\"data\":\"" + data + "\"},\"latest\"]}";
          req = HttpRequest.newBuilder(URI.create(url + "/")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } else if (kind.contains("tokens")) {
          req = HttpRequest.newBuilder(URI.create(url + "/assets/tokens/" + collections.get(p).toHex() + "/" + id)).GET()
              .build();
        } else {
          req = HttpRequest.newBuilder(URI.create(url + "/assets/owners/" + address(holders.get(random.nextInt(HOLDERS)))
              .toHex() + "?limit=100")).GET().build();
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
          throw new IllegalStateException(kind + " failed: " + r.body());
        }
        if (i >= 0) {
          ns[i] = took;
        }
      }
      Arrays.sort(ns);
      System.out.printf("%s at %d tokens: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n", kind, tokens,
          ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6, ns[ns.length - 1] / 1e6, ns.length);
    }
  }
}
