package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDirectoryTest {

  @TempDir Path parent;

  private Path fakeCluster(String name, String owner) throws IOException {
    Path directory = Files.createDirectories(parent.resolve(name).resolve("node-0/data"));
    Path root = parent.resolve(name);
    if (owner != null) {
      Files.writeString(root.resolve("owner"), owner);
    }
    return root;
  }

  @Test
  void newDirectoryRecordsThisJvmAsItsOwner() throws IOException {
    Path created = ClusterDirectory.create(Optional.of(parent));

    assertThat(created.getParent()).isEqualTo(parent);
    assertThat(created.getFileName().toString()).startsWith("embedded-kafka-");
    assertThat(Files.readString(created.resolve("owner")))
        .startsWith(ProcessHandle.current().pid() + " ");
  }

  @Test
  void directoryOfADeadOwnerIsDeletedByTheNextCreate() throws IOException {
    Path stale = fakeCluster("embedded-kafka-stale", "2147483646 2000-01-01T00:00:00Z");

    ClusterDirectory.create(Optional.of(parent));

    assertThat(stale).doesNotExist();
  }

  @Test
  void directoryOfALiveOwnerIsKept() throws IOException {
    Path live = ClusterDirectory.create(Optional.of(parent));

    ClusterDirectory.create(Optional.of(parent));

    assertThat(live).exists();
  }

  @Test
  void directoryWithoutAnOwnerFileIsKept() throws IOException {
    Path foreign = fakeCluster("embedded-kafka-foreign", null);

    ClusterDirectory.create(Optional.of(parent));

    assertThat(foreign).exists();
  }

  @Test
  void deleteRemovesTheWholeTree() throws IOException {
    Path cluster = fakeCluster("embedded-kafka-done", "1 ?");

    ClusterDirectory.delete(cluster);

    assertThat(cluster).doesNotExist();
  }
}
