package io.trestle.services.did;

import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;

/** Static ABI declarations for the identity contracts: a typo in a signature fails class loading, loudly. */
public final class Abis {
  private Abis() {}

  public static AbiFunction function(String signature, String... outputs) {
    try {
      return AbiFunction.parse(signature, outputs);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public static AbiEvent event(String declaration) {
    try {
      return AbiEvent.parse(declaration);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Null when {@code value} is a short identifier (1 to 31 of {@code A-Z a-z 0-9 . _ -}), else why not, naming
   * {@code what}.
   */
  public static String checkIdentifier(String what, String value) {
    if (value.isEmpty() || value.length() > Slots.INLINE_BYTES_MAX) {
      return what + " must be 1 to " + Slots.INLINE_BYTES_MAX + " characters, got " + value.length();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
          || c == '-';
      if (!ok) {
        return what + " '" + Did.printable(value) + "' may hold only letters, digits, '.', '_' and '-'";
      }
    }
    return null;
  }
}
