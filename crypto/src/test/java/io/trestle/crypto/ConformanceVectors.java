package io.trestle.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Locates shared conformance vectors and the project's list of excluded ones. A vector file is run through a
 * {@link Run}: every vector is checked, and the set that fails must equal the set listed for that file in
 * {@code docs/conformance/crypto-exclusions.md}, so neither a silent skip nor a stale exclusion survives.
 */
public final class ConformanceVectors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXCLUSIONS = "docs/conformance/crypto-exclusions.md";

  private ConformanceVectors() {}

  public static Path dir() {
    String configured = System.getProperty("trestle.conformance.dir");
    if (configured == null) {
      throw new IllegalStateException("system property trestle.conformance.dir is not set (the parent POM sets it)");
    }
    Path dir = Path.of(configured).normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("conformance vectors not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  public static Path path(String relative) {
    Path file = dir().resolve(relative);
    if (!Files.exists(file)) {
      throw new IllegalStateException("conformance file missing: " + file);
    }
    return file;
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The vector ids the exclusions document lists for {@code file} (a path relative to the conformance dir). */
  public static Set<String> excluded(String file) {
    Set<String> ids = new TreeSet<>();
    for (String[] row : exclusionRows()) {
      if (row[0].equals(file)) {
        ids.add(row[1]);
      }
    }
    return ids;
  }

  /** Rows {@code | `file` | `id` | reason |} of the exclusions table, backticks removed. */
  static List<String[]> exclusionRows() {
    Path doc = Path.of(System.getProperty("trestle.repo.dir", "..")).resolve(EXCLUSIONS);
    List<String> lines;
    try {
      lines = Files.readAllLines(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + doc.toAbsolutePath(), e);
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("| `")) {
        continue;
      }
      String[] cells = trimmed.substring(1, trimmed.length() - 1).split("\\|", 3);
      rows.add(new String[] {unquote(cells[0]), unquote(cells[1]), cells[2].trim()});
    }
    return rows;
  }

  private static String unquote(String cell) {
    return cell.trim().replace("`", "");
  }

  /** Something a vector checks; may throw anything, which counts as the vector failing. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /** One conformance file's run. */
  public static final class Run {
    private final String file;
    private final Map<String, String> failures = new TreeMap<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>();
    private int passed;

    public Run(String file) {
      this.file = file;
    }

    public void check(String id, Check check) {
      if (seen.put(id, Boolean.TRUE) != null) {
        throw new IllegalStateException("vector id " + id + " of " + file + " checked twice");
      }
      try {
        check.run();
        passed++;
      } catch (Exception | AssertionError failure) {
        failures.put(id, failure.toString());
      }
    }

    public int passed() {
      return passed;
    }

    /** Fails unless exactly the documented vectors failed; prints the counts for the record. */
    public void assertOnlyDocumentedExclusions() {
      Set<String> documented = excluded(file);
      System.out.printf("conformance %s: %d passed, %d excluded%n", file, passed, failures.size());
      if (!documented.equals(failures.keySet())) {
        throw new AssertionError(
            file + ": failing vectors " + failures.keySet() + " differ from those documented in " + EXCLUSIONS + " "
                + documented + "; failures: " + failures);
      }
      if (passed == 0) {
        throw new AssertionError(file + ": no vector passed; the file was not read as intended");
      }
    }
  }
}
