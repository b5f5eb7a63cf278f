package io.trestle.execution.conformance;

import java.nio.file.Path;

/** Runs the state-test runner from the command line while iterating: {@code StateTestMain DIR}. */
final class StateTestMain {
  private StateTestMain() {}

  public static void main(String[] args) throws Exception {
    StateTestRunner.run(Path.of(args[0]), System.out);
  }
}
