package io.wrpkafka.wrp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target: whatever the bytes, both decoders either return a message or throw
 * WrpFormatException. A plain {@code mvn test} runs only the seeds in {@code
 * DecodeFuzzTestInputs}; the {@code fuzz} surefire execution (see wrp/pom.xml) fuzzes for {@code
 * fuzz.seconds}; wrp/README.md has the command for a long campaign.
 */
class DecodeFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodersRaiseOnlyWrpFormatException(byte[] data) {
    FormatPropertiesTest.decodeBoth(data);
  }
}
