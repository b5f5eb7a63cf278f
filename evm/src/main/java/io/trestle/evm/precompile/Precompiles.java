package io.trestle.evm.precompile;

import io.trestle.core.Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The Cancun precompile set by address. */
public final class Precompiles {
  private static final Precompile[] BY_NUMBER = new Precompile[11];
  private static final List<Address> ADDRESSES;

  static {
    BY_NUMBER[1] = SimplePrecompiles.ECRECOVER;
    BY_NUMBER[2] = SimplePrecompiles.SHA256;
    BY_NUMBER[3] = SimplePrecompiles.RIPEMD160;
    BY_NUMBER[4] = SimplePrecompiles.IDENTITY;
    BY_NUMBER[5] = ModExp.INSTANCE;
    BY_NUMBER[6] = Bn254Precompiles.ADD;
    BY_NUMBER[7] = Bn254Precompiles.MUL;
    BY_NUMBER[8] = Bn254Precompiles.PAIRING;
    BY_NUMBER[9] = Blake2F.INSTANCE;
    BY_NUMBER[10] = PointEvaluation.INSTANCE;
    List<Address> list = new ArrayList<>();
    for (int i = 1; i < BY_NUMBER.length; i++) {
      list.add(Address.ofLong(i));
    }
    ADDRESSES = Collections.unmodifiableList(list);
  }

  private Precompiles() {}

  /** The precompile at {@code address}, or null. */
  public static Precompile get(Address address) {
    byte[] a = address.unsafeArray();
    int last = a[19] & 0xff;
    if (last == 0 || last >= BY_NUMBER.length) {
      return null;
    }
    for (int i = 0; i < 19; i++) {
      if (a[i] != 0) {
        return null;
      }
    }
    return BY_NUMBER[last];
  }

  /** Every precompile address, warm from the start of each transaction (EIP-2929). */
  public static List<Address> addresses() {
    return ADDRESSES;
  }
}
