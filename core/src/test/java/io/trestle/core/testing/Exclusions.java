package io.trestle.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the conformance cases a module excludes from {@code docs/conformance/<module>-exclusions.md}, so a test
 * can assert that exactly the documented cases diverge. Each excluded case is a table row whose first cell is
 * the case id in backticks.
 */
public final class Exclusions {
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

  private Exclusions() {}

  /** The case ids listed under the heading {@code ## <section>} of {@code docs/conformance/<file>}. */
  public static Set<String> listed(String file, String section) throws IOException {
    Path doc = repoRoot().resolve("docs/conformance").resolve(file);
    Set<String> ids = new TreeSet<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(doc)) {
      if (line.startsWith("## ")) {
        inSection = line.substring(3).trim().equals(section);
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (inSection && m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  private static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs/conformance"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docs/conformance above " + dir);
  }
}
