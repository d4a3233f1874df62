package io.wrpkafka.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A minimal Spring Boot application that publishes WRP device events to Kafka through the
 * auto-configured {@link io.wrpkafka.Publisher}: see {@link DeviceEventEmitter} and {@code
 * application.yaml}.
 */
@SpringBootApplication
@EnableScheduling
public class DeviceEventsApplication {
  /** Runs the application until it is stopped (Ctrl-C), which flushes the publisher. */
  public static void main(String[] args) {
    SpringApplication.run(DeviceEventsApplication.class, args);
  }
}
