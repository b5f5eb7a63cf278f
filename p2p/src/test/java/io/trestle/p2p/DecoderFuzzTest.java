package io.trestle.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.SmSuite;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated bytes into every decoder on the wire path: only the documented checked exception may
 * come out ({@link HandshakeException} for handshake messages, {@link ProtocolException} for frames and
 * envelopes), and the connection handler never lets anything escape whatever arrives in whatever phase.
 */
class DecoderFuzzTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final NodeIdentity ALICE = TestNet.identity(EthereumSuite.INSTANCE, 1);
  private static final NodeIdentity BOB = TestNet.identity(EthereumSuite.INSTANCE, 2);
  private static final NodeIdentity SM_ALICE = TestNet.identity(SmSuite.INSTANCE, 1);
  private static final NodeIdentity SM_BOB = TestNet.identity(SmSuite.INSTANCE, 2);

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
  }

  @Property(tries = 400)
  void helloDecoderThrowsOnlyHandshakeException(@ForAll("anyBytes") byte[] bytes) {
    try {
      Hello hello = Hello.decode(bytes);
      assertArrayEquals(bytes, hello.encode(), "a decoded hello re-encodes to its bytes");
    } catch (HandshakeException expected) {
      // the documented outcome for junk
    }
  }

  @Property(tries = 300)
  void mutatedHelloIsEitherAcceptedOrRefusedWithHandshakeException(@ForAll long seed, @ForAll boolean sm) {
    NodeIdentity i = sm ? SM_ALICE : ALICE;
    NodeIdentity r = sm ? SM_BOB : BOB;
    byte[] hello = new Handshake(i, Handshake.Role.INITIATOR, RANDOM, 1L << 32).hello();
    Handshake responder = new Handshake(r, Handshake.Role.RESPONDER, RANDOM, 1L << 32);
    try {
      Handshakes.answer(responder, Mutator.mutate(hello, seed));
    } catch (HandshakeException expected) {
      // refused
    }
  }

  @Property(tries = 300)
  void randomAuthFrameIsRefusedWithHandshakeException(@ForAll("anyBytes") byte[] frame, @ForAll boolean sm)
      throws Exception {
    Handshake responder = responderAwaitingAuth(sm);
    HandshakeException e = assertThrows(HandshakeException.class, () -> responder.onPeerAuth(frame, Handshakes.ANY));
    assertTrue(e.isJunk(), e.getMessage());
  }

  @Property(tries = 200)
  void anyChangeToAnAuthFrameIsRefused(@ForAll long seed, @ForAll boolean sm) throws Exception {
    Handshake initiator = new Handshake(sm ? SM_ALICE : ALICE, Handshake.Role.INITIATOR, RANDOM, 1L << 32);
    Handshake responder = new Handshake(sm ? SM_BOB : BOB, Handshake.Role.RESPONDER, RANDOM, 1L << 32);
    byte[] auth = Handshakes.answer(initiator, responder.hello());
    Handshakes.answer(responder, initiator.hello());
    byte[] mutated = Mutator.mutate(auth, seed);
    if (Arrays.equals(auth, mutated)) {
      assertEquals((sm ? SM_ALICE : ALICE).address(), responder.onPeerAuth(mutated, Handshakes.ANY).peerAddress());
      return;
    }
    assertThrows(HandshakeException.class, () -> responder.onPeerAuth(mutated, Handshakes.ANY));
  }

  @Property(tries = 400)
  void frameReaderThrowsOnlyProtocolException(@ForAll("anyBytes") byte[] bytes,
      @ForAll @IntRange(min = 1, max = 300) int frameBytesMax) {
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    try {
      while (true) {
        ByteBuf frame = Frames.read(in, frameBytesMax);
        if (frame == null) {
          break;
        }
        assertTrue(frame.readableBytes() >= 1 && frame.readableBytes() <= frameBytesMax);
        frame.release();
      }
    } catch (ProtocolException expected) {
      // oversize or empty frame
    } finally {
      in.release();
    }
  }

  @Property(tries = 300)
  void envelopeDecoderThrowsOnlyProtocolExceptionAndRoundTrips(@ForAll("anyBytes") byte[] bytes) {
    try {
      Envelope e = Envelope.decode(bytes);
      assertArrayEquals(bytes, Envelope.encode(e.protocol(), e.payload()));
    } catch (ProtocolException expected) {
      assertTrue(bytes.length < Envelope.HEADER_BYTES);
    }
  }

  @Property(tries = 100)
  void sessionCipherRefusesAnyForgedFrame(@ForAll("anyBytes") byte[] bytes, @ForAll boolean sm) throws Exception {
    Handshake initiator = new Handshake(sm ? SM_ALICE : ALICE, Handshake.Role.INITIATOR, RANDOM, 1L << 32);
    Handshake responder = new Handshake(sm ? SM_BOB : BOB, Handshake.Role.RESPONDER, RANDOM, 1L << 32);
    byte[] authI = Handshakes.answer(initiator, responder.hello());
    byte[] authR = Handshakes.answer(responder, initiator.hello());
    initiator.onPeerAuth(authR, Handshakes.ANY);
    Handshake.Result atResponder = responder.onPeerAuth(authI, Handshakes.ANY);
    assertThrows(ProtocolException.class, () -> atResponder.receive().open(bytes));
  }

  @Property(tries = 300)
  void peerEndpointParserThrowsOnlyPeerEndpointException(@ForAll @Size(max = 120) String text) {
    try {
      PeerEndpoint e = PeerEndpoint.parse(text);
      assertTrue(e.port() >= 1 && e.port() <= 65535);
    } catch (PeerEndpointException expected) {
      // refused with a reason
    }
  }

  /**
   * The whole connection pipeline, fed arbitrary chunks in the hello phase, after a genuine hello (auth phase),
   * or after a complete genuine handshake (session phase): nothing escapes, no internal error is logged.
   */
  @Property(tries = 150)
  void connectionHandlerSurvivesArbitraryInputInEveryPhase(@ForAll @Size(max = 6) List<byte[]> chunks,
      @ForAll @IntRange(min = 0, max = 2) int phase, @ForAll long seed) throws Exception {
    try (LogCapture log = new LogCapture()) {
      P2pNetwork network = new P2pNetwork(BOB, TestNet.admitting(List.of(ALICE, BOB)),
          TestNet.fastConfig("fuzz").build());
      network.register(100, (peer, payload) -> { });
      FrameDecoder frames = new FrameDecoder(Frames.HANDSHAKE_FRAME_BYTES_MAX);
      EmbeddedChannel channel = new EmbeddedChannel(frames,
          new ConnectionHandler(network, PeerInfo.Direction.INBOUND, null, 0, frames));
      Handshake.Result session = null;
      if (phase >= 1) {
        Handshake initiator = new Handshake(ALICE, Handshake.Role.INITIATOR, RANDOM, 1L << 32);
        channel.writeInbound(frame(initiator.hello()));
        byte[] responderHello = body(channel.readOutbound());
        byte[] authI = Handshakes.answer(initiator, responderHello);
        if (phase == 2) {
          channel.writeInbound(frame(authI));
          session = initiator.onPeerAuth(body(channel.readOutbound()), Handshakes.ANY);
          assertTrue(network.isConnected(BOB.address()) || network.isConnected(ALICE.address()));
        }
      }
      java.util.Random random = new java.util.Random(seed);
      for (byte[] chunk : chunks) {
        byte[] input = chunk;
        if (session != null && random.nextBoolean()) {
          // a well-formed frame with a mutated ciphertext: the path past the frame decoder
          input = frame(Mutator.mutate(session.send().seal(Envelope.encode(100, chunk)), seed)).array();
        }
        if (!channel.isOpen()) {
          break;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        channel.runPendingTasks();
      }
      channel.checkException();
      channel.finishAndReleaseAll();
      assertFalse(log.contains("connection error"), log.lines().toString());
      assertFalse(log.contains("internal error"), log.lines().toString());
    }
  }

  private Handshake responderAwaitingAuth(boolean sm) throws HandshakeException {
    Handshake initiator = new Handshake(sm ? SM_ALICE : ALICE, Handshake.Role.INITIATOR, RANDOM, 1L << 32);
    Handshake responder = new Handshake(sm ? SM_BOB : BOB, Handshake.Role.RESPONDER, RANDOM, 1L << 32);
    Handshakes.answer(responder, initiator.hello());
    return responder;
  }

  private static ByteBuf frame(byte[] body) {
    ByteBuf out = Unpooled.buffer(4 + body.length);
    out.writeInt(body.length).writeBytes(body);
    return out;
  }

  private static byte[] body(Object outbound) {
    ByteBuf buf = (ByteBuf) outbound;
    try {
      int length = buf.readInt();
      byte[] out = new byte[length];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }
}
