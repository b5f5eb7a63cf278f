package io.trestle.crypto;

/** Lookup of suites other than {@code ethereum}; extended when the SM suite lands. */
final class CryptoSuites {
  private CryptoSuites() {}

  static CryptoSuite byName(String name) {
    throw new IllegalArgumentException("unknown crypto suite '" + name + "' (expected ethereum or sm)");
  }
}
