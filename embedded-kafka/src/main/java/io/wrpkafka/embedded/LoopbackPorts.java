package io.wrpkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds free TCP ports on 127.0.0.1. */
final class LoopbackPorts {

  /*
   * All sockets stay open until every port is picked, so one call never returns the same port
   * twice. Another process may still take a port between this call and the broker's bind; the
   * window is short and the broker then fails to start with a clear BindException in its log.
   */

  static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /** Returns {@code count} distinct ports that were free a moment ago. */
  static int[] allocate(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      InetAddress loopback = InetAddress.getByName(HOST);
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        socket.setReuseAddress(true);
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
}
