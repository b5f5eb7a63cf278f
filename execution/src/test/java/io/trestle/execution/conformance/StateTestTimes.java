package io.trestle.execution.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Prints the slowest state-test files, to keep an eye on what dominates a conformance run. */
final class StateTestTimes {
  private StateTestTimes() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      long t0 = System.nanoTime();
      StateTestRunner.runFile(f, f.toString());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (ms > 300) {
        System.out.println(ms + " ms " + dir.relativize(f));
      }
    }
  }
}
