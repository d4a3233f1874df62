package io.wrpkafka.spring;

import io.wrpkafka.Publisher;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Registers the Actuator health indicator {@code wrpkafka} ({@code /actuator/health/wrpkafka})
 * for the application's {@link Publisher}, when Spring Boot Actuator is on the class path. Off
 * with {@code management.health.wrpkafka.enabled=false}; backs off when the application defines
 * a bean named {@code wrpkafkaHealthIndicator}.
 */
@AutoConfiguration(after = WrpKafkaAutoConfiguration.class, beforeName =
    "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnSingleCandidate(Publisher.class)
@ConditionalOnEnabledHealthIndicator("wrpkafka")
public class WrpKafkaHealthAutoConfiguration {
  /** Created by Spring. */
  public WrpKafkaHealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "wrpkafkaHealthIndicator")
  HealthIndicator wrpkafkaHealthIndicator(Publisher publisher) {
    return new PublisherHealthIndicator(publisher);
  }
}
