package io.trestle.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PrecompilesTest {
  static final String G1 = word(1) + word(2);
  static final String NEG_G1 = word(1) + Hex.encode(toWord(Bn254.P.subtract(BigInteger.TWO)));
  static final String G2 =
      "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
      + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
      + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
      + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

  static String word(long v) {
    return String.format("%064x", v);
  }

  static byte[] toWord(BigInteger v) {
    byte[] out = new byte[32];
    Bn254.put32(out, 0, v);
    return out;
  }

  static Precompile at(int n) {
    return Precompiles.get(Address.ofLong(n));
  }

  static String run(int n, String inputHex) {
    byte[] out = at(n).run(Hex.decode(inputHex));
    return out == null ? null : Hex.encode(out);
  }

  @Test
  void findsPrecompilesOnlyAtTheirAddresses() {
    for (int i = 1; i <= 10; i++) {
      assertNotNull(at(i), "precompile " + i);
    }
    assertNull(at(11));
    assertNull(Precompiles.get(Address.fromHex("0x0100000000000000000000000000000000000001")));
  }

  @Test
  void hashesWithSha256AndRipemd160() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", run(2, ""));
    assertEquals("0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31", run(3, ""));
    assertEquals(60 + 12, at(2).gas(new byte[1]));
    assertEquals(600 + 240, at(3).gas(new byte[33]));
  }

  @Test
  void identityCopiesItsInput() {
    assertEquals("0102", run(4, "0102"));
    assertEquals(15 + 3, at(4).gas(new byte[32]));
  }

  @Test
  void recoversTheSignerAddress() {
    String input = "456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3" + word(28)
        + "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
        + "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada";
    assertEquals("0000000000000000000000007156526fbd7a3c72969b54f64e42c10fbb768c8a", run(1, input));
  }

  @Test
  void ecrecoverAnswersEmptyForAnUnusableSignature() {
    String input = "456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3" + word(29)
        + "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
        + "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada";
    assertEquals("", run(1, input));
  }

  @Test
  void modexpComputesFermatsLittleTheoremForTheSecp256k1Prime() {
    String p = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
    String pMinus1 = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e";
    String input = word(1) + word(32) + word(32) + "03" + pMinus1 + p;
    assertEquals(word(1), run(5, input));
    assertEquals(Math.max(200, 16 * 255 / 3), at(5).gas(Hex.decode(input)));
  }

  @Test
  void modexpPricesAbsurdLengthsWithoutReadingThem() {
    String input = "ff".repeat(32) + word(0) + word(1);
    assertEquals(Long.MAX_VALUE, at(5).gas(Hex.decode(input)));
    String zeroLengths = word(0) + "ff".repeat(32) + word(0);
    assertEquals(200, at(5).gas(Hex.decode(zeroLengths)));
    assertEquals("", run(5, zeroLengths));
  }

  @Test
  void addsAndMultipliesOnAltBn128() {
    String twoG = "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
        + "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
    assertEquals(twoG, run(6, G1 + G1));
    assertEquals(twoG, run(7, G1 + word(2)));
    assertEquals(word(0) + word(0), run(6, G1 + NEG_G1));
    assertEquals(G1, run(6, G1));
  }

  @Test
  void refusesPointsOffTheCurve() {
    assertNull(run(6, word(1) + word(3) + G1));
    assertNull(run(7, word(1) + word(3) + word(2)));
  }

  @Test
  void pairingCheckIsBilinear() {
    assertEquals(word(1), run(8, G1 + G2 + NEG_G1 + G2));
    String twoG1 = run(7, G1 + word(2));
    // e(2·G1, G2) · e(-G1, G2)² = 1
    assertEquals(word(1), run(8, twoG1 + G2 + NEG_G1 + G2 + NEG_G1 + G2));
    assertEquals(word(0), run(8, G1 + G2));
    assertEquals(word(1), run(8, ""));
  }

  @Test
  void pairingRefusesBadLengthsAndG2PointsOffTheTwist() {
    assertNull(run(8, G1 + G2.substring(2)));
    String badG2 = G2.substring(0, 254) + "ab";
    assertNull(run(8, G1 + badG2));
    assertEquals(45_000 + 2 * 34_000, at(8).gas(new byte[384]));
  }

  @Test
  void blake2fMatchesTheEip152Vector() {
    String input = "0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b"
        + "8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "000000000300000000000000000000000000000001";
    assertEquals("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
        run(9, input));
    assertEquals(12, at(9).gas(Hex.decode(input)));
    assertNull(run(9, input.substring(2)));
    assertNull(run(9, input.substring(0, input.length() - 2) + "02"));
  }

  @Test
  void pointEvaluationAlwaysFailsBecauseTheChainHasNoTrustedSetup() {
    assertEquals(50_000, at(10).gas(new byte[192]));
    assertNull(at(10).run(new byte[192]));
    assertNull(at(10).run(Bytes.fromHex("0x01").unsafeArray()));
  }
}
