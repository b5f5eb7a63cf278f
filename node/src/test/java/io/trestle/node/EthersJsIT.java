package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the ethers.js v6 suite of tests-js ({@code node --test}) against {@code trestle dev} running as its own
 * process, handing it the node's HTTP and WebSocket URLs and the funded development key.
 */
class EthersJsIT {
  private static final long SUITE_TIMEOUT_MINUTES = 10;

  @TempDir
  Path tmp;

  static Path testsJs() {
    String repo = System.getProperty("trestle.repo.dir", "..");
    Path dir = Path.of(repo, "tests-js").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      throw new IllegalStateException(dir + "/node_modules is missing: run `npm ci` in tests-js first "
          + "(.ci/run does; it needs Node.js 20 and the npm registry)");
    }
    return dir;
  }

  @Test
  void ethersJsSuitePassesAgainstADevNode() throws Exception {
    Path js = testsJs();
    Path data = tmp.resolve("data");
    try (NodeProcess node = NodeProcess.dev(data, "--block-interval-ms", "200").start()) {
      ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-concurrency=1", "test/")
          .directory(js.toFile())
          .redirectErrorStream(true)
          .redirectOutput(tmp.resolve("node-test.log").toFile());
      pb.environment().put("TRESTLE_RPC_URL", node.url());
      pb.environment().put("TRESTLE_WS_URL", "ws://127.0.0.1:" + node.rpcPort + "/");
      pb.environment().put("TRESTLE_DEV_KEY", NodeProcess.devAccountKey(data));
      Process run;
      try {
        run = pb.start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot run `node` (Node.js 20 must be on the PATH): " + e.getMessage(), e);
      }
      boolean finished = run.waitFor(SUITE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!finished) {
        run.destroyForcibly();
      }
      String output = Files.readString(tmp.resolve("node-test.log"), StandardCharsets.UTF_8);
      System.out.println(output);
      assertEquals(true, finished, "the ethers.js suite did not finish within " + SUITE_TIMEOUT_MINUTES + " minutes:\n" + output);
      assertEquals(0, run.exitValue(), "the ethers.js suite failed:\n" + output + "\nnode log:\n" + node.log());
    }
  }
}
