package io.wrpkafka.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/*
 * snakeyaml-engine's Compose gives a node graph with marks but no types; we convert it to our own
 * YamlNode tree so that every later step (typing, environment overrides, locating builder errors)
 * keeps line and column. Scalars stay text: the schema, not YAML's resolver, decides that "1" is
 * an int for maxRetries and a string for acks. Substitution runs on scalar values (not keys)
 * before any typing. Duplicate keys, non-scalar keys and absurd nesting are reported here.
 * Parser messages are rebuilt from the problem text and mark only: snakeyaml's snippet would
 * print the source line, which may hold a password.
 */
final class YamlTree {
  private static final int MAX_DEPTH = 64;
  // Aliases share nodes; expanding them must not turn a small file into millions of values.
  private static final int MAX_VALUES = 100_000;
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

  private final String source;
  private final EnvironmentSubstitution substitution;
  private final Problems problems;
  private int values;

  private YamlTree(String source, Map<String, String> environment, Problems problems) {
    this.source = source;
    this.substitution = environment == null ? null : new EnvironmentSubstitution(environment);
    this.problems = problems;
  }

  /**
   * Parses {@code text}; substitutes {@code ${…}} from {@code environment} unless it is null.
   * Returns empty for an empty document or a syntax error (reported).
   */
  static Optional<YamlNode> parse(String text, String source, Map<String, String> environment,
      Problems problems) {
    LoadSettings settings = LoadSettings.builder().setLabel(source).build();
    Optional<Node> root;
    try {
      if (!shallow(text, source, settings, problems)) {
        return Optional.empty();
      }
      root = new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Origin at = e.getProblemMark().or(e::getContextMark)
          .map(m -> origin(source, m)).orElse(new Origin(source, 0, 0));
      String problem = e.getProblem() == null ? "" : e.getProblem();
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      problems.add(at, "", "invalid YAML: " + context + printable(problem)
          + flowHint(text, mark, context) + aliasHint(text, mark, context + problem));
      return Optional.empty();
    } catch (YamlEngineException e) {
      problems.add(new Origin(source, 0, 0), "", "invalid YAML: " + e.getMessage());
      return Optional.empty();
    }
    YamlTree tree = new YamlTree(source, environment, problems);
    return root.map(n -> tree.convert(n, "", 0));
  }

  private YamlNode convert(Node node, String path, int depth) {
    Origin origin = node.getStartMark().map(m -> origin(source, m))
        .orElse(new Origin(source, 0, 0));
    if (depth > MAX_DEPTH) {
      problems.add(origin, path, "nested more than " + MAX_DEPTH + " levels deep");
      return new YamlNode.Invalid(origin);
    }
    if (++values > MAX_VALUES) {
      if (values == MAX_VALUES + 1) {
        problems.add(origin, path, "more than " + MAX_VALUES + " values (aliases included)");
      }
      return new YamlNode.Invalid(origin);
    }
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar, path, origin);
    }
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, path + "[" + items.size() + "]", depth + 1));
      }
      return new YamlNode.Sequence(items, origin);
    }
    if (node instanceof MappingNode mapping) {
      List<YamlNode.Entry> entries = new ArrayList<>();
      Map<String, Origin> seen = new HashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        Origin keyOrigin = keyNode.getStartMark().map(m -> origin(source, m)).orElse(origin);
        if (!(keyNode instanceof ScalarNode keyScalar)) {
          problems.add(keyOrigin, path, "keys must be plain text, found a "
              + (keyNode instanceof MappingNode ? "mapping" : "list") + " as a key");
          continue;
        }
        String key = keyScalar.getValue();
        String childPath = Problems.join(path, key);
        Origin first = seen.putIfAbsent(key, keyOrigin);
        if (first != null) {
          problems.add(keyOrigin, childPath, "duplicate key (first given at line "
              + first.line() + ")");
          continue;
        }
        entries.add(new YamlNode.Entry(key, keyOrigin,
            convert(tuple.getValueNode(), childPath, depth + 1)));
      }
      return new YamlNode.Mapping(entries, origin);
    }
    problems.add(origin, path, "unsupported YAML node " + node.getNodeType());
    return new YamlNode.Invalid(origin);
  }

  private YamlNode scalar(ScalarNode scalar, String path, Origin origin) {
    String value = scalar.getValue();
    if (scalar.isPlain() && NULLS.contains(value)) {
      return new YamlNode.Scalar("", true, origin);
    }
    if (substitution == null) {
      return new YamlNode.Scalar(value, false, origin);
    }
    EnvironmentSubstitution.Result result = substitution.apply(value);
    if (result.problem() != null) {
      problems.add(origin, path, result.problem());
      return new YamlNode.Invalid(origin);
    }
    boolean empty = result.substituted() && result.text().isEmpty();
    return new YamlNode.Scalar(result.text(), empty, origin);
  }

  /*
   * snakeyaml's composer recurses once per nesting level, so a deeply nested document would
   * overflow the stack; its parser does not. Check the depth on the event stream first.
   */
  private static boolean shallow(String text, String source, LoadSettings settings,
      Problems problems) {
    int depth = 0;
    for (Event event : new Parse(settings).parseString(text)) {
      Event.ID id = event.getEventId();
      if (id == Event.ID.MappingStart || id == Event.ID.SequenceStart) {
        if (++depth > MAX_DEPTH) {
          Origin at = event.getStartMark().map(m -> origin(source, m))
              .orElse(new Origin(source, 0, 0));
          problems.add(at, "", "nested more than " + MAX_DEPTH + " levels deep");
          return false;
        }
      } else if (id == Event.ID.MappingEnd || id == Event.ID.SequenceEnd) {
        depth--;
      }
    }
    return true;
  }

  // "{password: ${PW}}" is a syntax error: flow style reserves { and }. Say so.
  private static String flowHint(String text, Optional<Mark> mark, String context) {
    if (mark.isEmpty() || !context.contains("flow")) {
      return "";
    }
    String[] lines = text.split("\n", -1);
    int line = mark.get().getLine();
    boolean substitution = (line < lines.length && lines[line].contains("${"))
        || (line > 0 && lines[line - 1].contains("${"));
    return substitution ? " (inside {…} or […], quote a value with ${…}: \"${NAME}\")" : "";
  }

  // "pattern: *" reads * as the start of an alias (&anchor / *alias): say to quote the value.
  private static final Pattern STAR_VALUE =
      Pattern.compile("([A-Za-z0-9_.-]+)\\s*:\\s+(\\*[^\\s,}\\]]*)");

  private static String aliasHint(String text, Optional<Mark> mark, String problem) {
    if (mark.isEmpty() || !problem.contains("alias")) {
      return "";
    }
    String[] lines = text.split("\n", -1);
    int line = mark.get().getLine();
    if (line >= lines.length) {
      return "";
    }
    Matcher m = STAR_VALUE.matcher(lines[line]);
    if (!m.find()) {
      return "";
    }
    return " (a value starting with * must be quoted, e.g. " + m.group(1) + ": \""
        + m.group(2) + "\")";
  }

  // snakeyaml names the unexpected character raw, a line break included: keep messages on a line.
  private static String printable(String problem) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < problem.length(); i++) {
      char c = problem.charAt(i);
      if (!Character.isISOControl(c)) {
        s.append(c);
      }
    }
    return s.toString().strip().replaceAll(" {2,}", " ");
  }

  private static Origin origin(String source, Mark mark) {
    return new Origin(source, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
