package io.trestle.state.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locates the shared conformance vectors and this module's list of excluded ones. */
public final class Conformance {
  private static final Pattern EXCLUDED_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

  private Conformance() {}

  public static Path path(String relative) {
    String configured = System.getProperty("trestle.conformance.dir");
    if (configured == null) {
      throw new IllegalStateException("system property trestle.conformance.dir is not set (the parent POM sets it)");
    }
    Path dir = Path.of(configured);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("conformance vectors not found at " + dir.toAbsolutePath());
    }
    Path file = dir.resolve(relative).normalize();
    if (!Files.exists(file)) {
      throw new IllegalStateException("conformance file missing: " + file);
    }
    return file;
  }

  /**
   * The vector ids listed in docs/conformance/state-exclusions.md: table rows whose first cell is a back-quoted
   * id ({@code | `file.json/name` | reason |}).
   */
  public static Set<String> excluded() throws IOException {
    Path file = Path.of("..", "docs", "conformance", "state-exclusions.md");
    if (!Files.exists(file)) {
      throw new IllegalStateException("exclusion list missing: " + file.toAbsolutePath());
    }
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = EXCLUDED_ROW.matcher(line.trim());
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }
}
