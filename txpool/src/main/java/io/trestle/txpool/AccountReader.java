package io.trestle.txpool;

import io.trestle.core.Address;
import java.math.BigInteger;

/** What the pool needs to know of the chain's head state. Must be safe to call from any thread. */
public interface AccountReader {
  long nonce(Address account);

  BigInteger balance(Address account);
}
