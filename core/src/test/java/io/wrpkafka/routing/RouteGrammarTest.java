package io.wrpkafka.routing;

import static io.wrpkafka.routing.MessageFactsTest.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ConfigException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteGrammarTest {

  @ParameterizedTest(name = "shardBy \"{0}\" reads as \"{1}\" ({2})")
  @CsvSource(quoteCharacter = '\'', value = {
      "roundrobin,            roundrobin,         roundrobin",
      "RoundRobin,            roundrobin,         roundrobin",
      "deviceid,              deviceid,           deviceid",
      "DEVICEID,              deviceid,           deviceid",
      "' deviceid ',          deviceid,           deviceid",
      "metadata:tenant_id,    metadata:tenant_id, metadata",
      "Metadata:Tenant,       metadata:Tenant,    metadata",
      "' METADATA:region  ',  metadata:region,    metadata",
  })
  void shardByHasOneNormalFormThatCompilesToItsStrategy(String value, String normal,
      String label) {
    assertThat(RouteGrammar.shardBy(value)).isEqualTo(normal);
    assertThat(RouteGrammar.shardBy(normal)).isEqualTo(normal);
    assertThat(ShardBy.of(normal, "", List.of("a", "b")).label()).isEqualTo(label);
    assertThat(ShardBy.of(value, "", List.of("a", "b")).label()).isEqualTo(label);
  }

  @ParameterizedTest(name = "shardBy \"{0}\" is rejected")
  @CsvSource(quoteCharacter = '\'', value = {
      "'',          'shardBy: required with topics (expected roundrobin, deviceid or metadata:<field>)'",
      "'   ',       'shardBy: required with topics (expected roundrobin, deviceid or metadata:<field>)'",
      "hash,        'shardBy: unknown strategy \"hash\" (expected roundrobin, deviceid or metadata:<field>)'",
      "metadata,    'shardBy: unknown strategy \"metadata\" (expected roundrobin, deviceid or metadata:<field>)'",
      "metadata/x,  'shardBy: unknown strategy \"metadata/x\" (expected roundrobin, deviceid or metadata:<field>)'",
      "'metadata:', 'shardBy: \"metadata:\" names no metadata field (e.g. metadata:tenant_id)'",
      "'metadata: ','shardBy: \"metadata: \" names no metadata field (e.g. metadata:tenant_id)'",
  })
  void shardByRejectsWhatItCannotReadNamingTheField(String value, String message) {
    assertThatThrownBy(() -> RouteGrammar.shardBy(value))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "partitionKey \"{0}\" reads as \"{1}\"")
  @CsvSource(quoteCharacter = '\'', value = {
      "'',                   deviceid",
      "'  ',                 deviceid",
      "deviceid,             deviceid",
      "DeviceID,             deviceid",
      "source,               source",
      "' Source ',           source",
      "none,                 none",
      "NONE,                 none",
      "metadata/tenant,      metadata/tenant",
      "Metadata/Tenant,      metadata/Tenant",
      "metadata,             metadata/hw-deviceid",
      "METADATA,             metadata/hw-deviceid",
      "metadata/,            metadata/hw-deviceid",
      "'metadata/  ',        metadata/hw-deviceid",
  })
  void partitionKeyHasOneNormalForm(String value, String normal) {
    assertThat(RouteGrammar.partitionKey(value)).isEqualTo(normal);
    assertThat(RouteGrammar.partitionKey(normal)).isEqualTo(normal);
  }

  @ParameterizedTest(name = "partitionKey \"{0}\" keys {1}")
  @CsvSource(quoteCharacter = '\'', nullValues = "null", value = {
      "'',               mac:665544332211",
      "DeviceID,         mac:665544332211",
      "source,           112233445566",
      "NONE,             null",
      "metadata,         MAC:665544332211",
      "Metadata/tenant,  acme",
  })
  void partitionKeyRawAndNormalFormsKeyAlike(String value, String expected) {
    MessageFacts facts =
        facts("mac:112233445566", "event:x", "hw-deviceid=MAC:665544332211;tenant=acme");
    assertThat(PartitionKeys.of(value).apply(facts)).isEqualTo(expected);
    assertThat(PartitionKeys.of(RouteGrammar.partitionKey(value)).apply(facts))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "partitionKey \"{0}\" is rejected")
  @CsvSource({"random", "metadata:tenant", "hw-deviceid", "sources"})
  void partitionKeyRejectsAnUnknownStrategyListingTheAcceptedOnes(String value) {
    assertThatThrownBy(() -> RouteGrammar.partitionKey(value))
        .isInstanceOf(ConfigException.class)
        .hasMessage("partitionKey: unknown strategy \"" + value
            + "\" (expected deviceid, source, metadata/<field> or none)");
  }

  @ParameterizedTest(name = "header value \"{0}\" is accepted")
  @CsvSource(quoteCharacter = '\'', value = {
      "''", "literal", "wrp", "WRP.Source", "wrp.Source", "wrp.DeviceID", "wrp.QualityOfService",
      "wrp.Header.X-Trace", "wrp.Metadata.tenant",
  })
  void headerValueAcceptsLiteralsAndKnownWrpFieldsWithoutAWarning(String value) {
    assertThat(RouteGrammar.checkHeaderValue("X-Id", 0, value)).isEmpty();
  }

  @ParameterizedTest(name = "header value \"{0}\" is a warning")
  @CsvSource({"wrp.source", "wrp.", "wrp.Header.", "'wrp.Metadata. '", "wrp.InvalidField"})
  void headerValueNamingNoWrpFieldIsAWarningNamingKeyAndIndex(String value) {
    assertThat(RouteGrammar.checkHeaderValue("X-Id", 2, value)).hasValueSatisfying(warning ->
        assertThat(warning)
            .startsWith("headers[\"X-Id\"][2]: unknown WRP field \"" + value + "\"")
            .endsWith("; the header is omitted"));
  }
}
