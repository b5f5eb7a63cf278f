package io.trestle.node.assets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.rpc.http.HttpRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The asset queries over REST (docs/assets.md): {@code GET /assets/...}; lists take {@code ?cursor=&limit=}.
 * 400 for bad input, 404 when nothing is there, JSON bodies either way.
 */
final class AssetRoute implements HttpRoute {
  static final String ROOT = "/assets";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUERY_CHARS_MAX = 2048;

  private final AssetQueries queries;

  AssetRoute(AssetQueries queries) {
    this.queries = queries;
  }

  @Override
  public boolean matches(String method, String path) {
    return method.equals("GET") && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
  }

  @Override
  public HttpAnswer handle(String method, String path, String query, byte[] body) {
    try {
      return ok(route(path.substring(ROOT.length()).split("/", -1), params(query)));
    } catch (AssetQueryException e) {
      return error(e.kind() == AssetQueryException.Kind.NOT_FOUND ? 404 : 400, e.getMessage());
    }
  }

  private JsonNode route(String[] parts, Map<String, String> q) throws AssetQueryException {
    // parts[0] is "" (the path after /assets starts with a slash)
    String cursor = q.get("cursor");
    Integer limit = limit(q.get("limit"));
    int n = parts.length;
    String head = n > 1 ? parts[1] : "";
    if (n <= 2 && head.isEmpty()) {
      return queries.assets(q.get("issuer"), cursor, limit);
    }
    switch (head) {
      case "collections" -> {
        if (n == 2) {
          return queries.assets(q.get("issuer"), cursor, limit);
        }
        if (n == 3) {
          return queries.asset(parts[2]);
        }
        if (n == 4 && parts[3].equals("tokens")) {
          return queries.collectionTokens(parts[2], cursor, limit);
        }
      }
      case "tokens" -> {
        if (n == 4) {
          return queries.token(parts[2], parts[3]);
        }
        if (n == 5 && parts[4].equals("history")) {
          return queries.history(parts[2], parts[3], false, cursor, limit);
        }
        if (n == 5 && parts[4].equals("certificate")) {
          return queries.certificate(parts[2], parts[3]);
        }
        if (n == 5 && parts[4].equals("rights-history")) {
          return queries.history(parts[2], parts[3], true, cursor, limit);
        }
      }
      case "owners" -> {
        if (n == 3) {
          return queries.owned(decode(parts[2]), cursor, limit);
        }
        if (n == 4 && parts[3].equals("tokens")) {
          return queries.holdings(decode(parts[2]), cursor, limit);
        }
      }
      case "creators" -> {
        if (n == 3) {
          return queries.created(decode(parts[2]), cursor, limit);
        }
      }
      case "fingerprints" -> {
        if (n == 3) {
          return queries.fingerprint(parts[2], cursor, limit);
        }
      }
      case "platforms" -> {
        if (n == 2) {
          return queries.platforms(cursor, limit);
        }
        if (n == 3) {
          return queries.platform(parts[2]);
        }
      }
      case "supervision" -> {
        if (n == 2) {
          return queries.supervision(cursor, limit);
        }
      }
      default -> { }
    }
    throw AssetQueryException.notFound("no such asset resource: " + String.join("/", parts));
  }

  private static Integer limit(String text) throws AssetQueryException {
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw AssetQueryException.badInput("limit must be a number, got " + text);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> params(String query) throws AssetQueryException {
    Map<String, String> out = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    if (query.length() > QUERY_CHARS_MAX) {
      throw AssetQueryException.badInput("query string longer than " + QUERY_CHARS_MAX + " characters");
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(k, v);
      } catch (IllegalArgumentException e) {
        throw AssetQueryException.badInput("query string is not URL-encoded: " + e.getMessage());
      }
    }
    return out;
  }

  private static HttpAnswer ok(JsonNode body) {
    try {
      return HttpAnswer.json(200, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpAnswer error(int status, String message) {
    try {
      return HttpAnswer.json(status, JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
