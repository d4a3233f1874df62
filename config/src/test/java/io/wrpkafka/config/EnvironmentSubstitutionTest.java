package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentSubstitutionTest {
  private static final Map<String, String> ENV =
      Map.of("HOST", "kafka", "PORT", "9092", "EMPTY", "", "_X1", "x");
  private final EnvironmentSubstitution substitution = new EnvironmentSubstitution(ENV);

  @ParameterizedTest(name = "\"{0}\" becomes \"{1}\"")
  @CsvSource(delimiter = ';', quoteCharacter = '\'', value = {
      "plain;                         plain",
      "${HOST};                       kafka",
      "${HOST}:${PORT};               kafka:9092",
      "${MISSING:-fallback};          fallback",
      "${HOST:-fallback};             kafka",
      "${EMPTY:-fallback};            fallback",
      "${EMPTY};                      ''",
      "${MISSING:-};                  ''",
      "${MISSING:-a:-b};              a:-b",
      "$${HOST};                      ${HOST}",
      "$$${HOST};                     $${HOST}",
      "cost $5;                       cost $5",
      "$;                             $",
      "${_X1};                        x",
  })
  void substitutesVariablesAndDefaults(String text, String expected) {
    EnvironmentSubstitution.Result result = substitution.apply(text);
    assertThat(result.problem()).isNull();
    assertThat(result.text()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" fails: {1}")
  @CsvSource(delimiter = ';', quoteCharacter = '\'', value = {
      "${MISSING};           'environment variable MISSING is not set (set it, or give a default: ${MISSING:-value})'",
      "x${HOST;              'unterminated ${ at character 2'",
      "${};                  'invalid environment variable name \"\"'",
      "${1X};                'invalid environment variable name \"1X\"'",
      "${A-B};               'invalid environment variable name \"A-B\"'",
      "${HOST:default};      'invalid environment variable name \"HOST:default\"'",
  })
  void reportsProblemsByVariableNameOrPosition(String text, String message) {
    EnvironmentSubstitution.Result result = substitution.apply(text);
    assertThat(result.text()).isNull();
    assertThat(result.problem()).startsWith(message);
  }

  @ParameterizedTest(name = "\"{0}\" substituted: {1}")
  @CsvSource(delimiter = ';', value = {"plain; false", "${HOST}; true", "$${HOST}; false"})
  void tellsWhetherAVariableWasUsed(String text, boolean substituted) {
    assertThat(substitution.apply(text).substituted()).isEqualTo(substituted);
  }
}
