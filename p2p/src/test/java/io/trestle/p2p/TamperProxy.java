package io.trestle.p2p;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A frame-aware TCP relay between a dialing node and a listening one that lets a test rewrite any frame in
 * either direction: the man in the middle of the handshake tests and the bit-flipper of the session tests.
 */
final class TamperProxy implements AutoCloseable {
  /** Rewrites frame number {@code index} (0 = hello, 1 = auth, 2.. = session) of one direction. */
  interface Rewrite {
    byte[] apply(int index, byte[] body);
  }

  private final ServerSocket server;
  private final int targetPort;
  private final Rewrite towardsListener;
  private final Rewrite towardsDialer;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  TamperProxy(int targetPort, Rewrite towardsListener, Rewrite towardsDialer) throws IOException {
    this.server = new ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.towardsListener = towardsListener;
    this.towardsDialer = towardsDialer;
    Thread acceptor = new Thread(this::acceptLoop, "tamper-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket dialer = server.accept();
        Socket listener = new Socket("127.0.0.1", targetPort);
        connections.incrementAndGet();
        pump(dialer, listener, towardsListener);
        pump(listener, dialer, towardsDialer);
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private static void pump(Socket from, Socket to, Rewrite rewrite) {
    Thread t = new Thread(() -> {
      try (DataInputStream in = new DataInputStream(from.getInputStream());
          DataOutputStream out = new DataOutputStream(to.getOutputStream())) {
        for (int index = 0; ; index++) {
          int length = in.readInt();
          byte[] body = new byte[length];
          in.readFully(body);
          byte[] forwarded = rewrite.apply(index, body);
          out.writeInt(forwarded.length);
          out.write(forwarded);
          out.flush();
        }
      } catch (IOException ended) {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tamper-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed by the other pump
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }
}
