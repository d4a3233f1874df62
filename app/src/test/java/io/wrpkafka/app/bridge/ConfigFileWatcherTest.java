package io.wrpkafka.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.DynamicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileWatcherTest {
  @TempDir Path dir;
  private Path file;
  private final AtomicReference<DynamicConfig> applied = new AtomicReference<>();
  private final AtomicInteger applications = new AtomicInteger();
  private ConfigFileWatcher watcher;

  private static String config(String pattern, String topic) {
    return String.join("\n",
        "kafka:",
        "  brokers: [localhost:9092]",
        "  topicMap:",
        "    - pattern: " + pattern,
        "      topic: " + topic,
        "");
  }

  @BeforeEach
  void watch() throws IOException {
    file = dir.resolve("bridge.yaml");
    Files.writeString(file, config("online", "first"));
    watcher = new ConfigFileWatcher(file, YamlDynamicConfigCodec::loadFile, config -> {
      applied.set(config);
      applications.incrementAndGet();
    });
    watcher.start();
  }

  @AfterEach
  void close() {
    watcher.close();
  }

  /** Replaces the file the way editors and ConfigMap updates do: a new file renamed over it. */
  private void replace(String content) throws IOException {
    Path next = dir.resolve("bridge.yaml.tmp");
    Files.writeString(next, content);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private String firstTopic() {
    DynamicConfig config = applied.get();
    return config == null ? null : config.topicMap().get(0).topic();
  }

  @Test
  void editedFileIsAppliedAfterItSettles() throws IOException {
    replace(config("online", "second"));

    await().atMost(Duration.ofSeconds(10)).until(() -> "second".equals(firstTopic()));
  }

  @Test
  void invalidEditIsIgnoredAndTheNextValidOneApplies() throws IOException {
    replace(config("online", "second"));
    await().atMost(Duration.ofSeconds(10)).until(() -> "second".equals(firstTopic()));
    int before = applications.get();

    replace(config("online", "x") + "  lingr: 5ms\n");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> applications.get() == before && "second".equals(firstTopic()));
    replace(config("online", "third"));

    await().atMost(Duration.ofSeconds(10)).until(() -> "third".equals(firstTopic()));
  }
}
