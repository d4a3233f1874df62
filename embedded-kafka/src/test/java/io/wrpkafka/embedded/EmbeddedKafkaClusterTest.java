package io.wrpkafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startCluster() {
    kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.builder().nodes(3).build());
  }

  @AfterAll
  static void closeCluster() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyNodeIsABrokerOfTheCluster() throws Exception {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .extracting(node -> node.id()).containsExactlyInAnyOrder(0, 1, 2);
    }
    assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
  }

  @Test
  void aCreatedTopicIsKnownToEveryNodeWhenCreateTopicReturns() throws Exception {
    String[] addresses = kafka.bootstrapServers().split(",");
    for (int i = 0; i < 5; i++) {
      String topic = "known-everywhere-" + i;
      kafka.createTopic(topic, 2, 3);
      for (String address : addresses) {
        try (Admin one = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
          assertThat(one.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
              .get(topic).partitions())
              .as("%s as seen by %s", topic, address)
              .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        }
      }
    }
  }

  @Test
  void acknowledgedWritesSurviveTheLossOfOneOfThreeReplicas() throws Exception {
    String topic = "cluster-kill";
    kafka.createTopic(topic, 3, 3, Map.of("min.insync.replicas", "2"));
    int victim = leaderOfPartitionZero(topic);

    try (KafkaProducer<String, String> producer = TestClients.producer(kafka.bootstrapServers())) {
      sendAll(producer, topic, "before-", 10);
      kafka.killBroker(victim);
      assertThat(kafka.isRunning(victim)).isFalse();
      sendAll(producer, topic, "after-", 10);
    }

    List<String> values = TestClients.readValues(kafka.bootstrapServers(), topic, 3, 20);
    assertThat(values).hasSize(20);
    assertThat(values.stream().filter(v -> v.startsWith("before-"))).hasSize(10);
    assertThat(values.stream().filter(v -> v.startsWith("after-"))).hasSize(10);
    kafka.startBroker(victim);
  }

  private static void sendAll(KafkaProducer<String, String> producer, String topic,
      String prefix, int count) throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(producer.send(new ProducerRecord<>(topic, "device-" + i, prefix + i)));
    }
    for (Future<RecordMetadata> ack : sent) {
      ack.get(60, TimeUnit.SECONDS);
    }
  }

  private static int leaderOfPartitionZero(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicPartitionInfo partition = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(topic).partitions().get(0);
      assertThat(partition.replicas()).hasSize(3);
      return partition.leader().id();
    }
  }
}
