package io.trestle.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks JSON-RPC results against the result schemas of execution-apis' openrpc.json (schemas there are inlined).
 * Supports the JSON-Schema subset the file uses: type, pattern, minimum, properties, required, additionalProperties
 * (false or a schema), items, oneOf, anyOf, allOf, enum.
 */
final class OpenRpc {
  private final Map<String, JsonNode> results = new HashMap<>();
  private final Map<String, Pattern> patterns = new HashMap<>();

  static OpenRpc load() throws IOException {
    String dir = System.getProperty("trestle.conformance.dir", "../../shared/conformance");
    JsonNode root = new ObjectMapper().readTree(Path.of(dir, "execution-apis", "openrpc.json").toFile());
    OpenRpc o = new OpenRpc();
    for (JsonNode m : root.get("methods")) {
      o.results.put(m.get("name").asText(), m.path("result").path("schema"));
    }
    return o;
  }

  /** Every method name the specification defines. */
  java.util.Set<String> methods() {
    return new java.util.TreeSet<>(results.keySet());
  }

  boolean knows(String method) {
    return results.containsKey(method);
  }

  /**
   * The violations of {@code value} against alternative {@code index} of the result schema's anyOf: where one
   * alternative accepts anything (debug_traceTransaction's named-tracer result), conforming to the whole schema
   * proves nothing, so a result that must have a defined shape is checked against its own alternative.
   */
  List<String> checkAlternative(String method, int index, JsonNode value) {
    JsonNode alternatives = results.containsKey(method) ? results.get(method).path("anyOf") : null;
    if (alternatives == null || alternatives.size() <= index) {
      return List.of("openrpc.json has no anyOf alternative " + index + " for " + method);
    }
    List<String> errors = new ArrayList<>();
    validate(alternatives.get(index), value, "$", errors);
    return errors;
  }

  /** The violations of {@code value} against the method's result schema; empty when it conforms. */
  List<String> check(String method, JsonNode value) {
    JsonNode schema = results.get(method);
    if (schema == null) {
      return List.of("openrpc.json has no method " + method);
    }
    List<String> errors = new ArrayList<>();
    validate(schema, value, "$", errors);
    return errors;
  }

  private void validate(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (schema == null || schema.isMissingNode() || schema.isEmpty()) {
      return;
    }
    if (schema.has("type") && !typeMatches(schema.get("type").asText(), value)) {
      errors.add(path + ": expected " + schema.get("type").asText() + ", got " + value);
      return;
    }
    if (schema.has("pattern") && value.isTextual()) {
      Pattern p = patterns.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile);
      if (!p.matcher(value.asText()).find()) {
        errors.add(path + ": '" + value.asText() + "' does not match " + p.pattern());
      }
    }
    if (schema.has("minimum") && value.isNumber() && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
      errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      if (!found) {
        errors.add(path + ": " + value + " not in " + schema.get("enum"));
      }
    }
    if (value.isObject()) {
      JsonNode props = schema.path("properties");
      for (JsonNode r : schema.path("required")) {
        if (!value.has(r.asText())) {
          errors.add(path + ": missing required field " + r.asText());
        }
      }
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        if (props.has(f.getKey())) {
          validate(props.get(f.getKey()), f.getValue(), path + "." + f.getKey(), errors);
        } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
          errors.add(path + ": field " + f.getKey() + " is not allowed");
        } else if (schema.path("additionalProperties").isObject()) {
          validate(schema.get("additionalProperties"), f.getValue(), path + "." + f.getKey(), errors);
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
      }
    }
    if (schema.has("allOf")) {
      for (JsonNode s : schema.get("allOf")) {
        validate(s, value, path, errors);
      }
    }
    if (schema.has("anyOf") || schema.has("oneOf")) {
      JsonNode options = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
      int matches = 0;
      List<String> firstErrors = null;
      for (JsonNode s : options) {
        List<String> e = new ArrayList<>();
        validate(s, value, path, e);
        if (e.isEmpty()) {
          matches++;
        } else if (firstErrors == null || typeMismatchOnly(firstErrors) || (!typeMismatchOnly(e) && e.size() < firstErrors.size())) {
          firstErrors = e;
        }
      }
      if (matches == 0) {
        errors.add(path + ": matches none of the alternatives; closest: " + firstErrors);
      }
    }
  }

  private static boolean typeMismatchOnly(List<String> errors) {
    return errors.size() == 1 && errors.get(0).contains(": expected ");
  }

  private static boolean typeMatches(String type, JsonNode v) {
    return switch (type) {
      case "string" -> v.isTextual();
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      case "number" -> v.isNumber();
      case "integer" -> v.isIntegralNumber();
      default -> true;
    };
  }
}
