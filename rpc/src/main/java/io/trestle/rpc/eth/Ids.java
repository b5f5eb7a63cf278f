package io.trestle.rpc.eth;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Filter and subscription ids: 128 random bits as a hex quantity, so one client cannot guess and poll or cancel
 * another's filters.
 */
final class Ids implements Supplier<String> {
  private final SecureRandom random = new SecureRandom();

  @Override
  public String get() {
    BigInteger id;
    do {
      id = new BigInteger(128, random);
    } while (id.signum() == 0);
    return "0x" + id.toString(16);
  }
}
