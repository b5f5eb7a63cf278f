package io.trestle.evm.precompile;

/**
 * 0x0a KZG point evaluation (EIP-4844). Trestle carries no blobs and no KZG trusted setup, so no proof can be
 * checked: every call fails and consumes the gas it was given (ADR 0161). It stays a precompile address, warm
 * from the start of each transaction, so gas accounting around it matches Ethereum's.
 */
final class PointEvaluation implements Precompile {
  static final PointEvaluation INSTANCE = new PointEvaluation();
  static final long GAS = 50_000;

  private PointEvaluation() {}

  @Override
  public long gas(byte[] input) {
    return GAS;
  }

  @Override
  public byte[] run(byte[] input) {
    return null;
  }
}
