package io.trestle.evm.precompile;

import io.trestle.crypto.Secp256k1;
import io.trestle.crypto.Sha256;
import io.trestle.crypto.Signature;
import io.trestle.crypto.SignatureException;
import io.trestle.crypto.Keccak256;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/** ecrecover (0x01), sha256 (0x02), ripemd160 (0x03) and identity (0x04). */
final class SimplePrecompiles {
  private SimplePrecompiles() {}

  static long words(int len) {
    return (len + 31L) / 32;
  }

  static final Precompile ECRECOVER = new Precompile() {
    @Override
    public long gas(byte[] input) {
      return 3000;
    }

    @Override
    public byte[] run(byte[] input) {
      byte[] in = Arrays.copyOf(input, 128);
      BigInteger v = new BigInteger(1, Arrays.copyOfRange(in, 32, 64));
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(in, 64, 96));
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(in, 96, 128));
      // an unrecoverable signature is not a failure: the call succeeds with empty output
      if (!(v.equals(BigInteger.valueOf(27)) || v.equals(BigInteger.valueOf(28)))) {
        return new byte[0];
      }
      try {
        byte[] pub = Secp256k1.recoverPublicKey(
            Arrays.copyOfRange(in, 0, 32), new Signature(r, s, v.intValue() - 27));
        byte[] h = Keccak256.hash(pub);
        byte[] out = new byte[32];
        System.arraycopy(h, 12, out, 12, 20);
        return out;
      } catch (SignatureException | IllegalArgumentException e) {
        return new byte[0];
      }
    }
  };

  static final Precompile SHA256 = new Precompile() {
    @Override
    public long gas(byte[] input) {
      return 60 + 12 * words(input.length);
    }

    @Override
    public byte[] run(byte[] input) {
      // the JDK's SHA-256 uses the CPU's SHA instructions: several times faster than a portable one
      try {
        return java.security.MessageDigest.getInstance("SHA-256").digest(input);
      } catch (java.security.NoSuchAlgorithmException e) {
        return Sha256.hash(input);
      }
    }
  };

  static final Precompile RIPEMD160 = new Precompile() {
    @Override
    public long gas(byte[] input) {
      return 600 + 120 * words(input.length);
    }

    @Override
    public byte[] run(byte[] input) {
      RIPEMD160Digest d = new RIPEMD160Digest();
      d.update(input, 0, input.length);
      byte[] out = new byte[32];
      d.doFinal(out, 12);
      return out;
    }
  };

  static final Precompile IDENTITY = new Precompile() {
    @Override
    public long gas(byte[] input) {
      return 15 + 3 * words(input.length);
    }

    @Override
    public byte[] run(byte[] input) {
      return input.clone();
    }
  };
}
