package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The writer's string paths against the JDK's UTF-8 encoder ({@code String.getBytes(UTF_8)},
 * which also writes an unpaired surrogate as {@code ?}): the bulk copy taken when every string
 * of a message is ASCII, and the general path taken for each string of a message that has a
 * non-ASCII one.
 */
class MsgpackWriterTest {

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("ASCII", "mac:112233445566"),
        Arguments.of("ASCII, highest char 0x7f", "a\u007f"),
        Arguments.of("ASCII, 31 bytes (fixstr)", "a".repeat(31)),
        Arguments.of("ASCII, 32 bytes (str8)", "a".repeat(32)),
        Arguments.of("ASCII, 300 bytes (str16)", "a".repeat(300)),
        Arguments.of("Latin-1, 2-byte UTF-8", "caf\u00e9"),
        Arguments.of("lowest 2-byte char 0x80", "\u0080"),
        Arguments.of("Latin-1 0xff", "\u00ff"),
        Arguments.of("UTF-16 string, 2 bytes each", "\u0100\u07ff"),
        Arguments.of("3-byte UTF-8", "\u0800 \u20ac \uffff"),
        Arguments.of("surrogate pair, 4-byte UTF-8", "\ud83d\ude00"),
        Arguments.of("surrogate pair between ASCII", "a\ud83d\ude00b"),
        Arguments.of("unpaired high surrogate", "\ud800"),
        Arguments.of("unpaired low surrogate", "\udc00"),
        Arguments.of("low before high", "\udc00\ud800"),
        Arguments.of("high surrogate at the end", "x\ud800"),
        Arguments.of("high surrogate before a non-surrogate", "\ud800x"),
        Arguments.of("non-ASCII after 31 ASCII chars (str8)", "a".repeat(31) + "\u00e9"),
        Arguments.of("non-ASCII first, 300 chars (str16)", "\u00e9" + "a".repeat(299)),
        Arguments.of("non-ASCII last, 300 chars (str16)", "a".repeat(299) + "\u00e9"),
        Arguments.of("ASCII, 65535 bytes (str16)", "a".repeat(65535)),
        Arguments.of("ASCII, 70000 bytes (str32)", "b".repeat(70000)),
        Arguments.of("65535 chars, 65536 bytes (str32)", "a".repeat(65534) + "\u00e9"),
        Arguments.of("UTF-16 chars whose low byte is ASCII", "\u0141\u0161\u4e41"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strings")
  void writesEveryStringOfAMessageAsTheJdkEncodesIt(String name, String s) {
    Message m = Message.builder().source(s).metadata(Map.of(s, s)).build();

    byte[] expected = MsgpackBytes.of().fixmap(3)
        .str("msg_type").raw(MessageType.SIMPLE_EVENT.code())
        .str("source").raw(str(s))
        .str("metadata").fixmap(1).raw(str(s)).raw(str(s))
        .bytes();

    assertThat(Format.MSGPACK.encode(m)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strings")
  void writesAsciiStringsBesideANonAsciiOneAsTheJdkEncodesThem(String name, String s) {
    Message m = Message.builder().source("dns:talaria.example.net").destination(s)
        .transactionUuid("\u00e9t\u00e9").build();

    byte[] expected = MsgpackBytes.of().fixmap(4)
        .str("msg_type").raw(MessageType.SIMPLE_EVENT.code())
        .str("source").str("dns:talaria.example.net")
        .str("dest").raw(str(s))
        .str("transaction_uuid").str("\u00e9t\u00e9")
        .bytes();

    assertThat(Format.MSGPACK.encode(m)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strings")
  void countsTheUtf8LengthTheJdkEncoderWrites(String name, String s) {
    assertThat(MsgpackWriter.utf8Length(s))
        .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
  }

  static Stream<Arguments> knownStrings() {
    return KnownStrings.table().stream().flatMap(known -> Stream.of(
        Arguments.of(known, "the constant", known, "value"),
        Arguments.of(known, "an equal copy", new String(known), "value"),
        Arguments.of(known, "beside a non-ASCII value", known, "caf\u00e9")));
  }

  @ParameterizedTest(name = "\"{0}\" as {1}")
  @MethodSource("knownStrings")
  void writesAKnownStringAsMetadataKeyAndContentTypeAsAnyOtherString(
      String known, String how, String text, String value) {
    Message m = Message.builder().contentType(text).accept(text).metadata(Map.of(text, value))
        .build();

    byte[] expected = MsgpackBytes.of().fixmap(4)
        .str("msg_type").raw(MessageType.SIMPLE_EVENT.code())
        .str("content_type").raw(str(known))
        .str("accept").raw(str(known))
        .str("metadata").fixmap(1).raw(str(known)).raw(str(value))
        .bytes();

    assertThat(Format.MSGPACK.encode(m)).isEqualTo(expected);
  }

  @Test
  void writesEmptyMetadataValuesAndListElementsAsEmptyStrings() {
    Message m = Message.builder().headers(List.of("", "a", "")).metadata(Map.of("k", ""))
        .build();

    byte[] expected = MsgpackBytes.of().fixmap(3)
        .str("msg_type").raw(MessageType.SIMPLE_EVENT.code())
        .str("headers").fixarray(3).raw(0xa0).str("a").raw(0xa0)
        .str("metadata").fixmap(1).str("k").raw(0xa0)
        .bytes();

    assertThat(Format.MSGPACK.encode(m)).isEqualTo(expected);
  }

  static Stream<Arguments> payloadSizes() {
    // up to 1024 bytes the payload goes through the scratch buffer, beyond it straight into
    // the result between the bytes before and after it
    return Stream.of(Arguments.of(1), Arguments.of(255), Arguments.of(256), Arguments.of(1024),
        Arguments.of(1025), Arguments.of(65535), Arguments.of(65536), Arguments.of(200_000));
  }

  @ParameterizedTest(name = "{0}-byte payload")
  @MethodSource("payloadSizes")
  void writesThePayloadBetweenTheFieldsBeforeAndAfterIt(int size) {
    byte[] payload = new byte[size];
    for (int i = 0; i < size; i++) {
      payload[i] = (byte) (i * 31 + 7);
    }
    Message m = Message.builder().path("/a/b").payload(payload).serviceName("config")
        .url("http://example.net/\u00e9").qualityOfService(42).build();

    byte[] expected = MsgpackBytes.of().fixmap(6)
        .str("msg_type").raw(MessageType.SIMPLE_EVENT.code())
        .str("path").str("/a/b")
        .str("payload").raw(bin(payload))
        .str("service_name").str("config")
        .str("url").raw(str("http://example.net/\u00e9"))
        .str("qos").raw(42)
        .bytes();

    assertThat(Format.MSGPACK.encode(m)).isEqualTo(expected);
  }

  @Test
  void aMessageAfterAVeryLargeOneIsWrittenExactly() {
    Message large = Message.builder().source("x".repeat(300_000))
        .metadata(Map.of("k", "\u00e9".repeat(100_000))).build();
    Message small = Message.builder().source("mac:112233445566").build();

    byte[] first = Format.MSGPACK.encode(large);
    byte[] second = Format.MSGPACK.encode(small);

    assertThat(Format.MSGPACK.decode(first)).isEqualTo(large);
    assertThat(second).isEqualTo(MsgpackBytes.of().fixmap(2)
        .str("msg_type").raw(MessageType.SIMPLE_EVENT.code())
        .str("source").str("mac:112233445566")
        .bytes());
  }

  @Test
  void threadsEncodingAtOnceEachGetTheirOwnMessagesBytes() throws Exception {
    int threads = 4;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int mismatches = 0;
          for (int i = 0; i < perThread; i++) {
            // sizes differ per thread and per message, so a shared buffer would show
            String text = "t" + thread + "-" + "\u00e9a".repeat((i * 7 + thread) % 50);
            Message m = Message.builder().source(text).metadata(Map.of("n", text + i)).build();
            if (!Format.MSGPACK.decode(Format.MSGPACK.encode(m)).equals(m)) {
              mismatches++;
            }
          }
          return mismatches;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A msgpack str of {@code s}'s JDK UTF-8 bytes in the smallest form. */
  private static byte[] str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    MsgpackBytes out = MsgpackBytes.of();
    if (b.length < 32) {
      out.raw(0xa0 | b.length);
    } else if (b.length < 256) {
      out.raw(0xd9, b.length);
    } else if (b.length < 65536) {
      out.raw(0xda, b.length >>> 8, b.length);
    } else {
      out.raw(0xdb, b.length >>> 24, b.length >>> 16, b.length >>> 8, b.length);
    }
    return out.raw(b).bytes();
  }

  /** A msgpack bin of {@code b} in the smallest form. */
  private static byte[] bin(byte[] b) {
    MsgpackBytes out = MsgpackBytes.of();
    if (b.length < 256) {
      out.raw(0xc4, b.length);
    } else if (b.length < 65536) {
      out.raw(0xc5, b.length >>> 8, b.length);
    } else {
      out.raw(0xc6, b.length >>> 24, b.length >>> 16, b.length >>> 8, b.length);
    }
    return out.raw(b).bytes();
  }
}
