package io.trestle.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trestle.core.block.Block;
import io.trestle.core.block.Header;
import io.trestle.core.block.Log;
import io.trestle.core.block.Receipt;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.testing.RandomLedger;
import io.trestle.core.testing.TestSuites;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Decoders take bytes from peers and users: whatever comes in, the only failure is the checked
 * {@link RlpException} (and, for a decoded transaction, {@link InvalidTransactionException}). Valid values
 * survive an encode/decode round trip unchanged.
 */
class CodecPropertiesTest {
  private static final CryptoSuite ETH = EthereumSuite.INSTANCE;
  private static final CryptoSuite CARRIED = TestSuites.carriedKey();

  @FunctionalInterface
  interface Decoder {
    Object decode(byte[] input) throws Exception;
  }

  private static final List<Decoder> DECODERS = List.of(
      Rlp::decode,
      in -> Transaction.decode(in, ETH),
      in -> Transaction.decode(in, CARRIED),
      Receipt::decode,
      Log::decode,
      Header::decode,
      in -> Block.decode(in, ETH),
      in -> Block.decodeBody(in, ETH));

  /** Runs every decoder; anything other than a checked decoding or validation error fails the property. */
  private static void decodeWithEveryDecoder(byte[] input) {
    for (Decoder decoder : DECODERS) {
      try {
        Object value = decoder.decode(input);
        if (value instanceof Transaction tx) {
          tx.intrinsicGas();
          tx.maxCost();
          tx.validate();
        }
      } catch (RlpException | InvalidTransactionException expected) {
        // the documented outcome for bad input
      } catch (Exception e) {
        throw new AssertionError("decoder threw " + e + " for " + Bytes.wrap(input), e);
      } catch (StackOverflowError | OutOfMemoryError e) {
        throw new AssertionError("decoder ran out of resources for input of " + input.length + " bytes", e);
      }
    }
  }

  @Property(tries = 1000)
  void randomBytesOnlyEverRaiseCheckedDecodingErrors(@ForAll @Size(max = 400) byte[] input) {
    decodeWithEveryDecoder(input);
  }

  @Property(tries = 1000)
  void mutatedValidEncodingsOnlyEverRaiseCheckedDecodingErrors(@ForAll("validEncodings") byte[] valid,
      @ForAll("mutationSeeds") long seed) {
    decodeWithEveryDecoder(mutate(valid, new Random(seed)));
  }

  @Provide
  Arbitrary<Long> mutationSeeds() {
    return Arbitraries.longs();
  }

  @Provide
  Arbitrary<byte[]> validEncodings() {
    return Arbitraries.randomValue(r -> switch (r.nextInt(6)) {
      case 0 -> RandomLedger.transaction(r, ETH).encode();
      case 1 -> RandomLedger.transaction(r, CARRIED).encode();
      case 2 -> RandomLedger.receipt(r).encode();
      case 3 -> RandomLedger.header(r).encode();
      case 4 -> RandomLedger.block(r, ETH).encode();
      default -> Block.encodeBody(RandomLedger.block(r, ETH).transactions());
    });
  }

  /** One to three byte edits: flip, overwrite, insert, delete, truncate, or duplicate a slice. */
  private static byte[] mutate(byte[] in, Random r) {
    byte[] out = in;
    for (int n = 1 + r.nextInt(3); n > 0 && out.length > 0; n--) {
      int pos = r.nextInt(out.length);
      switch (r.nextInt(6)) {
        case 0 -> {
          out = out.clone();
          out[pos] ^= (byte) (1 << r.nextInt(8));
        }
        case 1 -> {
          out = out.clone();
          out[pos] = (byte) r.nextInt(256);
        }
        case 2 -> {
          byte[] grown = new byte[out.length + 1];
          System.arraycopy(out, 0, grown, 0, pos);
          grown[pos] = (byte) r.nextInt(256);
          System.arraycopy(out, pos, grown, pos + 1, out.length - pos);
          out = grown;
        }
        case 3 -> {
          byte[] shrunk = new byte[out.length - 1];
          System.arraycopy(out, 0, shrunk, 0, pos);
          System.arraycopy(out, pos + 1, shrunk, pos, out.length - pos - 1);
          out = shrunk;
        }
        case 4 -> out = Arrays.copyOf(out, pos);
        default -> {
          int len = Math.min(out.length - pos, 1 + r.nextInt(8));
          byte[] doubled = Arrays.copyOf(out, out.length + len);
          System.arraycopy(out, pos, doubled, out.length, len);
          out = doubled;
        }
      }
    }
    return out;
  }

  @Example
  void refusesDeepNestingWithoutOverflowingTheStack() {
    byte[] nested = Rlp.encodeList();
    for (int i = 0; i < Rlp.MAX_DEPTH + 10; i++) {
      nested = Rlp.encodeList(nested);
    }
    byte[] input = nested;
    assertThrows(RlpException.class, () -> Rlp.decode(input));
    decodeWithEveryDecoder(input);
  }

  @Example
  void refusesLengthPrefixesThatClaimMoreThanTheInput() {
    decodeWithEveryDecoder(new byte[] {(byte) 0xbb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    decodeWithEveryDecoder(new byte[] {(byte) 0xfb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1});
    decodeWithEveryDecoder(new byte[] {2, (byte) 0xfb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
  }

  // ---- round trips ----------------------------------------------------------------------------------------

  @Property(tries = 500)
  void transactionsRoundTrip(@ForAll("seeds") long seed) throws Exception {
    Random r = new Random(seed);
    for (CryptoSuite suite : List.of(ETH, CARRIED)) {
      Transaction tx = RandomLedger.transaction(r, suite);
      Transaction decoded = Transaction.decode(tx.encode(), suite, Integer.MAX_VALUE);
      assertEquals(tx, decoded);
      assertEquals(tx.type(), decoded.type());
      assertEquals(tx.chainId(), decoded.chainId());
      assertEquals(tx.nonce(), decoded.nonce());
      assertEquals(tx.maxFeePerGas(), decoded.maxFeePerGas());
      assertEquals(tx.maxPriorityFeePerGas(), decoded.maxPriorityFeePerGas());
      assertEquals(tx.gasLimit(), decoded.gasLimit());
      assertEquals(tx.to(), decoded.to());
      assertEquals(tx.value(), decoded.value());
      assertEquals(tx.data(), decoded.data());
      assertEquals(tx.accessList(), decoded.accessList());
      assertEquals(tx.signature(), decoded.signature());
      assertEquals(tx.signingHash(), decoded.signingHash());
      assertEquals(tx.intrinsicGas(), decoded.intrinsicGas());
    }
  }

  @Property(tries = 40)
  void signedTransactionsRecoverTheirSigner(@ForAll("seeds") long seed) throws Exception {
    Random r = new Random(seed);
    byte[] secret = new byte[32];
    r.nextBytes(secret);
    secret[0] &= 0x7f;
    secret[31] |= 1;
    KeyPair key = ETH.keyPair(secret);
    Transaction template = RandomLedger.transaction(r, ETH);
    Transaction.Builder builder = Transaction.builder()
        .type(template.type())
        .nonce(template.nonce())
        .gasLimit(template.gasLimit())
        .to(template.to())
        .value(template.value())
        .data(template.data())
        .accessList(template.accessList());
    if (template.chainId() != null) {
      builder.chainId(template.chainId());
    }
    if (template.gasPrice() != null) {
      builder.gasPrice(template.gasPrice());
    } else {
      builder.maxFeePerGas(template.maxFeePerGas()).maxPriorityFeePerGas(template.maxPriorityFeePerGas());
    }
    Transaction decoded = Transaction.decode(builder.sign(key, ETH).encode(), ETH, Integer.MAX_VALUE);
    assertEquals(Address.wrap(ETH.address(key.publicKey())), decoded.sender());
  }

  @Property(tries = 300)
  void receiptsLogsHeadersAndBlocksRoundTrip(@ForAll("seeds") long seed) throws Exception {
    Random r = new Random(seed);
    Receipt receipt = RandomLedger.receipt(r);
    assertEquals(receipt, Receipt.decode(receipt.encode()));
    assertArrayEquals(receipt.encode(), Receipt.decode(receipt.encode()).encode());
    Log log = RandomLedger.log(r);
    assertEquals(log, Log.decode(log.encode()));
    Header header = RandomLedger.header(r);
    assertEquals(header, Header.decode(header.encode()));
    Block block = RandomLedger.block(r, ETH);
    assertEquals(block, Block.decode(block.encode(), ETH, Integer.MAX_VALUE));
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }
}
