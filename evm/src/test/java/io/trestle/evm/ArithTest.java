package io.trestle.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every in-place 256-bit operation agrees with BigInteger arithmetic modulo 2^256. */
class ArithTest {
  static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  static final BigInteger MASK = TWO_256.subtract(BigInteger.ONE);

  @Provide
  Arbitrary<BigInteger> word() {
    Arbitrary<BigInteger> any = Arbitraries.bigIntegers().between(BigInteger.ZERO, MASK);
    Arbitrary<BigInteger> small = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(300));
    Arbitrary<BigInteger> limbs = Arbitraries.integers().between(0, 255).map(i -> BigInteger.ONE.shiftLeft(i));
    Arbitrary<BigInteger> edges = Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, MASK, BigInteger.ONE.shiftLeft(255),
        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(64),
        BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), BigInteger.valueOf(Long.MAX_VALUE));
    Arbitrary<BigInteger> negSmall = small.map(v -> TWO_256.subtract(v).and(MASK));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, any), net.jqwik.api.Tuple.of(2, small), net.jqwik.api.Tuple.of(2, limbs),
        net.jqwik.api.Tuple.of(2, edges), net.jqwik.api.Tuple.of(2, negSmall));
  }

  /** Words built from limb patterns that drive long division into its rare correction steps. */
  @Provide
  Arbitrary<BigInteger> patterned() {
    Arbitrary<Long> limb = Arbitraries.oneOf(
        Arbitraries.of(0L, 1L, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0xfffffffeL),
        Arbitraries.longs().between(0, 0xffffffffL));
    return limb.list().ofSize(8).map(limbs -> {
      BigInteger v = BigInteger.ZERO;
      for (long l : limbs) {
        v = v.shiftLeft(32).or(BigInteger.valueOf(l));
      }
      return v;
    });
  }

  @Property(tries = 5000)
  void longDivisionHandlesItsCorrectionSteps(@ForAll("patterned") BigInteger a, @ForAll("patterned") BigInteger b,
      @ForAll("patterned") BigInteger n) {
    if (b.signum() != 0) {
      assertEquals(a.divide(b), binary(Arith::div, a, b), "div");
      assertEquals(a.mod(b), binary(Arith::mod, a, b), "mod");
    }
    long[] s = stack(n, b, a);
    Arith.mulmod(s, 8, 4, 0);
    assertEquals(n.signum() == 0 ? BigInteger.ZERO : a.multiply(b).mod(n), Arith.toBig(s, 0), "mulmod");
  }

  static long[] stack(BigInteger... words) {
    long[] s = new long[4 * words.length];
    for (int i = 0; i < words.length; i++) {
      Arith.fromBig(s, 4 * i, words[i]);
    }
    return s;
  }

  static BigInteger signed(BigInteger v) {
    return v.testBit(255) ? v.subtract(TWO_256) : v;
  }

  static BigInteger wrap(BigInteger v) {
    return v.mod(TWO_256);
  }

  /** Runs a binary op with a on top (base 4) and b below (base 0); the result lands at base 0. */
  interface Binary {
    void apply(long[] s, int a, int b);
  }

  static BigInteger binary(Binary op, BigInteger a, BigInteger b) {
    long[] s = stack(b, a);
    op.apply(s, 4, 0);
    return Arith.toBig(s, 0);
  }

  @Property(tries = 2000)
  void arithmeticMatchesBigInteger(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    assertEquals(wrap(a.add(b)), binary(Arith::add, a, b), "add");
    assertEquals(wrap(a.subtract(b)), binary(Arith::sub, a, b), "sub");
    assertEquals(wrap(a.multiply(b)), binary(Arith::mul, a, b), "mul");
    assertEquals(b.signum() == 0 ? BigInteger.ZERO : a.divide(b), binary(Arith::div, a, b), "div");
    assertEquals(b.signum() == 0 ? BigInteger.ZERO : a.mod(b), binary(Arith::mod, a, b), "mod");
    BigInteger sa = signed(a);
    BigInteger sb = signed(b);
    assertEquals(sb.signum() == 0 ? BigInteger.ZERO : wrap(sa.divide(sb)), binary(Arith::sdiv, a, b), "sdiv");
    assertEquals(sb.signum() == 0 ? BigInteger.ZERO : wrap(sa.remainder(sb)), binary(Arith::smod, a, b), "smod");
    assertEquals(a.modPow(b, TWO_256), binary(Arith::exp, a, b), "exp");
  }

  @Property(tries = 1000)
  void modularArithmeticMatchesBigInteger(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b,
      @ForAll("word") BigInteger n) {
    long[] s = stack(n, b, a);
    Arith.addmod(s, 8, 4, 0);
    assertEquals(n.signum() == 0 ? BigInteger.ZERO : a.add(b).mod(n), Arith.toBig(s, 0), "addmod");
    s = stack(n, b, a);
    Arith.mulmod(s, 8, 4, 0);
    assertEquals(n.signum() == 0 ? BigInteger.ZERO : a.multiply(b).mod(n), Arith.toBig(s, 0), "mulmod");
  }

  @Property(tries = 2000)
  void bitOperationsMatchBigInteger(@ForAll("word") BigInteger shift, @ForAll("word") BigInteger v) {
    int n = shift.bitLength() > 31 ? Integer.MAX_VALUE : shift.intValue();
    assertEquals(n >= 256 ? BigInteger.ZERO : wrap(v.shiftLeft(n)), binary(Arith::shl, shift, v), "shl");
    assertEquals(n >= 256 ? BigInteger.ZERO : v.shiftRight(n), binary((s, a, b) -> Arith.shr(s, a, b, false), shift, v),
        "shr");
    BigInteger sar = n >= 256 ? (v.testBit(255) ? MASK : BigInteger.ZERO) : wrap(signed(v).shiftRight(n));
    assertEquals(sar, binary((s, a, b) -> Arith.shr(s, a, b, true), shift, v), "sar");
    BigInteger byteOf = n >= 32 ? BigInteger.ZERO : v.shiftRight(8 * (31 - n)).and(BigInteger.valueOf(255));
    assertEquals(byteOf, binary(Arith::byteOp, shift, v), "byte");
    BigInteger ext;
    if (n >= 31) {
      ext = v;
    } else {
      int bits = 8 * n + 8;
      BigInteger low = v.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
      ext = low.testBit(bits - 1) ? wrap(low.subtract(BigInteger.ONE.shiftLeft(bits))) : low;
    }
    assertEquals(ext, binary(Arith::signExtend, shift, v), "signextend");
  }

  @Property(tries = 500)
  void comparisonsMatchBigInteger(@ForAll("word") BigInteger a, @ForAll("word") BigInteger b) {
    long[] s = stack(b, a);
    assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Arith.compare(s, 4, 0)));
    assertEquals(Integer.signum(signed(a).compareTo(signed(b))), Integer.signum(Arith.compareSigned(s, 4, 0)));
  }
}
