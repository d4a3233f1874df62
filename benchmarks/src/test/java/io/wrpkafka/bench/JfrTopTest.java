package io.wrpkafka.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JfrTopTest {
  static Stream<Arguments> stacks() {
    return Stream.of(
        Arguments.of("a JDK method called by the router counts for the router",
            List.of("java.util.HashMap", "io.vertx.ext.web.impl.RouterImpl", "io.netty.channel.X"),
            "vert.x web"),
        Arguments.of("the bridge before the publisher it calls",
            List.of("io.wrpkafka.app.bridge.Ingest", "io.wrpkafka.Publisher"), "bridge (app)"),
        Arguments.of("the codec, not the publisher package it shares a prefix with",
            List.of("io.wrpkafka.wrp.MsgpackWriter", "io.wrpkafka.Publisher"), "wrp codec"),
        Arguments.of("a stack of JDK frames alone", List.of("sun.nio.ch.EPoll", "java.lang.Thread"),
            "jdk"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void aSampleCountsForTheDeepestFrameOfAKnownLibrary(String name, List<String> classes,
      String area) {
    assertThat(JfrTop.area(classes)).isEqualTo(area);
  }
}
