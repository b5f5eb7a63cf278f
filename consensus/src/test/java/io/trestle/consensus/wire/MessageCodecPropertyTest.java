package io.trestle.consensus.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trestle.consensus.SafetyState;
import io.trestle.consensus.cert.BlockHeader;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.QuorumCertificate;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.support.TestKeys;
import io.trestle.core.rlp.Rlp;
import io.trestle.crypto.EthereumSuite;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Every consensus decoder round-trips what its encoder wrote, accepts nothing but the one canonical encoding,
 * and on random or mutated bytes throws {@link DecodeException} and nothing else.
 */
class MessageCodecPropertyTest {
  /** A decoder under test: anything but DecodeException escaping it is a failure. */
  private interface Decoder {
    Object decode(byte[] input) throws DecodeException;
  }

  private interface Encoder {
    byte[] encode(Object value);
  }

  private static final Decoder[] DECODERS = {
    MessageCodec::decode, CommitCertificate::decode, QuorumCertificate::decode, BlockHeader::decode,
    Block::decode, SafetyState::decode, ValidatorSet::decode
  };

  @Property(tries = 300)
  void messagesRoundTrip(@ForAll("messages") ConsensusMessage m) throws DecodeException {
    byte[] encoded = MessageCodec.encode(m);
    assertEquals(m, MessageCodec.decode(encoded));
  }

  @Property(tries = 100)
  void safetyStatesRoundTrip(@ForAll("safetyStates") SafetyState s) throws DecodeException {
    assertEquals(s, SafetyState.decode(s.encode()));
  }

  @Property(tries = 50)
  void validatorSetsRoundTrip(@ForAll("validatorSets") ValidatorSet v) throws DecodeException {
    assertEquals(v, ValidatorSet.decode(v.encode()));
  }

  @Property(tries = 1000)
  void randomBytesOnlyEverFailWithDecodeException(@ForAll @Size(max = 300) byte[] input) {
    for (Decoder d : DECODERS) {
      decodeCanonicallyOrReject(d, input, null);
    }
  }

  @Property(tries = 1000)
  void mutatedMessagesOnlyEverFailWithDecodeException(
      @ForAll("messages") ConsensusMessage m, @ForAll("mutations") Mutation mutation) {
    byte[] mutated = mutation.apply(MessageCodec.encode(m));
    decodeCanonicallyOrReject(MessageCodec::decode, mutated, v -> MessageCodec.encode((ConsensusMessage) v));
  }

  @Property(tries = 300)
  void mutatedSafetyStatesOnlyEverFailWithDecodeException(
      @ForAll("safetyStates") SafetyState s, @ForAll("mutations") Mutation mutation) {
    decodeCanonicallyOrReject(SafetyState::decode, mutation.apply(s.encode()), v -> ((SafetyState) v).encode());
  }

  @Property(tries = 300)
  void mutatedCertificatesOnlyEverFailWithDecodeException(
      @ForAll("commitCertificates") CommitCertificate c, @ForAll("mutations") Mutation mutation) {
    decodeCanonicallyOrReject(CommitCertificate::decode, mutation.apply(c.encode()), v -> ((CommitCertificate) v).encode());
  }

  @Test
  void refusesMessagesOverTheSizeLimitBeforeParsing() {
    byte[] huge = new byte[MessageCodec.MAX_MESSAGE_BYTES + 1];
    assertThrows(DecodeException.class, () -> MessageCodec.decode(huge));
  }

  @Test
  void refusesRoundsAboveTheMaximum() {
    byte[] vote = Rlp.encodeList(Rlp.encodeLong(2), Rlp.encodeLong(0), Rlp.encodeLong(1),
        Rlp.encodeLong(1L << 31), Rlp.encodeBytes(new byte[32]), Rlp.encodeList(Rlp.encodeBytes(new byte[20]),
            Rlp.encodeBytes(new byte[65])));
    DecodeException e = assertThrows(DecodeException.class, () -> MessageCodec.decode(vote));
    assertEquals(true, e.getMessage().contains("vote round"), e.getMessage());
  }

  @Test
  void refusesAnUnknownMessageType() {
    assertThrows(DecodeException.class, () -> MessageCodec.decode(Rlp.encodeList(Rlp.encodeLong(99))));
  }

  /**
   * Decodes; on success the value must encode back to exactly the input (one encoding per value), on failure
   * the exception must be the documented one.
   */
  private static void decodeCanonicallyOrReject(Decoder decoder, byte[] input, Encoder encoder) {
    Object value;
    try {
      value = decoder.decode(input);
    } catch (DecodeException expected) {
      return;
    } catch (Throwable other) {
      throw new AssertionError("decoder threw " + other + " on " + Arrays.toString(input), other);
    }
    if (encoder != null) {
      assertArrayEquals(input, encoder.encode(value), "a second encoding of the same value was accepted");
    }
  }

  /** One random edit of an encoding. */
  record Mutation(int kind, int position, int value) {
    byte[] apply(byte[] in) {
      if (in.length == 0) {
        return new byte[] {(byte) value};
      }
      int p = Math.floorMod(position, in.length);
      switch (kind) {
        case 0: {
          byte[] out = in.clone();
          out[p] ^= (byte) (value == 0 ? 1 : value);
          return out;
        }
        case 1:
          return Arrays.copyOf(in, p);
        case 2: {
          byte[] out = new byte[in.length + 1];
          System.arraycopy(in, 0, out, 0, p);
          out[p] = (byte) value;
          System.arraycopy(in, p, out, p + 1, in.length - p);
          return out;
        }
        case 3: {
          byte[] out = new byte[in.length - 1];
          System.arraycopy(in, 0, out, 0, p);
          System.arraycopy(in, p + 1, out, p, in.length - p - 1);
          return out;
        }
        default: {
          byte[] out = in.clone();
          out[p] = (byte) value;
          return out;
        }
      }
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers(), Arbitraries.integers().between(0, 255))
        .as(Mutation::new);
  }

  @Provide
  Arbitrary<ConsensusMessage> messages() {
    return MessageArbitraries.messages();
  }

  @Provide
  Arbitrary<SafetyState> safetyStates() {
    return MessageArbitraries.safetyStates();
  }

  @Provide
  Arbitrary<CommitCertificate> commitCertificates() {
    return MessageArbitraries.commitCertificates();
  }

  @Provide
  Arbitrary<ValidatorSet> validatorSets() {
    TestKeys keys = new TestKeys(EthereumSuite.INSTANCE, 8);
    return Arbitraries.integers().between(1, 8).map(keys::firstN);
  }
}
