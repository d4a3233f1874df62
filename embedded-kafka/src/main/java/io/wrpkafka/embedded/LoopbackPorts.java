package io.wrpkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Finds free TCP ports on 127.0.0.1 for brokers to listen on. */
final class LoopbackPorts {

  /*
   * Ports are drawn at random from 20000-32767, below the ephemeral ranges of Linux (from 32768),
   * macOS and Windows (from 49152). Outgoing connections of any process on the machine take their
   * local port from the ephemeral range, so they cannot grab a broker's port in the moment between
   * this choice and the broker's bind, nor while a killed broker is down before its restart, which
   * needs the same port again. A port counts as free when a socket can bind it; all the sockets
   * stay open until every port is chosen, so one call never returns a port twice. If the range
   * seems exhausted, the kernel picks (port 0).
   */

  static final String HOST = "127.0.0.1";
  static final int FIRST = 20000;
  static final int LAST = 32767;
  private static final int ATTEMPTS_PER_PORT = 50;

  private LoopbackPorts() {}

  /** Returns {@code count} distinct ports that were free a moment ago. */
  static int[] allocate(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      InetAddress loopback = InetAddress.getByName(HOST);
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = bindInRange(loopback);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find " + count + " free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // the port is closed or unusable either way
        }
      }
    }
  }

  private static ServerSocket bindInRange(InetAddress loopback) throws IOException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < ATTEMPTS_PER_PORT; attempt++) {
      try {
        return new ServerSocket(random.nextInt(FIRST, LAST + 1), 1, loopback);
      } catch (IOException taken) {
        // try another port
      }
    }
    return new ServerSocket(0, 1, loopback);
  }
}
