package io.trestle.execution.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Log;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.evm.AccessListEntry;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.EvmLog;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs Ethereum state tests: every {@code post.Cancun} entry of every JSON file under a directory. A case passes
 * when the transaction decoded from {@code txbytes} runs through {@link TransactionProcessor} and the resulting
 * state root and logs hash both match, or when an exception was expected and the transaction was refused
 * (at decoding, validation or by the processor).
 */
public final class StateTestRunner {
  /** The fork whose post-states are checked. */
  public static final String FORK = "Cancun";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One case: {@code id} is {@code <file relative to the run's root>:<test name>#<index in post.Cancun>}. */
  public record CaseResult(String id, boolean passed, String reason) {}

  /** Counts per sub-folder (first path element below the root), and every failure. */
  public record Summary(Map<String, int[]> perFolder, List<CaseResult> failures, int passed, int failed) {}

  /** One processor for all cases: it is thread-safe and its code cache is shared. */
  private static final TransactionProcessor PROCESSOR = new TransactionProcessor();

  private StateTestRunner() {}

  /**
   * Runs every state test under {@code dir}, prints each sub-folder's pass count, each failing case with its
   * reason, and ends with {@code N passed, M failed}.
   */
  public static Summary run(Path dir, PrintStream out) throws IOException {
    return run(dir, out, Set.of());
  }

  /**
   * As {@link #run(Path, PrintStream)}, but files whose path relative to {@code dir} is in {@code skippedFiles}
   * are not run; each of their cases counts as failed with the reason "skipped". Files run in parallel on the
   * available processors; the report is in file order whatever the timing.
   */
  public static Summary run(Path dir, PrintStream out, Set<String> skippedFiles) throws IOException {
    Summary summary = runAll(dir, skippedFiles);
    for (Map.Entry<String, int[]> e : summary.perFolder().entrySet()) {
      out.println(e.getKey() + ": " + e.getValue()[0] + " passed, " + e.getValue()[1] + " failed");
    }
    for (CaseResult f : summary.failures()) {
      out.println("FAIL " + f.id() + ": " + f.reason());
    }
    out.println(summary.passed() + " passed, " + summary.failed() + " failed");
    return summary;
  }

  private static Summary runAll(Path dir, Set<String> skippedFiles) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "state-tests");
      t.setDaemon(true);
      return t;
    });
    List<Future<List<CaseResult>>> futures = new ArrayList<>();
    try {
      for (Path file : files) {
        String rel = dir.relativize(file).toString().replace('\\', '/');
        if (skippedFiles.contains(rel)) {
          futures.add(CompletableFuture.completedFuture(skipped(file, rel)));
        } else {
          futures.add(pool.submit(() -> runFile(file, rel)));
        }
      }
      Map<String, int[]> perFolder = new TreeMap<>();
      List<CaseResult> failures = new ArrayList<>();
      int passed = 0;
      int failed = 0;
      for (int i = 0; i < files.size(); i++) {
        Path rel = dir.relativize(files.get(i));
        String folder = rel.getNameCount() > 1 ? rel.getName(0).toString() : ".";
        int[] counts = perFolder.computeIfAbsent(folder, k -> new int[2]);
        for (CaseResult r : futures.get(i).get()) {
          if (r.passed()) {
            counts[0]++;
            passed++;
          } else {
            counts[1]++;
            failed++;
            failures.add(r);
          }
        }
      }
      return new Summary(perFolder, failures, passed, failed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running state tests", e);
    } catch (ExecutionException e) {
      throw new IOException("state-test worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every case of a file that is not run, as failed cases with the reason "skipped". */
  private static List<CaseResult> skipped(Path file, String name) {
    List<CaseResult> out = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(file.toFile());
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> test = it.next();
        int n = test.getValue().path("post").path(FORK).size();
        for (int i = 0; i < n; i++) {
          out.add(new CaseResult(name + ":" + test.getKey() + "#" + i, false, "skipped"));
        }
      }
    } catch (IOException e) {
      out.add(new CaseResult(name, false, "skipped; unreadable: " + e.getMessage()));
    }
    return out;
  }

  /** Runs one file; {@code name} prefixes the case ids. A file that cannot be read is one failed case. */
  public static List<CaseResult> runFile(Path file, String name) {
    return runOne(file, name);
  }

  private static List<CaseResult> runOne(Path file, String name) {
    List<CaseResult> results = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      results.add(new CaseResult(name, false, "unreadable test file: " + e.getMessage()));
      return results;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> test = it.next();
      JsonNode posts = test.getValue().path("post").path(FORK);
      for (int i = 0; i < posts.size(); i++) {
        String id = name + ":" + test.getKey() + "#" + i;
        String reason;
        try {
          reason = runCase(test.getValue(), posts.get(i));
        } catch (RuntimeException e) {
          reason = "runner error: " + e;
        }
        results.add(new CaseResult(id, reason == null, reason));
      }
    }
    return results;
  }

  /** Null when the case passes, else why not. */
  private static String runCase(JsonNode test, JsonNode post) {
    StateTestWorld world = StateTestWorld.fromPre(test.get("pre"));
    BlockEnv env = env(test.get("env"));
    boolean exceptionExpected = post.has("expectException");
    String expected = exceptionExpected ? post.get("expectException").asText() : null;

    Message message;
    try {
      Transaction tx = Transaction.decode(Hex.decode(post.get("txbytes").asText()), EthereumSuite.INSTANCE);
      tx.validate();
      message = toMessage(tx);
    } catch (RlpException | InvalidTransactionException e) {
      return exceptionExpected ? null : "transaction refused: " + e.getMessage();
    }
    TxResult result = PROCESSOR.process(message, env, world);
    if (exceptionExpected) {
      return result.isValid() ? "expected " + expected + " but the transaction was valid (" + result.status() + ")"
          : null;
    }
    if (!result.isValid()) {
      return "transaction invalid: " + result.error();
    }
    world.apply(result.stateDiff());
    Hash root = world.stateRoot();
    Hash wantRoot = Hash.fromHex(post.get("hash").asText());
    Hash logs = logsHash(result.logs());
    Hash wantLogs = Hash.fromHex(post.get("logs").asText());
    if (!root.equals(wantRoot)) {
      return "state root " + root + ", expected " + wantRoot + " (status " + result.status()
          + (result.error() == null ? "" : ": " + result.error()) + ", gas used " + result.gasUsed() + ")";
    }
    if (!logs.equals(wantLogs)) {
      return "logs hash " + logs + ", expected " + wantLogs;
    }
    return null;
  }

  static Hash logsHash(List<EvmLog> logs) {
    List<Log> converted = new ArrayList<>(logs.size());
    for (EvmLog l : logs) {
      converted.add(new Log(l.address(), l.topics(), l.data()));
    }
    return Hash.keccak(Log.encodeList(converted));
  }

  static Message toMessage(Transaction tx) throws InvalidTransactionException {
    List<AccessListEntry> accessList = new ArrayList<>();
    for (io.trestle.core.tx.AccessListEntry e : tx.accessList()) {
      accessList.add(new AccessListEntry(e.address(), e.storageKeys()));
    }
    return new Message(tx.type().code(), tx.sender(), tx.to(), tx.nonce(), tx.gasLimit(), tx.value(), tx.data(),
        accessList, tx.maxFeePerGas(), tx.maxPriorityFeePerGas(), BigInteger.ZERO, List.of());
  }

  static BlockEnv env(JsonNode env) {
    long number = longOf(env.get("currentNumber"));
    BigInteger excessBlobGas = env.has("currentExcessBlobGas") ? big(env.get("currentExcessBlobGas")) : BigInteger.ZERO;
    Hash random = env.has("currentRandom")
        ? Hash.wrap(UInt256.fromHex(env.get("currentRandom").asText()).toArray())
        : Hash.ZERO;
    return new BlockEnv(number, longOf(env.get("currentTimestamp")),
        Address.fromHex(env.get("currentCoinbase").asText()), longOf(env.get("currentGasLimit")),
        env.has("currentBaseFee") ? big(env.get("currentBaseFee")) : BigInteger.ZERO, random, 1,
        blobBaseFee(excessBlobGas), true);
  }

  /** EIP-4844's fake_exponential(1, excess, 3338477). */
  static BigInteger blobBaseFee(BigInteger excess) {
    BigInteger denominator = BigInteger.valueOf(3_338_477);
    BigInteger output = BigInteger.ZERO;
    BigInteger accum = denominator;
    int i = 1;
    while (accum.signum() > 0) {
      output = output.add(accum);
      accum = accum.multiply(excess).divide(denominator.multiply(BigInteger.valueOf(i)));
      i++;
    }
    return output.divide(denominator);
  }

  static BigInteger big(JsonNode n) {
    String s = n.asText();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      String digits = s.substring(2);
      return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
    }
    return new BigInteger(s);
  }

  /** Values past a long saturate: only gas limits can be that large, and nothing can spend that much. */
  static long longOf(JsonNode n) {
    BigInteger v = big(n);
    return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
  }

  /** The BLOCKHASH answer retesteth fills with: keccak256 of the block number in decimal. */
  static Hash testBlockHash(long number) {
    return Hash.keccak(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
  }

  static Bytes bytes(JsonNode n) {
    return Bytes.fromHex(n.asText());
  }
}
