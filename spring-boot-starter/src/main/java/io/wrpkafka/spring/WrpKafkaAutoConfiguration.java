package io.wrpkafka.spring;

import io.wrpkafka.PublishListener;
import io.wrpkafka.Publisher;
import io.wrpkafka.PublisherConfig;
import io.wrpkafka.config.WrpKafkaConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link Publisher} bean from the {@code wrpkafka.*} properties ({@link
 * WrpKafkaProperties}), started and stopped with the application context. It backs off when the
 * application defines its own {@code Publisher} bean (which the application then starts and
 * stops itself). {@code wrpkafka.enabled=false} gives {@link Publisher#disabled()}. Every {@link
 * PublishListener} bean is added to the auto-configured publisher.
 *
 * <p>Invalid properties fail the startup with a {@link io.wrpkafka.ConfigException} that names
 * each bad property, one per line.
 */
@AutoConfiguration
@ConditionalOnClass({Publisher.class, WrpKafkaConfig.class})
@EnableConfigurationProperties(WrpKafkaProperties.class)
public class WrpKafkaAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(WrpKafkaAutoConfiguration.class);

  /** Created by Spring. */
  public WrpKafkaAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(Publisher.class)
  static class PublisherConfiguration {
    @Bean
    Publisher wrpKafkaPublisher(WrpKafkaProperties properties, Environment environment,
        ObjectProvider<PublishListener> listeners) {
      if (!properties.isEnabled()) {
        log.info("wrpkafka.enabled is false: the publisher accepts messages and sends nothing");
        return Publisher.disabled();
      }
      List<String> unitless = UnitlessDurations.problems(environment);
      WrpKafkaConfig config = KafkaSectionDocument.read(properties, unitless);
      config.warnings().forEach(w ->
          log.warn("{}: {}", PropertyNames.of(w.path()), w.message()));
      Publisher.Builder builder = Publisher.builder().config(config.publisher().orElseThrow());
      listeners.orderedStream().forEach(builder::listener);
      return builder.build();
    }

    @Bean
    PublisherLifecycle wrpKafkaPublisherLifecycle(Publisher wrpKafkaPublisher,
        WrpKafkaProperties properties) {
      return new PublisherLifecycle(wrpKafkaPublisher, properties.getCleanupTimeout() != null
          ? properties.getCleanupTimeout() : PublisherConfig.DEFAULT_CLEANUP_TIMEOUT);
    }
  }
}
