package io.trestle.evm;

/** The parts of the gas schedule that depend on state. */
final class Gas {
  static final long SSTORE_SET = 20_000;
  static final long SSTORE_RESET = 2_900;
  static final long WARM_READ = 100;
  static final long COLD_SLOAD = 2_100;
  /** EIP-3529: SSTORE_RESET + ACCESS_LIST_STORAGE_KEY (2900 + 1900). */
  static final long CLEAR_REFUND = 4_800;

  private Gas() {}

  /**
   * Charges SSTORE under EIP-2200 with EIP-2929 access costs and EIP-3529 refunds, writes the slot, and
   * returns the gas to deduct. The refund counter changes through the journal, so a reverted frame loses them.
   */
  /** Petersburg SSTORE: 20000 to set a zero slot, 5000 otherwise, 15000 refunded for clearing. */
  static long sstoreLegacy(TxState state, TxState.Account a, UInt256 key, UInt256 value) {
    UInt256 current = state.storage(a, key);
    long cost = current.isZero() && !value.isZero() ? SSTORE_SET : 5_000;
    if (!current.isZero() && value.isZero()) {
      state.addRefund(15_000);
    }
    if (!current.equals(value)) {
      state.setStorage(a, key, value);
    }
    return cost;
  }

  static long sstore(TxState state, TxState.Account a, UInt256 key, UInt256 value) {
    long cost = state.warmSlot(a.address, key) ? COLD_SLOAD : 0;
    UInt256 current = state.storage(a, key);
    if (current.equals(value)) {
      return cost + WARM_READ;
    }
    UInt256 original = state.original(a, key);
    long refund = 0;
    if (original.equals(current)) {
      if (original.isZero()) {
        cost += SSTORE_SET;
      } else {
        cost += SSTORE_RESET;
        if (value.isZero()) {
          refund += CLEAR_REFUND;
        }
      }
    } else {
      cost += WARM_READ;
      if (!original.isZero()) {
        if (current.isZero()) {
          refund -= CLEAR_REFUND;
        } else if (value.isZero()) {
          refund += CLEAR_REFUND;
        }
      }
      if (original.equals(value)) {
        refund += original.isZero() ? SSTORE_SET - WARM_READ : SSTORE_RESET - WARM_READ;
      }
    }
    if (refund != 0) {
      state.addRefund(refund);
    }
    state.setStorage(a, key, value);
    return cost;
  }
}
