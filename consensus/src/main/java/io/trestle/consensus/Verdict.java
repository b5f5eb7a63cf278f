package io.trestle.consensus;

import java.util.Objects;

/** The application's judgement of a proposed block; a rejection says why, for the operator's log. */
public record Verdict(boolean accepted, String reason) {
  private static final Verdict ACCEPT = new Verdict(true, "ok");

  public Verdict {
    Objects.requireNonNull(reason, "reason");
  }

  public static Verdict accept() {
    return ACCEPT;
  }

  public static Verdict reject(String reason) {
    return new Verdict(false, reason);
  }
}
