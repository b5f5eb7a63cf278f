package io.trestle.evm;

/**
 * The gas a transaction pays before any code runs (Cancun): 21000, or 53000 for a creation; 4 per zero and 16
 * per non-zero data byte; 2400 per access-list address and 1900 per storage key (EIP-2930); 2 per 32-byte word
 * of initcode (EIP-3860). The transaction pool uses the same function to reject a too-low gas limit early.
 */
public final class IntrinsicGas {
  private IntrinsicGas() {}

  public static long of(Message message) {
    long gas = message.isCreate() ? 53_000 : 21_000;
    byte[] data = message.data().unsafeArray();
    long nonZero = 0;
    for (byte b : data) {
      if (b != 0) {
        nonZero++;
      }
    }
    gas += nonZero * 16 + (data.length - nonZero) * 4;
    for (AccessListEntry entry : message.accessList()) {
      gas += 2400 + 1900L * entry.storageKeys().size();
    }
    if (message.isCreate()) {
      gas += 2L * ((data.length + 31L) / 32);
    }
    return gas;
  }
}
