package io.trestle.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared conformance vectors ({@code ../shared/conformance} beside the clone). */
public final class Conformance {
  private Conformance() {}

  public static Path dir() {
    String configured = System.getProperty("trestle.conformance.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/conformance");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "conformance vectors not found at " + dir.toAbsolutePath() + " (expected ../shared/conformance beside the clone)");
    }
    return dir.normalize();
  }

  public static Path path(String relative) {
    return dir().resolve(relative);
  }
}
