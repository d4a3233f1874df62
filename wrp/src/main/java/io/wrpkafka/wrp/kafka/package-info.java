/**
 * Kafka serialization of WRP messages: {@link io.wrpkafka.wrp.kafka.WrpSerializer}, {@link
 * io.wrpkafka.wrp.kafka.WrpDeserializer} and {@link io.wrpkafka.wrp.kafka.WrpSerde}, msgpack by
 * default or JSON with {@code wrp.format=json}.
 *
 * <p>Needs {@code org.apache.kafka:kafka-clients} on the classpath; the {@code wrpkafka-wrp}
 * artifact declares it optional, so users of the WRP model alone do not get it.
 */
package io.wrpkafka.wrp.kafka;
