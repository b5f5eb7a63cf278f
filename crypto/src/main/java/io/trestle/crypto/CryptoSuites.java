package io.trestle.crypto;

/** Lookup of suites by the name a genesis file gives. */
final class CryptoSuites {
  private CryptoSuites() {}

  static CryptoSuite byName(String name) {
    return switch (name) {
      case EthereumSuite.NAME -> EthereumSuite.INSTANCE;
      case SmSuite.NAME -> SmSuite.INSTANCE;
      default -> throw new IllegalArgumentException(
          "unknown crypto suite '" + name + "' (expected " + EthereumSuite.NAME + " or " + SmSuite.NAME + ")");
    };
  }
}
