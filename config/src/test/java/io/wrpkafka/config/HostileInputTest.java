package io.wrpkafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wrpkafka.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mangled files yield problems, never another exception, a hang or a stack overflow. */
class HostileInputTest {
  private static final String NOISE = ":{}[]-*&!|>'\"\t\n #,?%@`$\\~0123456789aZ.";
  private static final Map<String, String> ENV = Map.of("KAFKA_BROKER_1", "k:1", "HOSTNAME", "h");

  @Test
  void mutatedExamplesOnlyEverYieldProblems() throws IOException {
    Random random = new Random(20_261_123L);
    List<String> sources = List.of(read("seed.yaml"), read("talaria.yaml"), read("minimal.yaml"));
    for (int round = 0; round < 300; round++) {
      String yaml = mutate(sources.get(round % sources.size()), random);
      assertThatCode(() -> WrpKafkaConfig.validate(yaml, "fuzz.yaml", ENV))
          .as("round %d:%n%s", round, yaml).doesNotThrowAnyException();
      assertThatCode(() -> WrpKafkaConfig.validateDynamic(yaml, "fuzz.yaml"))
          .as("round %d:%n%s", round, yaml).doesNotThrowAnyException();
      try {
        WrpKafkaConfig.parse(yaml, "fuzz.yaml", ENV);
      } catch (ConfigException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void everyValueOfTheExamplesReplacedByOddShapesOnlyEverYieldsProblems() throws IOException {
    List<String> shapes = List.of("~", "[]", "{}", "\"\"", "[~]", "{a: b}", "\"${MISSING}\"",
        "[[x]]", "-1", "99999999999999999999");
    for (String name : List.of("seed.yaml", "talaria.yaml", "minimal.yaml")) {
      String[] lines = read(name).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        int colon = lines[i].indexOf(": ");
        if (colon < 0 || lines[i].strip().startsWith("#")) {
          continue;
        }
        for (String shape : shapes) {
          String[] copy = lines.clone();
          copy[i] = lines[i].substring(0, colon + 2) + shape;
          String yaml = String.join("\n", copy);
          assertThatCode(() -> {
            WrpKafkaConfig.validate(yaml, name, ENV);
            try {
              WrpKafkaConfig.parse(yaml, name, ENV);
            } catch (ConfigException expected) {
              assertThat(expected.getMessage()).isNotBlank();
            }
          }).as("%s line %d as %s", name, i + 1, shape).doesNotThrowAnyException();
        }
      }
    }
  }

  @Test
  void deeplyNestedDocumentIsAProblemNotAStackOverflow() {
    String yaml = "kafka: " + "[".repeat(5_000) + "]".repeat(5_000);
    assertThat(WrpKafkaConfig.validate(yaml, "deep.yaml", Map.of())).isNotEmpty();
  }

  @Test
  void aliasBombIsRejected() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    yaml.append("kafka: *a11\n");
    assertThat(WrpKafkaConfig.validate(yaml.toString(), "bomb.yaml", Map.of())).isNotEmpty();
  }

  @Test
  void aliasesCannotMultiplyIntoMillionsOfValues() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x]\n");
    for (int i = 1; i <= 15; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
          .append(", *a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    assertThat(WrpKafkaConfig.validate(yaml.toString(), "bomb.yaml", Map.of()))
        .extracting(ConfigProblem::message).contains("more than 100000 values (aliases included)");
  }

  private static String read(String name) throws IOException {
    return Files.readString(Path.of("..", "examples", name));
  }

  private static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && s.length() > 0; i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(4)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        case 2 -> s.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
        default -> {
          int end = Math.min(s.length(), at + random.nextInt(40));
          s.delete(at, end);
        }
      }
    }
    return s.toString();
  }
}
