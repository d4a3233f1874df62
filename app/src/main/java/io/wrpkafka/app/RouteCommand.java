package io.wrpkafka.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wrpkafka.ConfigException;
import io.wrpkafka.PublishException;
import io.wrpkafka.config.WrpKafkaConfig;
import io.wrpkafka.routing.Destination;
import io.wrpkafka.routing.Header;
import io.wrpkafka.routing.Router;
import io.wrpkafka.wrp.Format;
import io.wrpkafka.wrp.Message;
import io.wrpkafka.wrp.WrpFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Dry-runs routing: where a WRP message would go under a configuration, without Kafka. */
@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    description = {
      "Shows where a WRP message would be published, without Kafka.",
      "%nPrints the topic, partition key, headers, shard strategy and event type of each "
          + "destination the configuration gives the message. The message is JSON (wrp-go keys, "
          + "payload in base64) or msgpack, detected from its bytes.%n"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the message is routed",
      "1:no route matches, the message is malformed, or the configuration is invalid",
      "2:bad command line"
    })
final class RouteCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "The configuration file whose routes to use.")
  Path config;

  @Option(names = "--json", description = "Print the destinations as one JSON object.")
  boolean json;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MESSAGE",
      description = "A file holding one WRP message; '-' or nothing reads standard input.")
  String message;

  InputStream stdin = System.in;
  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    WrpKafkaConfig loaded;
    try {
      loaded = WrpKafkaConfig.load(config, System.getenv());
    } catch (ConfigException e) {
      err.println("error: " + config + " is not a valid configuration:");
      err.println(e.getMessage());
      err.println("(wrpkafka validate --config " + config + " lists every problem)");
      return 1;
    }
    byte[] bytes;
    try {
      bytes = message == null || message.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(message));
    } catch (NoSuchFileException e) {
      err.println("error: message file " + message + " does not exist");
      return 1;
    } catch (IOException e) {
      err.println("error: cannot read the message: " + e.getMessage());
      return 1;
    }
    Format format = MessageText.detect(bytes);
    Message decoded;
    try {
      decoded = format.decode(bytes);
    } catch (WrpFormatException e) {
      err.println("error: the message is not valid WRP " + format.name().toLowerCase(java.util.Locale.ROOT)
          + ": " + e.getMessage());
      return 1;
    }
    List<Destination> destinations;
    try {
      destinations = new Router(loaded.dynamicConfig()).route(decoded);
    } catch (PublishException e) {
      err.println("not routed (" + e.errorType().label() + "): " + e.getMessage());
      return 1;
    }
    if (json) {
      JsonArray list = new JsonArray();
      for (Destination destination : destinations) {
        JsonArray headerList = new JsonArray();
        for (Header header : destination.headers()) {
          headerList.add(new JsonObject().put("key", header.key()).put("value", header.value()));
        }
        list.add(new JsonObject()
            .put("topic", destination.topic())
            .put("key", destination.key())
            .put("headers", headerList)
            .put("shardStrategy", destination.shardStrategy())
            .put("eventType", destination.eventType()));
      }
      out.println(new JsonObject().put("qos", decoded.qualityOfService()).put("destinations", list).encode());
      return 0;
    }
    for (int i = 0; i < destinations.size(); i++) {
      Destination destination = destinations.get(i);
      if (destinations.size() > 1) {
        out.println("destination " + (i + 1) + " of " + destinations.size() + ":");
      }
      out.println("topic:      " + destination.topic());
      out.println("key:        " + (destination.key() == null ? "(none: Kafka spreads the record)" : destination.key()));
      out.println("strategy:   " + destination.shardStrategy());
      out.println("event type: " + (destination.eventType() == null ? "(none)" : destination.eventType()));
      out.println("qos:        " + decoded.qualityOfService());
      if (destination.headers().isEmpty()) {
        out.println("headers:    (none)");
      } else {
        out.println("headers:");
        for (Header header : destination.headers()) {
          out.println("  " + header.key() + ": " + header.value());
        }
      }
    }
    return 0;
  }
}
