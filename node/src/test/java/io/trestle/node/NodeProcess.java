package io.trestle.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A node running as a separate OS process from the built CLI jar, for multi-process tests. */
final class NodeProcess implements AutoCloseable {
  private static final int FIRST_PORT = 20_000;
  private static final int LAST_PORT = 32_000;
  private final List<String> command;
  private final Path log;
  private Process process;
  final int rpcPort;

  private NodeProcess(List<String> command, Path log, int rpcPort) {
    this.command = command;
    this.log = log;
    this.rpcPort = rpcPort;
  }

  static Path jar() {
    Path jar = Path.of("target", "trestle.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("node/target/trestle.jar is missing: run the package phase first (mvn -Pit verify does)");
    }
    return jar.toAbsolutePath();
  }

  /** Next candidate port; starts at a random point so concurrent builds on one machine rarely meet. */
  private static int nextPort = FIRST_PORT + new java.util.Random().nextInt(LAST_PORT - FIRST_PORT - 2_000);

  /**
   * A run of {@code count} consecutive ports that were all free a moment ago, never handed out before in this JVM.
   * The ports lie below Linux's ephemeral range (32768 and up): a port taken from that range, as {@code new
   * ServerSocket(0)} does, can be claimed meanwhile by any outgoing connection — the nodes' own peer dials included —
   * and a node then fails to start with "Address already in use".
   */
  static synchronized int freePorts(int count) throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      if (nextPort + count > LAST_PORT) {
        nextPort = FIRST_PORT;
      }
      int base = nextPort;
      nextPort += count;
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IOException("no run of " + count + " free ports between " + FIRST_PORT + " and " + LAST_PORT);
  }

  static int freePort() throws IOException {
    return freePorts(1);
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** {@code trestle dev} on a free port with the given data folder. */
  static NodeProcess dev(Path data, String... extra) throws IOException {
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar().toString(),
        "dev", "--data", data.toString(), "--port", Integer.toString(port)));
    cmd.addAll(List.of(extra));
    return new NodeProcess(cmd, data.resolveSibling(data.getFileName() + ".log"), port);
  }

  /** {@code trestle run --config DIR/config.toml} for a folder written by {@code trestle testnet}. */
  static NodeProcess run(Path nodeDir, int rpcPort) {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
        jar().toString(), "run", "--config", nodeDir.resolve("config.toml").toString()));
    return new NodeProcess(cmd, nodeDir.resolve("node.log"), rpcPort);
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  NodeProcess start() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    TestNodes.Rpc probe = rpc();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        probe.call("eth_chainId");
        return this;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("node did not answer within 60 s:\n" + Files.readString(log));
  }

  TestNodes.Rpc rpc() {
    return new TestNodes.Rpc("http://127.0.0.1:" + rpcPort + "/");
  }

  String url() {
    return "http://127.0.0.1:" + rpcPort + "/";
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: a clean shutdown. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  static String devAccountKey(Path data) throws IOException {
    JsonNode keys = new ObjectMapper().readTree(data.resolve("dev-keys.json").toFile());
    return keys.get("account").asText();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
