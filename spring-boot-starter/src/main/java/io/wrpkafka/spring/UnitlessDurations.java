package io.wrpkafka.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/*
 * Spring reads a duration without a unit ("30") as milliseconds. The wrpkafka file rejects it:
 * people mean seconds as often as milliseconds, and a silent guess is worse than an error. The
 * bound Duration no longer shows how it was written, so the raw values are read from the
 * property sources, as the binder saw them. "0" is zero in any unit and stays allowed.
 */
final class UnitlessDurations {
  static final List<String> PROPERTIES = List.of("retry-backoff", "retry-backoff-max",
      "request-timeout", "record-delivery-timeout", "cleanup-timeout", "start-timeout", "circuit-breaker.open-after",
      "circuit-breaker.probe-interval", "spool.fsync-interval", "linger");
  private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?\\d+\\s*");

  private UnitlessDurations() {}

  /** One problem ({@code name: message}) per duration property written without a unit. */
  static List<String> problems(Environment environment) {
    List<String> problems = new ArrayList<>();
    for (String property : PROPERTIES) {
      ConfigurationPropertyName name =
          ConfigurationPropertyName.of(WrpKafkaProperties.PREFIX + "." + property);
      for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
        ConfigurationProperty value = source.getConfigurationProperty(name);
        if (value == null) {
          continue;
        }
        String text = String.valueOf(value.getValue());
        if (BARE_NUMBER.matcher(text).matches() && Long.parseLong(text.strip()) != 0) {
          problems.add(name + ": duration \"" + text.strip() + "\" has no unit (write "
              + text.strip() + "s or " + text.strip() + "ms; units: ns, us, ms, s, m, h, d, or"
              + " ISO-8601 such as PT30S)");
        }
        break; // the first source holding the property is the one that binds
      }
    }
    return problems;
  }
}
