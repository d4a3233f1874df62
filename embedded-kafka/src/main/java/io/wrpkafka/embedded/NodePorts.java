package io.wrpkafka.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Loopback ports of one node, fixed for its lifetime so restarts keep their addresses.
 *
 * @param listeners listener name to port, in listener order; the PLAINTEXT listener first
 * @param controllerPort port of the CONTROLLER listener, or 0 when the node is not a controller
 */
record NodePorts(Map<String, Integer> listeners, int controllerPort) {

  NodePorts {
    Objects.requireNonNull(listeners, "listeners");
    listeners = Collections.unmodifiableMap(new LinkedHashMap<>(listeners));
  }

  boolean isController() {
    return controllerPort != 0;
  }

  int port(String listenerName) {
    Integer port = listeners.get(listenerName);
    if (port == null) {
      throw new IllegalArgumentException("listenerName: no listener \"" + listenerName
          + "\" (expected one of " + listeners.keySet() + ")");
    }
    return port;
  }
}
