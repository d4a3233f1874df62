package io.wrpkafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Creates, sweeps and deletes the temporary directories of embedded clusters. */
final class ClusterDirectory {

  /*
   * Each cluster directory holds an "owner" file naming the JVM that created it (pid and start
   * instant, so a reused pid is not mistaken for the owner). A JVM killed with SIGKILL cannot
   * delete its directory; the next cluster created in the same parent directory deletes it,
   * so an aborted test run does not leave broker data behind for good.
   */

  static final String PREFIX = "embedded-kafka-";
  private static final String OWNER_FILE = "owner";

  private ClusterDirectory() {}

  /** Creates a new cluster directory, first deleting those whose owner JVM is gone. */
  static Path create(Optional<Path> parent) {
    try {
      Path base = parent.isPresent()
          ? Files.createDirectories(parent.get())
          : Path.of(System.getProperty("java.io.tmpdir"));
      sweep(base);
      Path directory = Files.createTempDirectory(base, PREFIX);
      Files.writeString(directory.resolve(OWNER_FILE), ownerOf(ProcessHandle.current()));
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster's temporary directory", e);
    }
  }

  /** Deletes {@code directory} and everything in it; reports failure on stderr, never throws. */
  static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("embedded Kafka: cannot delete " + directory + ": " + e);
    }
  }

  private static void sweep(Path base) {
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path candidate : candidates) {
        Path owner = candidate.resolve(OWNER_FILE);
        if (Files.isRegularFile(owner) && !ownerIsAlive(Files.readString(owner).trim())) {
          delete(candidate);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // sweeping is best effort: a directory we cannot read is not ours to delete
    }
  }

  private static boolean ownerIsAlive(String owner) {
    String[] parts = owner.split(" ");
    if (parts.length != 2) {
      return true;
    }
    try {
      long pid = Long.parseLong(parts[0]);
      return ProcessHandle.of(pid).map(ClusterDirectory::ownerOf).filter(owner::equals).isPresent();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String ownerOf(ProcessHandle process) {
    return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("?");
  }
}
