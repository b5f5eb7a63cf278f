package io.trestle.node.cli;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.DevGenesis;
import io.trestle.node.config.NodeConfig;
import io.trestle.services.governance.Committee;
import io.trestle.services.governance.GovernanceConfig;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Role;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trestle testnet}: a local network of validators (and observers) with one shared genesis. */
@Command(name = "testnet", mixinStandardHelpOptions = true,
    description = "Write a local network: keys, one genesis.json and a folder per node with config.toml; --start runs it.")
final class TestnetCommand implements Callable<Integer> {
  @Option(names = "--validators", description = "Number of validators (default: ${DEFAULT-VALUE})", defaultValue = "4")
  int validators;

  @Option(names = "--observers", description = "Non-validator nodes that follow the chain (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  int observers;

  @Option(names = "--dir", description = "Output folder (default: ${DEFAULT-VALUE})", defaultValue = "./net")
  Path dir;

  @Option(names = "--rpc-port", description = "RPC port of node0; node i uses this + i (default: ${DEFAULT-VALUE})",
      defaultValue = "8545")
  int rpcPort;

  @Option(names = "--p2p-port", description = "P2P port of node0; node i uses this + i (default: ${DEFAULT-VALUE})",
      defaultValue = "30300")
  int p2pPort;

  @Option(names = "--block-interval-ms", description = "Block interval (default: ${DEFAULT-VALUE})", defaultValue = "1000")
  long blockIntervalMs;

  @Option(names = "--suite", description = "Crypto suite: ethereum or sm (default: ${DEFAULT-VALUE})", defaultValue = "ethereum")
  String suiteName;

  @Option(names = "--chain-id", description = "Chain id (default: ${DEFAULT-VALUE})", defaultValue = "1337")
  long chainId;

  @Option(names = "--admin-port", description = "Admin RPC port of node0 on 127.0.0.1; node i uses this + i "
      + "(default: RPC port + 1000)")
  Integer adminPort;

  @Option(names = "--permission-mode", description = "open, deploy-permissioned or permissioned (default: ${DEFAULT-VALUE})",
      defaultValue = "open")
  String permissionMode;

  @Option(names = "--start", description = "Start every node as a child process; Ctrl-C stops them all")
  boolean start;

  @Option(names = "--force", description = "Overwrite an existing network folder")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (validators < 1 || validators > 100 || observers < 0 || observers > 100) {
      throw new CliException("--validators must be 1..100 and --observers 0..100");
    }
    CryptoSuite suite;
    try {
      suite = CryptoSuite.named(suiteName);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    PermissionMode mode = PermissionMode.ofLabel(permissionMode).orElseThrow(() -> new CliException(
        "--permission-mode must be open, deploy-permissioned or permissioned, got " + permissionMode));
    int adminBase = adminPort != null ? adminPort : rpcPort + 1000;
    if (Files.exists(dir.resolve("genesis.json")) && !force) {
      if (start) {
        return run(dir, validators + observers);
      }
      throw new CliException(dir + " already holds a network; use --force to overwrite it or --start to run it");
    }
    if (force && Files.exists(dir)) {
      DevCommand.resetDataDir(dir);
    }
    int total = validators + observers;
    SecureRandom random = new SecureRandom();
    List<KeyPair> nodeKeys = new ArrayList<>();
    List<KeyPair> accounts = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      nodeKeys.add(suite.generateKeyPair(random));
      accounts.add(suite.generateKeyPair(random));
    }
    Genesis genesis = genesis(suite, nodeKeys, accounts, mode);
    Files.createDirectories(dir);
    Files.write(dir.resolve("genesis.json"), genesis.toJson());
    System.out.println("network in " + dir.toAbsolutePath() + " (chain id " + chainId + ", suite " + suite.name() + ")");
    System.out.printf("%-7s %-10s %-44s %-24s %s%n", "node", "role", "address", "rpc", "funded account / private key");
    for (int i = 0; i < total; i++) {
      Path nodeDir = dir.resolve("node" + i);
      Files.createDirectories(nodeDir);
      writeSecret(nodeDir.resolve("node.key"), Hex.encodePrefixed(nodeKeys.get(i).privateKey()));
      writeSecret(nodeDir.resolve("account.key"), Hex.encodePrefixed(accounts.get(i).privateKey()));
      List<String> peers = new ArrayList<>();
      for (int j = 0; j < total; j++) {
        if (j != i) {
          peers.add(address(suite, nodeKeys.get(j)).toHex() + "@127.0.0.1:" + (p2pPort + j));
        }
      }
      NodeConfig config = new NodeConfig(
          new NodeConfig.NodeSection("data", "../genesis.json", "node.key", i < validators),
          new NodeConfig.RpcSection("127.0.0.1", rpcPort + i, null, null),
          new NodeConfig.P2pSection("127.0.0.1", p2pPort + i, peers),
          new NodeConfig.AdminSection("127.0.0.1", adminBase + i, null, null));
      config.save(nodeDir.resolve("config.toml"));
      System.out.printf("%-7s %-10s %-44s %-24s %s  %s%n", "node" + i, i < validators ? "validator" : "observer",
          address(suite, nodeKeys.get(i)).toChecksumHex(), "http://127.0.0.1:" + (rpcPort + i),
          address(suite, accounts.get(i)).toChecksumHex(), Hex.encodePrefixed(accounts.get(i).privateKey()));
    }
    System.out.println();
    System.out.println("committee: the funded accounts of the " + validators + " validators (2/3 of them pass a proposal); "
        + "node0's account is also regulator, auditor and contract-deployer; permission mode " + mode.label());
    System.out.println("run one node:   ./trestle run --config " + dir.resolve("node0").resolve("config.toml"));
    System.out.println("run them all:   ./trestle testnet --dir " + dir + " --start");
    return start ? run(dir, total) : 0;
  }

  private Genesis genesis(CryptoSuite suite, List<KeyPair> nodeKeys, List<KeyPair> accounts, PermissionMode mode) {
    List<Genesis.Validator> vals = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      vals.add(new Genesis.Validator(address(suite, nodeKeys.get(i)), Bytes.wrap(nodeKeys.get(i).publicKey())));
    }
    Map<Address, Genesis.AllocAccount> alloc = new LinkedHashMap<>();
    for (KeyPair account : accounts) {
      alloc.put(address(suite, account), new Genesis.AllocAccount(DevGenesis.BALANCE, 0, Bytes.EMPTY, Map.of()));
    }
    List<Address> observerNodes = new ArrayList<>();
    for (int i = validators; i < nodeKeys.size(); i++) {
      observerNodes.add(address(suite, nodeKeys.get(i)));
    }
    Map<String, List<Address>> roles = new LinkedHashMap<>();
    if (!observerNodes.isEmpty()) {
      roles.put(Genesis.NODE_ROLE, observerNodes);
    }
    Address chair = address(suite, accounts.get(0));
    for (String role : List.of(Role.REGULATOR, Role.AUDITOR, Role.CONTRACT_DEPLOYER)) {
      roles.put(role, List.of(chair));
    }
    List<Committee.Member> committee = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      committee.add(new Committee.Member(address(suite, accounts.get(i)), 1));
    }
    GovernanceConfig governance = new GovernanceConfig(committee, GovernanceConfig.DEFAULT_NUMERATOR,
        GovernanceConfig.DEFAULT_DENOMINATOR, mode, GovernanceConfig.DEFAULT_OFFSET);
    return new Genesis(chainId, suite.name(), System.currentTimeMillis(), DevGenesis.GAS_LIMIT,
        new Genesis.FeeRules("eip1559", BigInteger.valueOf(1_000_000_000L), BigInteger.ZERO, true),
        blockIntervalMs, vals, alloc, Bytes.EMPTY, roles, governance);
  }

  private static Address address(CryptoSuite suite, KeyPair key) {
    return Address.wrap(suite.address(key.publicKey()));
  }

  private static void writeSecret(Path file, String content) throws IOException {
    Files.writeString(file, content + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
  }

  /** Starts every node folder as a child process and stops them all when this process is interrupted. */
  private static int run(Path dir, int count) throws Exception {
    Path jar = Path.of(TestnetCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path nodeDir = dir.resolve("node" + i);
      if (!Files.exists(nodeDir.resolve("config.toml"))) {
        break;
      }
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString(), "run",
          "--config", nodeDir.resolve("config.toml").toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile()));
      children.add(pb.start());
      System.out.println("started node" + i + " (log: " + nodeDir.resolve("node.log") + ")");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Process p : children) {
        p.destroy();
      }
      for (Process p : children) {
        try {
          p.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      stopped.countDown();
    }, "testnet-stop"));
    System.out.println("network running; Ctrl-C stops every node");
    for (Process p : children) {
      p.waitFor();
    }
    return 0;
  }
}
