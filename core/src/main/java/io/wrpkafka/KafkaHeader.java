package io.wrpkafka;

import org.apache.kafka.common.header.Header;

/** A Kafka record header built from a routed {@link io.wrpkafka.routing.Header}. */
record KafkaHeader(String key, byte[] value) implements Header {}
