package io.trestle.node.cli;

import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.keystore.Keystore;
import io.trestle.crypto.keystore.KeystoreException;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.node.Node;
import io.trestle.node.admin.AdminSettings;
import io.trestle.node.config.NodeConfig;
import io.trestle.rpc.eth.RpcLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trestle run --config FILE}: run a node from its configuration file. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a node from its config.toml.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The node's config.toml")
  Path config;

  @Option(names = "--password-file", description = "Password of an encrypted node key")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    NodeConfig cfg;
    try {
      cfg = NodeConfig.load(config);
    } catch (NodeConfig.ConfigException e) {
      throw new CliException(e.getMessage());
    }
    Path base = config.toAbsolutePath().getParent();
    Genesis genesis;
    try {
      genesis = Genesis.load(base.resolve(cfg.node().genesis()));
    } catch (GenesisException e) {
      throw new CliException(e.getMessage());
    }
    KeyPair key = loadKey(base.resolve(cfg.node().keyFile() == null ? "node.key" : cfg.node().keyFile()), genesis.suite());
    String host = cfg.rpc() == null || cfg.rpc().host() == null ? "127.0.0.1" : cfg.rpc().host();
    int port = cfg.rpc() == null || cfg.rpc().port() == null ? 8545 : cfg.rpc().port();
    RpcLimits limits = RpcLimits.defaults();
    if (cfg.rpc() != null) {
      try {
        limits = limits.withLogs(
            cfg.rpc().logsBlockRangeMax() == null ? limits.logsBlockRangeMax() : cfg.rpc().logsBlockRangeMax(),
            cfg.rpc().logsResultsMax() == null ? limits.logsResultsMax() : cfg.rpc().logsResultsMax());
      } catch (IllegalArgumentException e) {
        throw new CliException(config + ": [rpc] " + e.getMessage());
      }
    }
    Node.NetworkSettings network = null;
    if (cfg.p2p() != null && cfg.p2p().port() != null) {
      network = new Node.NetworkSettings(cfg.p2p().host() == null ? "127.0.0.1" : cfg.p2p().host(), cfg.p2p().port(),
          cfg.p2p().peers() == null ? java.util.List.of() : cfg.p2p().peers());
    } else if (genesis.validators().size() > 1) {
      throw new CliException(config + ": a chain of " + genesis.validators().size() + " validators needs a [p2p] section");
    }
    Node node = new Node(new Node.Settings(base.resolve(cfg.node().dataDir()), genesis, key, host, port, limits, network,
        admin(cfg.admin(), base)));
    CountDownLatch stopped = NodeLauncher.start(node);
    System.out.println("node running; JSON-RPC on http://" + node.rpcAddress().getHostString() + ":" + node.rpcAddress().getPort());
    if (node.adminAddress() != null) {
      System.out.println("admin JSON-RPC on http://" + node.adminAddress().getHostString() + ":" + node.adminAddress().getPort());
    }
    stopped.await();
    return 0;
  }

  private AdminSettings admin(NodeConfig.AdminSection section, Path base) throws CliException {
    if (section == null) {
      return null;
    }
    if (section.port() == null) {
      throw new CliException(config + ": [admin] needs a port");
    }
    // the TOML writer stores absent strings as '', so blank means absent
    String token = blankToNull(section.token());
    if (blankToNull(section.tokenFile()) != null) {
      try {
        token = Files.readString(base.resolve(section.tokenFile())).trim();
      } catch (IOException e) {
        throw new CliException(config + ": [admin] token_file: " + e.getMessage());
      }
    }
    try {
      return new AdminSettings(blankToNull(section.host()), section.port(), token);
    } catch (IllegalArgumentException e) {
      throw new CliException(config + ": [admin] " + e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private KeyPair loadKey(Path file, CryptoSuite suite) throws CliException {
    String text;
    try {
      text = Files.readString(file).trim();
    } catch (IOException e) {
      throw new CliException("cannot read node key " + file + ": " + e.getMessage());
    }
    try {
      if (text.startsWith("{")) {
        return Keystore.decrypt(text, KeySource.password(passwordFile, "Node key password: ")).keyPair();
      }
      return suite.keyPair(Hex.decode(text));
    } catch (KeystoreException | IllegalArgumentException e) {
      throw new CliException("node key " + file + ": " + e.getMessage());
    }
  }
}
