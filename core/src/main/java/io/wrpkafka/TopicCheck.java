package io.wrpkafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why this exists: the Java producer has no allow.auto.create.topics setting (only the consumer
 * has one); its metadata requests always let the broker create a missing topic when the broker's
 * auto.create.topics.enable is on. With allowAutoTopicCreation=false a lane therefore asks an
 * Admin client whether its topic exists before its first send, and sends nothing to a topic that
 * does not. Admin requests do not create topics.
 */
/** Asks the cluster whether a topic exists, without creating it. Thread-safe. */
final class TopicCheck implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);

  enum Result {
    EXISTS,
    MISSING,
    /** The cluster did not answer before the deadline, or the check failed otherwise. */
    UNANSWERED
  }

  private final Admin admin;
  private final Duration requestTimeout;

  /** An Admin client with the connection and security settings of {@code producerProperties}. */
  TopicCheck(Properties producerProperties, String clientId, Duration requestTimeout) {
    Properties adminProperties = new Properties();
    Set<String> adminNames = AdminClientConfig.configNames();
    producerProperties.forEach(
        (key, value) -> {
          if (adminNames.contains((String) key)) {
            adminProperties.put(key, value);
          }
        });
    adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-topic-check");
    this.admin = Admin.create(adminProperties);
    this.requestTimeout = requestTimeout;
  }

  /** Whether {@code topic} exists, retrying until {@code deadlineNanos} while unanswered. */
  Result exists(String topic, long deadlineNanos) {
    while (true) {
      long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (remainingMs <= 0) {
        return Result.UNANSWERED;
      }
      int timeoutMs = (int) Math.min(remainingMs, requestTimeout.toMillis());
      try {
        admin
            .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
            .allTopicNames()
            .get();
        return Result.EXISTS;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          return Result.MISSING;
        }
        if (!(e.getCause() instanceof TimeoutException)) {
          log.warn("checking whether topic {} exists failed", topic, e.getCause());
          return Result.UNANSWERED;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Result.UNANSWERED;
      } catch (RuntimeException e) {
        log.warn("checking whether topic {} exists failed", topic, e);
        return Result.UNANSWERED;
      }
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ZERO);
  }
}
