package io.wrpkafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds publishers for a test and, afterwards, stops them and checks no thread of theirs lives. */
final class PublisherFixture {
  private final List<Publisher> publishers = new CopyOnWriteArrayList<>();
  private final List<String> clientIds = new CopyOnWriteArrayList<>();

  Publisher started(PublisherConfig config, PublishListener... listeners) {
    Publisher publisher = built(config, listeners);
    publisher.start();
    return publisher;
  }

  Publisher built(PublisherConfig config, PublishListener... listeners) {
    Publisher.Builder builder = Publisher.builder().config(config);
    for (PublishListener listener : listeners) {
      builder.listener(listener);
    }
    Publisher publisher = builder.build();
    publishers.add(publisher);
    clientIds.add(config.clientId());
    return publisher;
  }

  /** Closes every publisher (within its cleanupTimeout) and waits until none of their threads is left. */
  void stopAll() {
    for (Publisher publisher : publishers) {
      publisher.close();
    }
    publishers.clear();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> threadsOf(clientIds).isEmpty());
    clientIds.clear();
  }

  private static List<String> threadsOf(List<String> clientIds) {
    List<String> left = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      for (String clientId : clientIds) {
        // "client-3" must not match the threads of "client-31".
        if (thread.isAlive()
            && java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(clientId) + "(?![0-9])")
                .matcher(thread.getName())
                .find()) {
          left.add(thread.getName());
        }
      }
    }
    return left;
  }
}
