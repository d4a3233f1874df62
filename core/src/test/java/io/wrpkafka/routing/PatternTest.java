package io.wrpkafka.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrpkafka.ConfigException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatternTest {

  @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', emptyValue = "''", value = {
      // catch-all
      "*                  | device-status         | true",
      "*                  | ''                    | true",
      // exact
      "device-status      | device-status         | true",
      "device-status      | device-online         | false",
      "device-status      | DEVICE-STATUS         | false",
      "device-status      | device-status-x       | false",
      // prefix; the star may match nothing
      "device-*           | device-status         | true",
      "device-*           | sensor-status         | false",
      "device-*           | device-               | true",
      "device-*           | device                | false",
      "device-*           | ''                    | false",
      // suffix
      "*-online           | device-online         | true",
      "*-online           | device-offline        | false",
      "*-online           | -online               | true",
      "*-online           | online                | false",
      "*-online           | ''                    | false",
      // infix; prefix and suffix do not overlap
      "device-*-online    | device-status-online  | true",
      "device-*-online    | device--online        | true",
      "device-*-online    | sensor-status-online  | false",
      "device-*-online    | device-status-offline | false",
      "device-*-online    | device-online         | false",
      "a*a                | a                     | false",
      "a*a                | aa                    | true",
      // escapes: \\* is a literal star, \\\\ a literal backslash
      "star\\*rating      | star*rating           | true",
      "star\\*rating      | starXrating           | false",
      "star\\*            | star*                 | true",
      "star\\*            | star                  | false",
      "foo\\*-bar-*       | foo*-bar-baz          | true",
      "foo\\*-bar-*       | fooX-bar-baz          | false",
      "foo\\\\\\*bar      | foo\\*bar             | true",
      "foo\\\\\\*\\*\\\\bar | foo\\**\\bar        | true",
      "f\\\\o*o\\\\\\*\\*\\\\bar | f\\oXo\\**\\bar  | true",
      "f\\\\o*o\\\\\\*\\*\\\\bar | f\\o\\**\\bar   | false",
      "a\\\\*             | a\\b                  | true",
      "a\\\\*             | ab                    | false",
      "a\\b               | a\\b                  | true",
      "\\*                | *                     | true",
      "\\*                | x                     | false",
      "\\*                | ''                    | false",
  })
  void caseSensitivePatternMatchesExactlyTheDocumentedEventTypes(
      String pattern, String eventType, boolean expected) {
    assertThat(Pattern.compile(pattern, false).matches(eventType)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" ignoring case matches \"{1}\": {2}")
  @CsvSource(delimiter = '|', value = {
      "device-status   | DEVICE-STATUS        | true",
      "Device-Status   | device-status        | true",
      "Device-*        | DEVICE-STATUS        | true",
      "*-online        | DEVICE-ONLINE        | true",
      "device-*-online | DEVICE-STATUS-ONLINE | true",
      "device-*-online | DEVICE-STATUS-OFFLINE| false",
      "device-status   | device-statuS-x      | false",
      "Device-*        | DEVICE-              | true",
      "Device-*        | DEVICE               | false",
      "Device-*        | SENSOR-STATUS        | false",
      "*-online        | -ONLINE              | true",
      "*-online        | ONLINE               | false",
      "*-online        | DEVICE-OFFLINE       | false",
      "device-*-online | DEVICE-ONLINE        | false",
  })
  void caseInsensitivePatternIgnoresCase(String pattern, String eventType, boolean expected) {
    assertThat(Pattern.compile(pattern, true).matches(eventType)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(strings = {"foo-*-bar-*", "foo-*--*-bar", "**", "*a*", "\\\\**"})
  void patternWithTwoUnescapedStarsIsRejected(String pattern) {
    assertThatThrownBy(() -> Pattern.compile(pattern, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pattern: \"" + pattern + "\"")
        .hasMessageContaining("more than one unescaped *");
  }

  @Test
  void emptyPatternIsRejected() {
    assertThatThrownBy(() -> Pattern.compile("", false))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pattern: must not be empty");
  }

  @Test
  void patternsWithTheSameSourceAndCaseFlagAreEqual() {
    assertThat(Pattern.compile("device-*", true))
        .isEqualTo(Pattern.compile("device-*", true))
        .hasSameHashCodeAs(Pattern.compile("device-*", true))
        .isNotEqualTo(Pattern.compile("device-*", false))
        .isNotEqualTo(Pattern.compile("device-\\*", true));
  }

  @Test
  void patternPrintsAsItsSource() {
    assertThat(Pattern.compile("star\\*-*", false)).hasToString("star\\*-*");
  }

  @ParameterizedTest(name = "\"{0}\" is the catch-all: {1}")
  @CsvSource({"*, true", "\\*, false", "a*, false", "*a, false"})
  void onlyTheLoneStarMatchesEverything(String pattern, boolean expected) {
    assertThat(Pattern.compile(pattern, false).matchesEverything()).isEqualTo(expected);
  }

  /** The documented syntax as a regular expression, or null when it has two stars. */
  private static java.util.regex.Pattern oracle(String pattern, boolean caseInsensitive) {
    StringBuilder regex = new StringBuilder("^");
    int stars = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      boolean escape = c == '\\' && i + 1 < pattern.length()
          && "*\\".indexOf(pattern.charAt(i + 1)) >= 0;
      if (escape) {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        stars++;
        regex.append(".*");
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return stars > 1 ? null : java.util.regex.Pattern.compile(regex.append('$').toString(),
        caseInsensitive ? java.util.regex.Pattern.CASE_INSENSITIVE : 0);
  }

  private static String random(Random random, String alphabet, int maxLength) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @Test
  void patternAgreesWithARegularExpressionOfTheSyntaxOnRandomInputs() {
    Random random = new Random(20_240_611L);
    int compared = 0;
    while (compared < 20_000) {
      String source = random(random, "ab-*\\A", 6);
      boolean caseInsensitive = random.nextBoolean();
      java.util.regex.Pattern expected = source.isEmpty() ? null : oracle(source, caseInsensitive);
      if (expected == null) {
        assertThatThrownBy(() -> Pattern.compile(source, caseInsensitive))
            .isInstanceOf(ConfigException.class);
        continue;
      }
      Pattern pattern = Pattern.compile(source, caseInsensitive);
      for (int i = 0; i < 20; i++) {
        String eventType = random(random, "ab-*\\AB", 7);
        assertThat(pattern.matches(eventType))
            .as("\"%s\" (ignore case %s) matches \"%s\"", source, caseInsensitive, eventType)
            .isEqualTo(expected.matcher(eventType).matches());
        compared++;
      }
    }
  }
}
