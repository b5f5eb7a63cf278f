package io.trestle.services.supervision;

/** The licence of a platform, issuer or bank account, as the regulator sets it and service contracts check it. */
public enum LicenseStatus {
  /** Never licensed (or the licence was cleared). */
  NONE,
  ACTIVE,
  SUSPENDED,
  REVOKED;

  public int code() {
    return ordinal();
  }

  public static java.util.Optional<LicenseStatus> ofCode(long code) {
    return code >= 0 && code < values().length ? java.util.Optional.of(values()[(int) code]) : java.util.Optional.empty();
  }
}
