package io.wrpkafka.app.bridge;

import io.wrpkafka.DynamicConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Only used when kafka.allowAutoTopicCreation is false: then a record routed to a topic that does
 * not exist waits for its metadata until the delivery timeout and fails with topic_not_found, long
 * after the operator could have been told. Listing the topics once at start, on each reload and
 * (cached for CACHE_FOR) on /readyz says so at once. The admin client's calls
 * are asynchronous; only the start check waits, on the thread that starts the bridge.
 */
/**
 * Checks that every topic the current routes (and the dead-letter topic) can publish to exists:
 * warns once per missing topic at start and on each reload, and reports them on {@code /readyz}.
 * Thread-safe; the admin client stays its owner's.
 */
final class TopicCheck implements ReadinessCheck {
  private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);
  private static final Duration CACHE_FOR = Duration.ofSeconds(3);
  private static final int TIMEOUT_MS = 5_000;

  private record Checked(long atNanos, Set<String> wanted, CompletableFuture<Optional<NotReady>> answer) {}

  private final Admin admin;
  private final Supplier<DynamicConfig> current;
  private final AtomicReference<Checked> last = new AtomicReference<>();

  /**
   * Asks through {@code admin} (see {@link ClusterAdmin}), which it does not close; {@code
   * current} gives the routes in force.
   */
  TopicCheck(Admin admin, Supplier<DynamicConfig> current) {
    this.admin = admin;
    this.current = current;
  }

  /** The topics of {@code wanted} the cluster does not have, in order; fails if it cannot tell. */
  CompletableFuture<List<String>> missing(Set<String> wanted) {
    CompletableFuture<List<String>> answer = new CompletableFuture<>();
    try {
      admin.listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS)).names()
          .whenComplete((names, failure) -> {
            if (failure != null) {
              answer.completeExceptionally(failure);
              return;
            }
            List<String> missing = new ArrayList<>();
            for (String topic : wanted) {
              if (!names.contains(topic)) {
                missing.add(topic);
              }
            }
            answer.complete(List.copyOf(missing));
          });
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  /** Checks the routes in force now and warns about each missing topic; blocks up to 5 s. */
  void checkAtStart() {
    try {
      warn(missing(RouteTopics.of(current.get())).get(TIMEOUT_MS, TimeUnit.MILLISECONDS), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      log.warn("cannot list the brokers' topics to check the routes: {}", cause.toString());
    }
  }

  /** Warns about each missing topic of a configuration just applied. Does not block. */
  void reloaded(DynamicConfig config) {
    last.set(null);
    missing(RouteTopics.of(config)).whenComplete((missing, failure) -> {
      if (failure != null) {
        log.warn("cannot list the brokers' topics to check the reloaded routes: {}", failure.toString());
      } else {
        warn(missing, " after the reload");
      }
    });
  }

  private static void warn(List<String> missing, String when) {
    for (String topic : missing) {
      log.warn("topic \"{}\" does not exist{} and kafka.allowAutoTopicCreation is false:"
          + " records routed to it will fail with topic_not_found until it is created", topic, when);
    }
  }

  @Override
  public CompletionStage<Optional<NotReady>> problem() {
    long now = System.nanoTime();
    Set<String> wanted = RouteTopics.of(current.get());
    Checked previous = last.get();
    if (previous != null && previous.wanted().equals(wanted)
        && (!previous.answer().isDone() || now - previous.atNanos() < CACHE_FOR.toNanos())) {
      return previous.answer();
    }
    CompletableFuture<Optional<NotReady>> answer = new CompletableFuture<>();
    if (!last.compareAndSet(previous, new Checked(now, wanted, answer))) {
      return last.get().answer();
    }
    missing(wanted).whenComplete((missing, failure) -> {
      if (failure != null) {
        answer.complete(Optional.of(NotReady.because(
            "cannot list the brokers' topics: " + failure.getClass().getSimpleName())));
      } else if (!missing.isEmpty()) {
        answer.complete(Optional.of(new NotReady(
            "topics missing on the brokers: " + String.join(", ", missing), missing)));
      } else {
        answer.complete(Optional.empty());
      }
    });
    return answer;
  }
}
