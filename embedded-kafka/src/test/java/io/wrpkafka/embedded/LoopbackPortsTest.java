package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

  @Test
  void portsAreDistinctAndBelowTheEphemeralRanges() {
    int[] ports = LoopbackPorts.allocate(12);

    assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(12);
    assertThat(Arrays.stream(ports).boxed().toList())
        .allSatisfy(port -> assertThat(port).isBetween(20000, 32767));
  }

  @Test
  void returnedPortsCanBeBoundOnLoopback() throws IOException {
    for (int port : LoopbackPorts.allocate(3)) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
