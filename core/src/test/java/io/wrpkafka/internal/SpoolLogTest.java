package io.wrpkafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrpkafka.routing.Destination;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's on-disk log alone: appends, acknowledgements, segments, recovery. */
class SpoolLogTest {
  private static final Destination DESTINATION =
      new Destination("t", "mac:1", List.of(), "single", "telemetry");

  @TempDir Path dir;
  private final RecordingLogger logger = new RecordingLogger(false);
  private final List<SpoolLog> open = new ArrayList<>();

  @AfterEach
  void closeLogs() throws IOException {
    for (SpoolLog log : open) {
      log.close();
    }
  }

  private SpoolLog open(long segmentBytes) throws IOException {
    SpoolLog log = SpoolLog.open(dir, segmentBytes, logger.logger());
    open.add(log);
    return log;
  }

  private static long append(SpoolLog log, int n) throws IOException {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("t", null, null,
        "mac:1".getBytes(StandardCharsets.UTF_8), ("value-" + n).getBytes(StandardCharsets.UTF_8),
        List.of(new RecordHeader("h", "v".getBytes(StandardCharsets.UTF_8))));
    return log.append(1_000L + n, 50, DESTINATION, record, false);
  }

  private static List<String> values(SpoolLog log) throws IOException {
    List<String> values = new ArrayList<>();
    try (SpoolLog.Cursor cursor = log.cursor()) {
      SpoolEntry entry;
      while ((entry = cursor.next()) != null) {
        values.add(new String(entry.value(), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private long segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(SpoolSegment.SUFFIX)).count();
    }
  }

  @Test
  void appendedRecordsAreReadBackInOrderWithKeyHeadersAndQos() throws IOException {
    SpoolLog log = open(1 << 20);
    append(log, 1);
    append(log, 2);

    try (SpoolLog.Cursor cursor = log.cursor()) {
      SpoolEntry first = cursor.next();
      assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("value-1");
      assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("mac:1");
      assertThat(first.qos()).isEqualTo(50);
      assertThat(first.topic()).isEqualTo("t");
      assertThat(first.eventType()).isEqualTo("telemetry");
      assertThat(first.headers()).hasSize(1);
      assertThat(first.timeMillis()).isEqualTo(1_001L);
      assertThat(new String(cursor.next().value(), StandardCharsets.UTF_8)).isEqualTo("value-2");
      assertThat(cursor.next()).isNull();
    }
    assertThat(log.records()).isEqualTo(2);
  }

  @Test
  void acknowledgementsOutOfOrderRemoveOnlyTheAcknowledgedRecords() throws IOException {
    SpoolLog log = open(1 << 20);
    long[] seqs = new long[5];
    for (int i = 0; i < 5; i++) {
      seqs[i] = append(log, i);
    }

    log.acknowledge(seqs[3]);
    log.acknowledge(seqs[0]);
    log.acknowledge(seqs[3]);
    assertThat(log.applyAcknowledgements()).isEqualTo(2);

    assertThat(values(log)).containsExactly("value-1", "value-2", "value-4");
    assertThat(log.records()).isEqualTo(3);
  }

  @Test
  void aSegmentIsDeletedOnceItAndEveryOlderOneIsFullyAcknowledged() throws IOException {
    SpoolLog log = open(16 * 1024);
    List<Long> seqs = new ArrayList<>();
    while (segments() < 3) {
      seqs.add(append(log, seqs.size()));
    }
    long bytesBefore = log.bytes();
    // Acknowledge everything but the very first record: nothing may go yet.
    for (int i = 1; i < seqs.size(); i++) {
      log.acknowledge(seqs.get(i));
    }
    log.applyAcknowledgements();
    assertThat(segments()).isEqualTo(3);

    log.acknowledge(seqs.get(0));
    log.applyAcknowledgements();

    assertThat(segments()).isEqualTo(1);
    assertThat(log.bytes()).isLessThan(bytesBefore);
    assertThat(log.records()).isZero();
  }

  @Test
  void reopeningRecoversTheUnacknowledgedRecordsOnly() throws IOException {
    SpoolLog first = open(1 << 20);
    long a = append(first, 1);
    append(first, 2);
    long c = append(first, 3);
    first.acknowledge(a);
    first.acknowledge(c);
    first.applyAcknowledgements();
    first.close();

    SpoolLog second = open(1 << 20);

    assertThat(second.records()).isEqualTo(1);
    assertThat(values(second)).containsExactly("value-2");
    assertThat(append(second, 4)).isGreaterThan(c);
    assertThat(values(second)).containsExactly("value-2", "value-4");
  }

  @Test
  void aTornTailIsLoggedWithFileAndOffsetAndTheIntactEntriesRecovered() throws IOException {
    SpoolLog first = open(1 << 20);
    append(first, 1);
    append(first, 2);
    first.close();
    Path segment = onlySegment();
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 5);
    }

    SpoolLog second = open(1 << 20);

    assertThat(values(second)).containsExactly("value-1");
    assertThat(logger.calls("warn")).anySatisfy(call -> assertThat(call.line())
        .contains(segment.toString()).contains("torn write").contains("at offset"));
  }

  @Test
  void aFlippedByteCostsOnlyItsOwnEntry() throws IOException {
    SpoolLog first = open(1 << 20);
    append(first, 1);
    append(first, 2);
    append(first, 3);
    first.close();
    Path segment = onlySegment();
    long entry = Files.size(segment) / 3;
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(entry + entry / 2);
      int b = file.read();
      file.seek(entry + entry / 2);
      file.write(b ^ 0x40);
    }

    SpoolLog second = open(1 << 20);

    assertThat(values(second)).containsExactly("value-1", "value-3");
    assertThat(logger.calls("warn")).anySatisfy(call -> assertThat(call.line())
        .contains("checksum mismatch").contains("at offset " + entry));
  }

  @Test
  void aCorruptLengthIsSkippedToTheNextIntactEntry() throws IOException {
    SpoolLog first = open(1 << 20);
    append(first, 1);
    append(first, 2);
    append(first, 3);
    first.close();
    Path segment = onlySegment();
    long entry = Files.size(segment) / 3;
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(entry);
      file.writeInt(0x7fff0000);
    }

    SpoolLog second = open(1 << 20);

    assertThat(values(second)).containsExactly("value-1", "value-3");
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(SpoolSegment.SUFFIX)).sorted()
          .filter(f -> {
            try {
              return Files.size(f) > 0;
            } catch (IOException e) {
              return false;
            }
          }).findFirst().orElseThrow();
    }
  }
}
