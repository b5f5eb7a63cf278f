package io.trestle.node.cli;

import io.trestle.execution.conformance.StateTestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trestle conformance state-tests DIR}: run Ethereum state tests through the real execution path. */
@Command(name = "conformance", mixinStandardHelpOptions = true, description = "Run conformance suites.",
    subcommands = {ConformanceCommand.StateTests.class})
final class ConformanceCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "state-tests", mixinStandardHelpOptions = true,
      description = "Run every GeneralStateTests file under DIR (Cancun post states): pass counts per sub-folder, "
          + "each failing case with its reason, and a final 'N passed, M failed'. Exit code 1 when any case fails.")
  static final class StateTests implements Callable<Integer> {
    @Parameters(index = "0", description = "A folder of state-test JSON files (searched recursively)")
    Path dir;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(dir)) {
        throw new CliException("not a folder: " + dir);
      }
      StateTestRunner.Summary summary = StateTestRunner.run(dir, System.out);
      return summary.failed() == 0 ? 0 : 1;
    }
  }
}
