package io.trestle.node.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** Amounts as users write them: {@code 1.5eth}, {@code 20gwei}, {@code 1000wei} or a plain number of wei. */
final class Units {
  private Units() {}

  static BigInteger parseWei(String text) throws CliException {
    String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
    int scale;
    if (s.endsWith("ether") || s.endsWith("eth")) {
      scale = 18;
      s = s.substring(0, s.length() - (s.endsWith("ether") ? 5 : 3));
    } else if (s.endsWith("gwei")) {
      scale = 9;
      s = s.substring(0, s.length() - 4);
    } else if (s.endsWith("wei")) {
      scale = 0;
      s = s.substring(0, s.length() - 3);
    } else {
      scale = 0;
    }
    try {
      BigDecimal v = new BigDecimal(s.trim()).movePointRight(scale);
      if (v.signum() < 0) {
        throw new CliException("amount must not be negative: " + text);
      }
      return v.toBigIntegerExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CliException("not an amount: '" + text + "' (examples: 1.5eth, 20gwei, 1000wei)");
    }
  }

  static String formatEther(BigInteger wei) {
    return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString();
  }
}
