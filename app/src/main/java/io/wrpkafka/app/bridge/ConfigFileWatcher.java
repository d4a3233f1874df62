package io.wrpkafka.app.bridge;

import io.wrpkafka.DynamicConfig;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The directory is watched, not the file: editors and Kubernetes ConfigMap updates replace the
 * file (write a new one, rename it over the old, or swap a symlink), which a watch on the file
 * itself would lose. Events come in bursts (truncate, write, write, rename), so after the first
 * event the watcher waits DEBOUNCE for quiet, then reads the file once. Kubernetes swaps a
 * "..data" symlink beside the file, so any event in the directory triggers a re-read; the
 * parsed config is applied only when it differs from the one in effect.
 */
/**
 * Re-reads a config file when it changes and applies its dynamic part. An invalid edit is
 * logged with its problems and ignored: the configuration in effect stays. Runs on one daemon
 * thread; {@link #close()} ends it.
 */
final class ConfigFileWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigFileWatcher.class);
  private static final long DEBOUNCE_MILLIS = 300;

  private final Path file;
  private final Function<Path, DynamicConfigCodec.Parsed> loader;
  private final Consumer<DynamicConfig> apply;
  private final WatchService watchService;
  private final Thread thread;
  private volatile DynamicConfig lastApplied;

  ConfigFileWatcher(
      Path file, Function<Path, DynamicConfigCodec.Parsed> loader, Consumer<DynamicConfig> apply) {
    this.file = file.toAbsolutePath().normalize();
    this.loader = Objects.requireNonNull(loader, "loader");
    this.apply = Objects.requireNonNull(apply, "apply");
    try {
      this.watchService = FileSystems.getDefault().newWatchService();
      this.file.getParent().register(
          watchService,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot watch " + this.file.getParent() + ": " + e.getMessage(), e);
    }
    this.thread = new Thread(this::run, "wrpkafka-config-watch");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
    log.info("watching {} for changes to the dynamic configuration", file);
  }

  private void run() {
    FileTime seen = modified();
    try {
      while (true) {
        WatchKey key = watchService.take();
        drain(key);
        // Wait until the burst of events is over.
        WatchKey more;
        while ((more = watchService.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        FileTime now = modified();
        if (now == null) {
          continue;
        }
        if (now.equals(seen) && lastApplied != null) {
          continue;
        }
        seen = now;
        reload();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private static void drain(WatchKey key) {
    for (WatchEvent<?> ignored : key.pollEvents()) {
      // events only wake us; the file is re-read as a whole
    }
    key.reset();
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads the file and applies it when valid and changed. Visible for tests. */
  void reload() {
    DynamicConfigCodec.Parsed parsed;
    try {
      parsed = loader.apply(file);
    } catch (RuntimeException e) {
      log.warn("config file {} changed but could not be read ({}); keeping the configuration in effect",
          file, e.getMessage());
      return;
    }
    if (parsed.config() == null) {
      log.warn("config file {} changed but is invalid; keeping the configuration in effect:\n  {}",
          file, String.join("\n  ", parsed.problems()));
      return;
    }
    if (parsed.config().equals(lastApplied)) {
      return;
    }
    try {
      apply.accept(parsed.config());
      lastApplied = parsed.config();
      log.info("config file {} changed: dynamic configuration applied ({} routes)",
          file, parsed.config().topicMap().size());
    } catch (RuntimeException e) {
      log.warn("config file {} changed but was rejected ({}); keeping the configuration in effect",
          file, e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      watchService.close();
    } catch (IOException e) {
      log.debug("closing the watch service failed", e);
    }
  }
}
