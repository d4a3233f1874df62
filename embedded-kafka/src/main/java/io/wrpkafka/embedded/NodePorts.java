package io.wrpkafka.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

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

  /**
   * Chooses the ports of every node of a cluster: the fixed PLAINTEXT ports if the config has a
   * {@link EmbeddedKafkaConfig#plaintextPort()}, and ports from {@code freePorts} for the rest.
   *
   * @param freePorts returns that many distinct free ports
   */
  static List<NodePorts> forCluster(EmbeddedKafkaConfig config, IntFunction<int[]> freePorts) {
    Set<Integer> fixed = new HashSet<>();
    int firstFixed = config.plaintextPort();
    if (firstFixed != 0) {
      for (int id = 0; id < config.nodes(); id++) {
        fixed.add(firstFixed + id);
      }
    }
    int perNode = 2 + config.listeners().size();
    int needed = perNode * config.nodes() - fixed.size();
    int[] free = Arrays.stream(freePorts.apply(needed + fixed.size()))
        .filter(port -> !fixed.contains(port)).limit(needed).toArray();
    int next = 0;
    List<NodePorts> ports = new ArrayList<>();
    for (int id = 0; id < config.nodes(); id++) {
      Map<String, Integer> listeners = new LinkedHashMap<>();
      listeners.put(EmbeddedKafkaConfig.PLAINTEXT_LISTENER,
          firstFixed != 0 ? firstFixed + id : free[next++]);
      for (String name : config.listeners().keySet()) {
        listeners.put(name, free[next++]);
      }
      int controllerPort = id < config.controllers() ? free[next++] : 0;
      ports.add(new NodePorts(listeners, controllerPort));
    }
    return List.copyOf(ports);
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
