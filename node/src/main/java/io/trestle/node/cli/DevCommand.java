package io.trestle.node.cli;

import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.node.DevGenesis;
import io.trestle.node.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trestle dev}: a one-validator chain on embedded defaults, like {@code hardhat node}. */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Start a development chain: RocksDB in --data, one local validator, JSON-RPC on 127.0.0.1:8545, "
        + "a funded account printed on start. Restarting resumes the same chain.")
final class DevCommand implements Callable<Integer> {

  @Option(names = "--data", description = "Data folder (default: ${DEFAULT-VALUE})", defaultValue = "./data")
  Path data;

  @Option(names = "--port", description = "JSON-RPC port (default: ${DEFAULT-VALUE})", defaultValue = "8545")
  int port;

  @Option(names = "--host", description = "JSON-RPC bind address (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--reset", description = "Delete the data folder's chain and start afresh")
  boolean reset;

  @Option(names = "--block-interval-ms", description = "Block interval for a new chain (default: ${DEFAULT-VALUE})",
      defaultValue = "1000")
  long blockIntervalMs;

  @Override
  public Integer call() throws Exception {
    if (reset) {
      resetDataDir(data);
    }
    CryptoSuite suite = EthereumSuite.INSTANCE;
    DevKeys keys = DevKeys.loadOrCreate(data, suite);
    Genesis genesis = loadOrCreateGenesis(data.resolve("genesis.json"), suite, keys);
    Node node = new Node(new Node.Settings(data, genesis, keys.validator(), host, port));
    CountDownLatch stopped = NodeLauncher.start(node);
    printBanner(System.out, node, genesis, keys, suite);
    stopped.await();
    return 0;
  }

  private Genesis loadOrCreateGenesis(Path file, CryptoSuite suite, DevKeys keys) throws IOException, CliException {
    if (Files.exists(file)) {
      try {
        return Genesis.load(file);
      } catch (GenesisException e) {
        throw new CliException(file + ": " + e.getMessage());
      }
    }
    Genesis genesis = DevGenesis.create(suite, keys.validator(), List.of(keys.account()), blockIntervalMs,
        System.currentTimeMillis());
    Files.createDirectories(file.getParent());
    Files.write(file, genesis.toJson());
    return genesis;
  }

  static void resetDataDir(Path dir) throws IOException, CliException {
    if (!Files.exists(dir)) {
      return;
    }
    boolean ours = Files.exists(dir.resolve("genesis.json")) || Files.exists(dir.resolve("db"))
        || Files.exists(dir.resolve(DevKeys.FILE));
    try (Stream<Path> entries = Files.list(dir)) {
      if (!ours && entries.findAny().isPresent()) {
        throw new CliException(dir + " is not a Trestle data folder; refusing to delete it");
      }
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void printBanner(PrintStream out, Node node, Genesis genesis, DevKeys keys, CryptoSuite suite) {
    Address account = Address.wrap(suite.address(keys.account().publicKey()));
    out.println();
    out.println("Trestle development chain");
    out.println("  chain id     " + genesis.chainId());
    out.println("  JSON-RPC     http://" + node.rpcAddress().getHostString() + ":" + node.rpcAddress().getPort());
    out.println("  head         block " + node.chain().head().number());
    out.println();
    out.println("Funded development account (test key, never use it on a real network):");
    out.println("  address      " + account.toChecksumHex());
    out.println("  private key  " + Hex.encodePrefixed(keys.account().privateKey()));
    out.println();
    out.println("Press Ctrl-C to stop; run the same command again to resume this chain (--reset starts afresh).");
    out.flush();
  }
}
