package io.wrpkafka.internal;

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
public final class TopicCheck implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);

  /** What the cluster said. */
  enum Result {
    EXISTS,
    MISSING,
    /** The cluster did not answer before the deadline. */
    UNANSWERED,
    /** The check failed for another reason, e.g. authentication; see {@link Answer#cause()}. */
    FAILED
  }

  /** A result and, for {@link Result#FAILED}, the client's exception. */
  record Answer(Result result, Throwable cause) {
    static final Answer EXISTS = new Answer(Result.EXISTS, null);
    static final Answer MISSING = new Answer(Result.MISSING, null);
    static final Answer UNANSWERED = new Answer(Result.UNANSWERED, null);
  }

  private final Admin admin;
  private final Duration requestTimeout;

  /** An Admin client with the connection and security settings of {@code producerProperties}. */
  public TopicCheck(Properties producerProperties, String clientId, Duration requestTimeout) {
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

  /**
   * Whether {@code topic} exists, retrying until {@code deadlineNanos} while unanswered. Any
   * other failure (authentication, authorization, TLS) ends the check at once with its cause, so
   * that the record fails with what really happened, not with a timeout.
   */
  Answer exists(String topic, long deadlineNanos) {
    while (true) {
      long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (remainingMs <= 0) {
        return Answer.UNANSWERED;
      }
      // A zero requestTimeout means none of its own: the deadline alone bounds the call.
      int timeoutMs = (int) Math.min(Math.min(remainingMs, Integer.MAX_VALUE),
          requestTimeout.isZero() ? Long.MAX_VALUE : requestTimeout.toMillis());
      try {
        admin
            .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
            .allTopicNames()
            .get();
        return Answer.EXISTS;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnknownTopicOrPartitionException) {
          return Answer.MISSING;
        }
        if (!(cause instanceof TimeoutException)) {
          log.debug("checking whether topic {} exists failed", topic, cause);
          return new Answer(Result.FAILED, cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Answer(Result.FAILED, e);
      } catch (RuntimeException e) {
        log.debug("checking whether topic {} exists failed", topic, e);
        return new Answer(Result.FAILED, e);
      }
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ZERO);
  }
}
