package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wrpkafka.PublishEvent;
import io.wrpkafka.PublishListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final EventDispatcher events = new EventDispatcher("event-dispatcher-test");
  private final List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
  private final PublishListener recorder = event -> seen.add(event.qos());

  @AfterEach
  void stop() {
    events.stop(Duration.ofSeconds(5).toNanos());
  }

  private static PublishEvent event(int n) {
    return new PublishEvent("online", "t", "single", n, Duration.ZERO, null, null);
  }

  @Test
  void eventsReachTheListenersInTheOrderTheyWereQueued() {
    events.add(recorder);
    events.start();

    for (int i = 0; i < 10_000; i++) {
      events.publish(event(i));
    }

    await().atMost(DEADLINE).until(() -> seen.size() == 10_000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
  }

  @Test
  void aSteadyStreamOfEventsWakesTheEventThreadFarLessThanOncePerEvent() {
    events.add(recorder);
    events.start();

    for (int i = 0; i < 20_000; i++) {
      events.publish(event(i));
    }

    await().atMost(DEADLINE).until(() -> seen.size() == 20_000);
    assertThat(events.wakeUps()).isLessThan(200);
  }

  @Test
  void anEventWakesAnEventThreadThatParkedUntilWoken() {
    events.add(recorder);
    events.start();
    await().atMost(DEADLINE).until(events::parked);

    events.publish(event(1));

    await().atMost(DEADLINE).until(() -> seen.equals(List.of(1)));
    assertThat(events.wakeUps()).isEqualTo(1);
  }

  @Test
  void stopDeliversTheEventsQueuedBeforeIt() {
    events.add(event -> {
      seen.add(event.qos());
      Thread.onSpinWait();
    });
    events.start();
    for (int i = 0; i < 5_000; i++) {
      events.publish(event(i));
    }

    events.stop(DEADLINE.toNanos());

    assertThat(seen).hasSize(5_000);
  }

  @Test
  void aListenerThatThrowsDoesNotKeepEventsFromTheOthers() {
    events.add(event -> {
      throw new IllegalStateException("listener bug");
    });
    events.add(recorder);
    events.start();

    events.publish(event(1));
    events.publish(event(2));

    await().atMost(DEADLINE).until(() -> seen.equals(List.of(1, 2)));
  }

  @Test
  void thereAreNoListenersToSpeakOfAfterStop() {
    events.add(recorder);
    events.start();
    assertThat(events.hasListeners()).isTrue();

    events.stop(DEADLINE.toNanos());

    assertThat(events.hasListeners()).isFalse();
  }
}
