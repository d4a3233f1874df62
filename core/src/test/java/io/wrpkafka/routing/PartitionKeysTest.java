package io.wrpkafka.routing;

import static io.wrpkafka.routing.MessageFactsTest.facts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionKeysTest {

  @ParameterizedTest(name = "{0}: {5}")
  @CsvSource(quoteCharacter = '\'', nullValues = "null", value = {
      "deviceid,           mac:112233445566, event:x, hw-deviceid=MAC:665544332211, mac:665544332211,  'device id from metadata first'",
      "deviceid,           mac:112233445566, event:x, '',                          mac:112233445566,  'then the source'",
      "deviceid,           dns:talaria,      event:x/serial:S1/y, '',              serial:S1,         'then the event destination device'",
      "deviceid,           dns:talaria,      event:x, '',                          null,              'else no key'",
      "source,             mac:112233445566, event:x, hw-deviceid=mac:665544332211, 112233445566,     'id part of the source'",
      "source,             dns:talaria.svc,  event:x, '',                          talaria.svc,       'id part of a service source'",
      "source,             garbage,          event:x, '',                          null,              'unparseable source gives no key'",
      "metadata/tenant,    mac:112233445566, event:x, tenant=acme,                 acme,              'metadata value as is'",
      "metadata/tenant,    mac:112233445566, event:x, /tenant=acme,                acme,              'slashed metadata key'",
      "metadata/tenant,    mac:112233445566, event:x, tenant=;/tenant=beta,        beta,              'empty value counts as absent'",
      "metadata/tenant,    mac:112233445566, event:x, '',                          null,              'missing metadata gives no key'",
      "metadata/hw-deviceid, mac:112233445566, event:x, hw-deviceid=MAC:665544332211, MAC:665544332211, 'raw metadata, not canonicalised'",
      "none,               mac:112233445566, event:x, hw-deviceid=mac:665544332211, null,             'none never keys'",
  })
  void partitionKeyFollowsTheRouteStrategy(String strategy, String source, String destination,
      String metadata, String expected, String name) {
    assertThat(PartitionKeys.of(strategy).apply(facts(source, destination, metadata)))
        .isEqualTo(expected);
  }
}
