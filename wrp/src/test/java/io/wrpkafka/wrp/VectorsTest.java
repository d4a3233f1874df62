package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared WRP test vectors (copied under src/test/resources/vectors) decode as listed. */
class VectorsTest {

  static final String[] NAMES = {"talaria-online-v3", "telemetry-qos30", "create-qos99"};
  private static final ObjectMapper JSON = new ObjectMapper();

  static byte[] resource(String name) {
    try (InputStream in = VectorsTest.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /vectors/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the message an expected.json lists, reading the JSON with databind, not our codec. */
  static Message expected(String name) {
    try {
      JsonNode n = JSON.readTree(resource(name + ".expected.json"));
      Message.Builder b = Message.builder().type(MessageType.fromCode(n.get("msg_type").asLong()));
      text(n, "source").ifPresent(b::source);
      text(n, "dest").ifPresent(b::destination);
      text(n, "transaction_uuid").ifPresent(b::transactionUuid);
      text(n, "content_type").ifPresent(b::contentType);
      text(n, "accept").ifPresent(b::accept);
      text(n, "path").ifPresent(b::path);
      text(n, "service_name").ifPresent(b::serviceName);
      text(n, "url").ifPresent(b::url);
      text(n, "session_id").ifPresent(b::sessionId);
      if (n.has("status")) {
        b.status(n.get("status").asLong());
      }
      if (n.has("rdr")) {
        b.requestDeliveryResponse(n.get("rdr").asLong());
      }
      if (n.has("qos")) {
        b.qualityOfService(n.get("qos").asInt());
      }
      b.headers(list(n.get("headers")));
      b.partnerIds(list(n.get("partner_ids")));
      Map<String, String> metadata = new LinkedHashMap<>();
      if (n.has("metadata")) {
        for (Map.Entry<String, JsonNode> e : n.get("metadata").properties()) {
          metadata.put(e.getKey(), e.getValue().asText());
        }
      }
      b.metadata(metadata);
      List<List<String>> spans = new ArrayList<>();
      if (n.has("spans")) {
        n.get("spans").forEach(span -> spans.add(list(span)));
      }
      b.spans(spans);
      text(n, "payload_base64").ifPresent(p -> b.payload(Base64.getDecoder().decode(p)));
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.Optional<String> text(JsonNode n, String field) {
    return n.has(field) ? java.util.Optional.of(n.get(field).asText()) : java.util.Optional.empty();
  }

  private static List<String> list(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"talaria-online-v3", "telemetry-qos30", "create-qos99"})
  void vectorDecodesToTheListedFields(String name) {
    Message decoded = Format.MSGPACK.decode(resource(name + ".msgpack"));

    assertThat(decoded).isEqualTo(expected(name));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"talaria-online-v3", "telemetry-qos30"})
  void vectorMetadataKeepsWireOrder(String name) {
    Message decoded = Format.MSGPACK.decode(resource(name + ".msgpack"));

    assertThat(decoded.metadata().keySet())
        .containsExactlyElementsOf(expected(name).metadata().keySet());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"talaria-online-v3", "telemetry-qos30", "create-qos99"})
  void vectorSurvivesReencodingInBothFormats(String name) {
    Message decoded = Format.MSGPACK.decode(resource(name + ".msgpack"));

    assertThat(Format.MSGPACK.decode(Format.MSGPACK.encode(decoded))).isEqualTo(decoded);
    assertThat(Format.JSON.decode(Format.JSON.encode(decoded))).isEqualTo(decoded);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"talaria-online-v3", "telemetry-qos30", "create-qos99"})
  void everyTruncationOfAVectorIsRejected(String name) {
    byte[] whole = resource(name + ".msgpack");
    for (int length = 0; length < whole.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> Format.MSGPACK.decode(prefix))
          .as("prefix of %d bytes", length)
          .isInstanceOf(WrpFormatException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"talaria-online-v3.msgpack", "talaria-online-v3.expected.json",
      "telemetry-qos30.msgpack", "telemetry-qos30.expected.json", "create-qos99.msgpack",
      "create-qos99.expected.json"})
  void copiedVectorMatchesTheSharedOriginalWhenPresent(String file) throws IOException {
    Path shared = Path.of("..", "..", "shared", "testdata", file);
    assumeTrue(Files.exists(shared), "shared test data not beside the repository");

    assertThat(resource(file)).isEqualTo(Files.readAllBytes(shared));
  }
}
