package io.wrpkafka.config;

import java.util.Map;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scalar with environment values;
 * {@code $${} writes a literal {@code ${}. As in a POSIX shell, the default applies when the
 * variable is unset or empty. Messages name the variable, never its value or the scalar's text.
 */
final class EnvironmentSubstitution {
  /** The outcome: the substituted text, or the problem (text null). */
  record Result(String text, boolean substituted, String problem) {}

  private final Map<String, String> environment;

  EnvironmentSubstitution(Map<String, String> environment) {
    this.environment = environment;
  }

  Result apply(String value) {
    if (value.indexOf('$') < 0) {
      return new Result(value, false, null);
    }
    StringBuilder out = new StringBuilder(value.length());
    boolean substituted = false;
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '$' && value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && value.startsWith("${", i)) {
        int close = value.indexOf('}', i + 2);
        if (close < 0) {
          return new Result(null, false, "unterminated ${ at character " + (i + 1)
              + " (write ${NAME} or ${NAME:-default}; $${ for a literal ${)");
        }
        String inside = value.substring(i + 2, close);
        int sep = inside.indexOf(":-");
        String name = sep < 0 ? inside : inside.substring(0, sep);
        if (!isName(name)) {
          return new Result(null, false, "invalid environment variable name " + Quoted.of(name)
              + " in ${…} (letters, digits and _, not starting with a digit)");
        }
        String found = environment.get(name);
        if (found == null || (sep >= 0 && found.isEmpty())) {
          if (sep < 0) {
            return new Result(null, false, "environment variable " + name
                + " is not set (set it, or give a default: ${" + name + ":-value})");
          }
          found = inside.substring(sep + 2);
        }
        out.append(found);
        substituted = true;
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return new Result(out.toString(), substituted, null);
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
