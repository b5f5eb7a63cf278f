package io.trestle.node.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.rpc.http.HttpRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The HTTP(S) binding of DID resolution (DID Resolution §12.1) on the RPC port: {@code GET /1.0/identifiers/{did}}
 * with options as query parameters, and {@code POST} with options as a JSON body. The Accept header picks the
 * representation.
 */
final class DidResolverRoute implements HttpRoute {
  static final String PREFIX = "/1.0/identifiers/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OPTIONS_BYTES_MAX = 4096;
  private final DidResolver resolver;

  DidResolverRoute(DidResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public boolean matches(String method, String path) {
    return (method.equals("GET") || method.equals("POST")) && path.startsWith(PREFIX);
  }

  @Override
  public HttpAnswer handle(String method, String path, String query, byte[] body) {
    return handle(method, path, query, body, Map.of());
  }

  @Override
  public HttpAnswer handle(String method, String path, String query, byte[] body, Map<String, String> headers) {
    Map<String, String> options = new HashMap<>();
    DidResolver.Answer a;
    try {
      options.putAll(queryOptions(query));
      if (method.equals("POST") && body.length > 0) {
        options.putAll(bodyOptions(body));
      }
      a = resolver.answer(path.substring(PREFIX.length()), options, headers.get("accept"), false);
    } catch (IllegalArgumentException e) {
      a = DidResolver.invalidOptions(e.getMessage());
    }
    try {
      return new HttpAnswer(a.status(), a.contentType(), JSON.writeValueAsBytes(a.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("resolution result does not serialise", e);
    }
  }

  static Map<String, String> queryOptions(String query) {
    Map<String, String> out = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (out.put(name, value) != null) {
        throw new IllegalArgumentException("option " + name + " appears twice");
      }
    }
    return out;
  }

  private static Map<String, String> bodyOptions(byte[] body) {
    if (body.length > OPTIONS_BYTES_MAX) {
      throw new IllegalArgumentException("options body exceeds " + OPTIONS_BYTES_MAX + " bytes");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("options body is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("options body must be a JSON object");
    }
    Map<String, String> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return out;
  }
}
