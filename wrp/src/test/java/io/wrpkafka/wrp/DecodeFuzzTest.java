package io.wrpkafka.wrp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target: whatever the bytes, both decoders either return a message or throw
 * WrpFormatException; so does {@link MsgpackValue#length}, and what decodes as msgpack is one
 * whole value that encodes to bytes decoding to an equal message. A plain {@code mvn test} runs
 * only the seeds in {@code DecodeFuzzTestInputs}; the {@code fuzz} surefire execution (see
 * wrp/pom.xml) fuzzes for {@code fuzz.seconds}; wrp/README.md has the command for a long
 * campaign.
 */
class DecodeFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodersRaiseOnlyWrpFormatException(byte[] data) {
    FormatPropertiesTest.decodeBoth(data);
    msgpackRoundTrips(data);
  }

  private static void msgpackRoundTrips(byte[] data) {
    int length;
    try {
      length = data.length == 0 ? 0 : MsgpackValue.length(data, 0);
    } catch (WrpFormatException notOneValue) {
      return;
    }
    Message decoded;
    try {
      decoded = Format.MSGPACK.decode(data);
    } catch (WrpFormatException notAMessage) {
      return;
    }
    assertThat(length).isEqualTo(data.length);
    assertThat(Format.MSGPACK.decode(Format.MSGPACK.encode(decoded))).isEqualTo(decoded);
  }
}
