package io.wrpkafka.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The machine and JVM a run measured on.
 *
 * @param cpu the CPU model, or {@code unknown}
 * @param cores processors available to this JVM
 * @param memoryBytes physical memory
 * @param os operating system name, version and architecture
 * @param jvm JVM vendor, name and version
 * @param garbageCollectors the collectors' names
 * @param maxHeapBytes the heap's limit
 * @param jvmArguments the JVM's input arguments
 */
record MachineInfo(
    String cpu,
    int cores,
    long memoryBytes,
    String os,
    String jvm,
    String garbageCollectors,
    long maxHeapBytes,
    String jvmArguments) {

  /** Describes this machine and JVM. */
  static MachineInfo current() {
    Runtime runtime = Runtime.getRuntime();
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(", "));
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return new MachineInfo(
        cpuModel(),
        runtime.availableProcessors(),
        memory,
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"),
        gcs,
        runtime.maxMemory(),
        args.isEmpty() ? "(none)" : String.join(" ", args));
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown";
    }
    try {
      for (String line : Files.readAllLines(cpuinfo)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return "unknown";
  }
}
