package io.trestle.p2p;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

/**
 * A hand-driven peer over a blocking socket: runs the real handshake, then sends whatever a test wants
 * (well-formed messages, oversize headers, unknown protocols), so the node under test can be attacked by an
 * authenticated peer.
 */
final class RawPeer implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private Handshake.Result session;

  private RawPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  static RawPeer open(InetSocketAddress target) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", target.getPort()), 5_000);
    socket.setSoTimeout(10_000);
    return new RawPeer(socket);
  }

  /** Connects and completes the handshake as {@code identity}. */
  static RawPeer authenticated(InetSocketAddress target, NodeIdentity identity) throws Exception {
    RawPeer peer = open(target);
    Handshake handshake = new Handshake(identity, Handshake.Role.INITIATOR, new SecureRandom(), 1L << 32);
    peer.writeFrame(handshake.hello());
    peer.writeFrame(Handshakes.answer(handshake, peer.readFrame()));
    peer.session = handshake.onPeerAuth(peer.readFrame(), Handshakes.ANY);
    return peer;
  }

  void send(int protocol, byte[] payload) throws Exception {
    writeFrame(session.send().seal(Envelope.encode(protocol, payload)));
  }

  /** The next non-keep-alive message from the node. */
  Envelope receive() throws Exception {
    while (true) {
      Envelope e = Envelope.decode(session.receive().open(readFrame()));
      if (e.protocol() != Protocols.KEEPALIVE) {
        return e;
      }
    }
  }

  /** The plaintext of the next frame, keep-alives included. */
  byte[] receiveAny() throws Exception {
    return session.receive().open(readFrame());
  }

  void writeFrame(byte[] body) throws IOException {
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  byte[] readFrame() throws IOException {
    int length = in.readInt();
    byte[] body = new byte[length];
    in.readFully(body);
    return body;
  }

  /** Whether the node closes the connection without sending another byte. */
  boolean closedWithoutSending() {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** Reads and discards until the node closes the connection; false if it stays open past the socket timeout. */
  boolean closedByRemote() {
    try {
      byte[] buffer = new byte[8192];
      while (in.read(buffer) >= 0) {
        // the node may still flush frames it queued before closing
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (EOFException | SocketException reset) {
      return true;
    } catch (IOException other) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
