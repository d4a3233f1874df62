package io.wrpkafka.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.wrpkafka.Publisher;
import io.wrpkafka.micrometer.PublisherMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the publisher's Micrometer metrics ({@link PublisherMetrics}: {@code
 * wrpkafka.messages.*}, {@code wrpkafka.buffer.*}, …) when the application has a {@link
 * MeterRegistry} bean and {@code wrpkafka-micrometer} on its class path. With Spring Boot
 * Actuator's metrics the {@code PublisherMetrics} bean is a {@code MeterBinder} that Actuator
 * binds to its registry (so common tags and meter filters apply); without Actuator this
 * configuration binds it to the single {@code MeterRegistry} bean itself. Backs off when the
 * application defines its own {@code PublisherMetrics} bean (to add tags, say).
 */
@AutoConfiguration(after = WrpKafkaAutoConfiguration.class, afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple"
        + ".SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, PublisherMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(Publisher.class)
public class WrpKafkaMetricsAutoConfiguration {
  static final String ACTUATOR_METRICS =
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration";

  /** Created by Spring. */
  public WrpKafkaMetricsAutoConfiguration() {}

  /** With Actuator: a MeterBinder bean, bound by Actuator's registry post-processor. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = ACTUATOR_METRICS)
  static class ActuatorBound {
    @Bean
    @ConditionalOnMissingBean(PublisherMetrics.class)
    PublisherMetrics wrpKafkaPublisherMetrics(Publisher publisher) {
      return PublisherMetrics.builder(publisher).build();
    }
  }

  /** Without Actuator nothing binds MeterBinder beans: bind to the one registry here. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(ACTUATOR_METRICS)
  @ConditionalOnSingleCandidate(MeterRegistry.class)
  static class SelfBound {
    @Bean
    @ConditionalOnMissingBean(PublisherMetrics.class)
    PublisherMetrics wrpKafkaPublisherMetrics(Publisher publisher, MeterRegistry registry) {
      return PublisherMetrics.bind(publisher, registry);
    }
  }
}
