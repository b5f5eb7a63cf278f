package io.trestle.node.cli;

import io.trestle.execution.genesis.GenesisException;
import io.trestle.node.Node;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** Starts a node for a CLI command and keeps the process alive until it is stopped (Ctrl-C, SIGTERM). */
final class NodeLauncher {
  private NodeLauncher() {}

  /** Starts the node or fails with a one-line reason; registers a shutdown hook that closes it. */
  static CountDownLatch start(Node node) throws CliException, InterruptedException {
    try {
      node.start();
    } catch (GenesisException e) {
      throw new CliException(e.getMessage());
    } catch (IOException e) {
      throw new CliException("cannot start: " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "shutdown"));
    return stopped;
  }
}
