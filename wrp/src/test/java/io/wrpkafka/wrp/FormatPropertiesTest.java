package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/** Round trips of random messages, and random or mutated bytes into decode. */
class FormatPropertiesTest {

  @Provide
  Arbitrary<Message> messages() {
    Arbitrary<String> text = text();
    return Builders.withBuilder(Message::builder)
        .use(Arbitraries.of(MessageType.class)).in(Message.Builder::type)
        .use(text).in(Message.Builder::source)
        .use(text).in(Message.Builder::destination)
        .use(text).in(Message.Builder::transactionUuid)
        .use(text).in(Message.Builder::contentType)
        .use(text).in(Message.Builder::accept)
        .use(Arbitraries.longs()).withProbability(0.5).in(Message.Builder::status)
        .use(Arbitraries.longs().between(-300, 70000)).withProbability(0.5)
        .in(Message.Builder::requestDeliveryResponse)
        .use(text.list().ofMaxSize(20)).in(Message.Builder::headers)
        .use(Arbitraries.maps(text, text).ofMaxSize(20).map(LinkedHashMap::new))
        .in(Message.Builder::metadata)
        .use(text.list().ofMaxSize(6).list().ofMaxSize(18)).in(Message.Builder::spans)
        .use(text).in(Message.Builder::path)
        .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).in(Message.Builder::payload)
        .use(text).in(Message.Builder::serviceName)
        .use(text).in(Message.Builder::url)
        .use(text.list().ofMaxSize(5)).in(Message.Builder::partnerIds)
        .use(text).in(Message.Builder::sessionId)
        .use(Arbitraries.integers().between(0, 99)).in(Message.Builder::qualityOfService)
        .build(Message.Builder::build);
  }

  /** Well-formed Unicode text (no unpaired surrogates), now and then long enough for str8/16. */
  private static Arbitrary<String> text() {
    Arbitrary<String> shortText = Arbitraries.strings().withCharRange(' ', '~')
        .withCharRange('\u00a0', '\ud7ff').withCharRange('\ue000', '\ufffd').ofMaxLength(24);
    Arbitrary<String> longText = Arbitraries.strings().alpha().ofMinLength(32).ofMaxLength(400);
    Arbitrary<String> withSupplementary = shortText.map(s -> s + "\uD83D\uDE00" + s);
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")), Tuple.of(6, shortText),
        Tuple.of(1, longText), Tuple.of(1, withSupplementary));
  }

  @Property(tries = 200)
  void msgpackRoundTripKeepsEveryField(@ForAll("messages") Message m) {
    byte[] encoded = Format.MSGPACK.encode(m);

    assertThat(Format.MSGPACK.decode(encoded)).isEqualTo(m);
  }

  @Property(tries = 200)
  void jsonRoundTripKeepsEveryField(@ForAll("messages") Message m) {
    assertThat(Format.JSON.decode(Format.JSON.encode(m))).isEqualTo(m);
  }

  @Property(tries = 2000)
  void randomBytesRaiseOnlyWrpFormatException(@ForAll @Size(max = 200) byte[] bytes) {
    decodeBoth(bytes);
  }

  @Property(tries = 500)
  void mutatedMessagesRaiseOnlyWrpFormatException(@ForAll("messages") Message m,
      @ForAll("mutations") List<int[]> mutations) {
    decodeBoth(mutate(Format.MSGPACK.encode(m), mutations));
    decodeBoth(mutate(Format.JSON.encode(m), mutations));
  }

  /** Each mutation is {kind, position seed, value}: overwrite, insert, delete or truncate. */
  @Provide
  Arbitrary<List<int[]>> mutations() {
    return Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 255))
        .as((kind, at, value) -> new int[] {kind, at, value})
        .list().ofMinSize(1).ofMaxSize(4);
  }

  static byte[] mutate(byte[] input, List<int[]> mutations) {
    byte[] b = input;
    for (int[] mutation : mutations) {
      if (b.length == 0) {
        return b;
      }
      int at = mutation[1] % b.length;
      switch (mutation[0]) {
        case 0:
          b = b.clone();
          b[at] = (byte) mutation[2];
          break;
        case 1: {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = (byte) mutation[2];
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
          break;
        }
        case 2: {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
          break;
        }
        default:
          b = Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  /** Decodes with both formats; anything but success or WrpFormatException fails the property. */
  static void decodeBoth(byte[] bytes) {
    for (Format format : Format.values()) {
      try {
        format.decode(bytes);
      } catch (WrpFormatException expected) {
        if (expected.getMessage() == null || expected.getMessage().isBlank()) {
          throw new AssertionError("WrpFormatException without a message", expected);
        }
      }
    }
  }
}
