package io.trestle.execution.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@code post.Cancun} case of ethereum/tests GeneralStateTests through the real execution path. The cases
 * that fail and the files not run here must be exactly those listed, with reasons, in
 * {@code docs/conformance/evm-exclusions.md}.
 */
class GeneralStateTestsTest {
  static final Path EXCLUSIONS = Path.of("..", "docs", "conformance", "evm-exclusions.md");
  private static final Pattern ENTRY = Pattern.compile("^- `([^`]+)`\\s+—\\s+(\\S.*)$");

  static Path suite() {
    String dir = System.getProperty("trestle.conformance.dir");
    if (dir == null) {
      throw new IllegalStateException("system property trestle.conformance.dir is not set");
    }
    Path p = Path.of(dir, "ethereum-tests", "GeneralStateTests");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("GeneralStateTests missing at " + p);
    }
    return p;
  }

  /** Entries of the exclusions file under the heading that starts with {@code heading}. */
  static Set<String> listed(String heading) throws IOException {
    Set<String> out = new TreeSet<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(EXCLUSIONS, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        inSection = line.startsWith("## " + heading);
        continue;
      }
      Matcher m = ENTRY.matcher(line);
      if (inSection && m.matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  void passesEveryCancunCaseExceptTheListedOnes() throws IOException {
    Set<String> expectedFailures = listed("Failing cases");
    Set<String> skippedFiles = listed("Files the unit test does not run");
    assertTrue(expectedFailures.size() > 0 && skippedFiles.size() > 0, "exclusions file lost its sections");

    ByteArrayOutputStream report = new ByteArrayOutputStream();
    StateTestRunner.Summary summary =
        StateTestRunner.run(suite(), new PrintStream(report, true, StandardCharsets.UTF_8), skippedFiles);

    Set<String> failed = summary.failures().stream()
        .filter(f -> !f.reason().equals("skipped"))
        .map(StateTestRunner.CaseResult::id)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> unexpected = new TreeSet<>(failed);
    unexpected.removeAll(expectedFailures);
    Set<String> nowPassing = new TreeSet<>(expectedFailures);
    nowPassing.removeAll(failed);
    assertEquals(Set.of(), unexpected, "failing cases not listed in " + EXCLUSIONS + ":\n"
        + summary.failures().stream().filter(f -> unexpected.contains(f.id()))
            .map(f -> f.id() + ": " + f.reason()).collect(Collectors.joining("\n")));
    assertEquals(Set.of(), nowPassing, "listed as failing but passing now; remove them from " + EXCLUSIONS);

    long total = summary.passed() + summary.failed();
    assertTrue(total > 12_000, "suite shrank to " + total + " cases");
    assertTrue(summary.passed() >= 0.99 * total, summary.passed() + " of " + total + " passed");
  }
}
