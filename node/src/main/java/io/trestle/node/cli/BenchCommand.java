package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.node.loadgen.LoadException;
import io.trestle.node.loadgen.LoadGenerator;
import io.trestle.node.loadgen.LoadReport;
import io.trestle.node.loadgen.LoadSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trestle bench}: the load generator (see {@link LoadGenerator}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "Load-test a node over JSON-RPC: fund --accounts fresh senders from a funder key, pre-sign transfers "
            + "round robin over them, send them in JSON-RPC batches over a few keep-alive connections and report "
            + "submitted/s, committed/s, commit latency (p50/p95/p99), blocks, errors and optionally the node's heap.",
        "Either --txs N (sent as fast as the connections allow) or --duration-s S --rate R (open loop)."})
final class BenchCommand implements Callable<Integer> {
  private static final long SIGNED_TXS_WARN = 500_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--rpc", split = ",", description = "JSON-RPC URL of the node, or several (comma-separated or "
      + "repeated) of one network: batches are spread over them round robin; the first funds and follows the chain "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "http://127.0.0.1:8545")
  List<String> rpc;

  @Option(names = "--key", description = "Funder private key, 0x + 64 hex digits")
  String key;

  @Option(names = "--data", description = "A dev chain's data folder: the funder key is read from DIR/dev-keys.json")
  Path data;

  @Option(names = "--suite", description = "Crypto suite of the chain: ethereum or sm (default: ${DEFAULT-VALUE})",
      defaultValue = "ethereum")
  String suite;

  @Option(names = "--kind", description = "Transaction kind (default: ${DEFAULT-VALUE}); known: transfer, notarize, "
      + "anchor (1,000 digests per tx), erc20 (token transfers; works against any JSON-RPC node)",
      defaultValue = "transfer")
  String kind;

  @Option(names = "--accounts", description = "Fresh sender accounts to fund and use (default: ${DEFAULT-VALUE})",
      defaultValue = "200")
  int accounts;

  @Option(names = "--txs", description = "Transactions to send (default: 10000, or rate x duration)")
  Integer txs;

  @Option(names = "--duration-s", description = "Open-loop run length in seconds (needs --rate)")
  Integer durationS;

  @Option(names = "--rate", description = "Target submission rate in tx/s, open loop (default: as fast as possible)")
  Integer rate;

  @Option(names = "--warmup-s", description = "Seconds of the same load sent first and not measured (needs --rate)")
  Integer warmupS;

  @Option(names = "--warmup-txs", description = "Transactions sent first and not measured (default: 0)")
  Integer warmupTxs;

  @Option(names = "--batch", description = "Raw transactions per JSON-RPC batch (default: ${DEFAULT-VALUE})",
      defaultValue = "100")
  int batch;

  @Option(names = "--connections", description = "Concurrent HTTP connections (default: ${DEFAULT-VALUE})",
      defaultValue = "4")
  int connections;

  @Option(names = "--max-fee-gwei", description = "Fee cap of every transaction (default: 1000 x the base fee at start, "
      + "at least 100 gwei)")
  BigDecimal maxFeeGwei;

  @Option(names = "--drain-timeout-s", description = "How long to wait for commits after the last send "
      + "(default: ${DEFAULT-VALUE})", defaultValue = "60")
  int drainTimeoutS;

  @Option(names = "--node-pid", split = ",", description = "Process id of the node on this machine, or several: "
      + "their CPU time is measured and the first one's heap sampled with jstat")
  List<Long> nodePid;

  @Option(names = "--kill-pid", description = "SIGKILL this process (a node of the network) during the measured "
      + "phase, at --kill-at-s, and report how committed throughput recovers")
  Long killPid;

  @Option(names = "--kill-at-s", description = "Seconds after the first measured send to kill --kill-pid")
  Integer killAtS;

  @Option(names = "--json", description = "Print the report as JSON on stdout (progress goes to stderr)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CryptoSuite cryptoSuite;
    try {
      cryptoSuite = CryptoSuite.named(suite);
    } catch (IllegalArgumentException e) {
      throw new CliException("--suite: " + e.getMessage());
    }
    LoadSettings settings;
    try {
      if ((killPid == null) != (killAtS == null)) {
        throw new CliException("give --kill-pid and --kill-at-s together");
      }
      settings = new LoadSettings(uris(), cryptoSuite, funder(cryptoSuite), kind, accounts, txCount(), warmupCount(),
          rate == null ? 0 : rate, durationS == null ? 0 : durationS, batch, connections, maxFeeWei(), drainTimeoutS,
          nodePid == null ? List.of() : nodePid, killPid == null ? null : new LoadSettings.Kill(killPid, killAtS));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    LoadReport report;
    try {
      report = new LoadGenerator(settings, System.err).run();
    } catch (LoadException e) {
      throw new CliException(e.getMessage());
    }
    if (json) {
      System.out.println(JSON.writeValueAsString(report));
    } else {
      System.out.print(report.toText());
    }
    System.out.flush();
    return report.committed() > 0 ? 0 : 1;
  }

  private int txCount() throws CliException {
    if (durationS != null) {
      if (rate == null || rate <= 0) {
        throw new CliException("--duration-s needs --rate: an open-loop run sends rate x duration transactions");
      }
      if (txs != null) {
        throw new CliException("give either --txs or --duration-s with --rate, not both");
      }
      if (durationS < 1) {
        throw new CliException("--duration-s must be at least 1");
      }
      long n = (long) durationS * rate;
      if (n > LoadSettings.TXS_MAX) {
        throw new CliException("--rate x --duration-s = " + n + " exceeds " + LoadSettings.TXS_MAX + " transactions");
      }
      warnIfLarge(n);
      return (int) n;
    }
    int n = txs == null ? 10_000 : txs;
    warnIfLarge(n);
    return n;
  }

  private int warmupCount() throws CliException {
    if (warmupS != null && warmupTxs != null) {
      throw new CliException("give either --warmup-s or --warmup-txs, not both");
    }
    if (warmupS == null) {
      return warmupTxs == null ? 0 : warmupTxs;
    }
    if (rate == null || rate <= 0) {
      throw new CliException("--warmup-s needs --rate; use --warmup-txs for a closed-loop run");
    }
    if (warmupS < 0) {
      throw new CliException("--warmup-s must not be negative");
    }
    long n = (long) warmupS * rate;
    if (n > LoadSettings.TXS_MAX) {
      throw new CliException("--rate x --warmup-s = " + n + " exceeds " + LoadSettings.TXS_MAX + " transactions");
    }
    return (int) n;
  }

  private static void warnIfLarge(long n) {
    if (n > SIGNED_TXS_WARN) {
      System.err.println("trestle bench: pre-signing " + n + " transactions takes a while and ~" + (n * 350 / 1_000_000)
          + " MB of memory");
    }
  }

  private List<URI> uris() throws CliException {
    if (rpc.size() > LoadSettings.RPCS_MAX) {
      throw new CliException(rpc.size() + " --rpc endpoints; give at most " + LoadSettings.RPCS_MAX);
    }
    List<URI> out = new ArrayList<>();
    for (String one : rpc) {
      out.add(uri(one.trim()));
    }
    return out;
  }

  private static URI uri(String rpc) throws CliException {
    try {
      URI u = URI.create(rpc);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw new CliException("--rpc must be an http:// or https:// URL, not " + rpc);
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new CliException("--rpc: invalid URL " + rpc);
    }
  }

  private BigInteger maxFeeWei() throws CliException {
    if (maxFeeGwei == null) {
      return null;
    }
    try {
      return maxFeeGwei.movePointRight(9).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new CliException("--max-fee-gwei " + maxFeeGwei + " has more than 9 decimals");
    }
  }

  private KeyPair funder(CryptoSuite cryptoSuite) throws CliException {
    if (key != null && data != null) {
      throw new CliException("give either --key or --data, not both");
    }
    String hex = key;
    if (data != null) {
      hex = devAccountKey(data.resolve(DevKeys.FILE));
    }
    if (hex == null) {
      throw new CliException("give the funder with --key 0x... or --data DIR (a dev chain's data folder)");
    }
    try {
      return cryptoSuite.keyPair(Hex.decode(hex.trim()));
    } catch (IllegalArgumentException e) {
      throw new CliException((key != null ? "--key" : data.resolve(DevKeys.FILE).toString()) + ": " + e.getMessage());
    }
  }

  private static String devAccountKey(Path file) throws CliException {
    if (!Files.isRegularFile(file)) {
      throw new CliException(file + " does not exist: is " + file.getParent() + " a dev chain's data folder?");
    }
    try {
      if (Files.size(file) > 64 * 1024) {
        throw new CliException(file + " is too large to be a dev keys file");
      }
      JsonNode node = new ObjectMapper().readTree(file.toFile());
      JsonNode account = node == null ? null : node.get("account");
      if (account == null || !account.isTextual()) {
        throw new CliException(file + " has no \"account\" key");
      }
      return account.asText();
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
