package io.trestle.evm.precompile;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/** 0x06 ecAdd, 0x07 ecMul and 0x08 ecPairing on alt_bn128 (EIP-196/197), priced by EIP-1108. */
final class Bn254Precompiles {
  private Bn254Precompiles() {}

  static final Precompile ADD = new Precompile() {
    @Override
    public long gas(byte[] input) {
      return 150;
    }

    @Override
    public byte[] run(byte[] input) {
      byte[] in = Arrays.copyOf(input, Math.max(input.length, 128));
      ECPoint a = Bn254.decodeG1(in, 0);
      ECPoint b = Bn254.decodeG1(in, 64);
      if (a == null || b == null) {
        return null;
      }
      return Bn254.encodeG1(a.add(b));
    }
  };

  static final Precompile MUL = new Precompile() {
    @Override
    public long gas(byte[] input) {
      return 6000;
    }

    @Override
    public byte[] run(byte[] input) {
      byte[] in = Arrays.copyOf(input, Math.max(input.length, 96));
      ECPoint a = Bn254.decodeG1(in, 0);
      if (a == null) {
        return null;
      }
      BigInteger k = new BigInteger(1, Arrays.copyOfRange(in, 64, 96));
      if (a.isInfinity() || k.signum() == 0) {
        return new byte[64];
      }
      return Bn254.encodeG1(a.multiply(k.mod(Bn254.R)));
    }
  };

  static final Precompile PAIRING = new Precompile() {
    @Override
    public long gas(byte[] input) {
      return 45_000 + 34_000L * (input.length / 192);
    }

    @Override
    public byte[] run(byte[] input) {
      if (input.length % 192 != 0) {
        return null;
      }
      int k = input.length / 192;
      BigInteger[] xs = new BigInteger[k];
      BigInteger[] ys = new BigInteger[k];
      Bn254.G2[] qs = new Bn254.G2[k];
      for (int i = 0; i < k; i++) {
        ECPoint p = Bn254.decodeG1(input, 192 * i);
        Bn254.G2 q = Bn254.decodeG2(input, 192 * i + 64);
        if (p == null || q == null) {
          return null;
        }
        if (!p.isInfinity()) {
          ECPoint n = p.normalize();
          xs[i] = n.getAffineXCoord().toBigInteger();
          ys[i] = n.getAffineYCoord().toBigInteger();
        }
        qs[i] = q;
      }
      byte[] out = new byte[32];
      out[31] = (byte) (Bn254.pairingCheck(xs, ys, qs) ? 1 : 0);
      return out;
    }
  };
}
