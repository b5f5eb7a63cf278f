package io.trestle.execution;

import io.trestle.execution.genesis.Genesis;
import java.math.BigInteger;

/** The base fee of the next block: EIP-1559's rule (elasticity 2, max change 1/8), or a fixed value. */
public final class FeeSchedule {
  private static final BigInteger CHANGE_DENOMINATOR = BigInteger.valueOf(8);

  private FeeSchedule() {}

  public static BigInteger nextBaseFee(Genesis.FeeRules rules, BigInteger parentBaseFee, long parentGasUsed, long parentGasLimit) {
    if (!rules.isEip1559()) {
      return rules.baseFee();
    }
    long target = parentGasLimit / 2;
    if (target == 0 || parentGasUsed == target) {
      return parentBaseFee;
    }
    BigInteger bigTarget = BigInteger.valueOf(target);
    if (parentGasUsed > target) {
      BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(parentGasUsed - target))
          .divide(bigTarget).divide(CHANGE_DENOMINATOR).max(BigInteger.ONE);
      return parentBaseFee.add(delta);
    }
    BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(target - parentGasUsed))
        .divide(bigTarget).divide(CHANGE_DENOMINATOR);
    return parentBaseFee.subtract(delta).max(BigInteger.ZERO);
  }
}
