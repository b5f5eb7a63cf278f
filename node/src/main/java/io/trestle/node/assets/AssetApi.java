package io.trestle.node.assets;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;

/**
 * The asset queries as JSON-RPC methods ({@code trestle_getAsset...}, docs/assets.md). Lists take an optional
 * last parameter {@code {"cursor": ..., "limit": ...}}; bad input is invalid-params, a missing token is null.
 */
final class AssetApi {
  private final AssetQueries queries;

  AssetApi(AssetQueries queries) {
    this.queries = queries;
  }

  /** A method body over the parsed parameters. */
  private interface Body {
    JsonNode run(Params p) throws RpcException, AssetQueryException;
  }

  void register(JsonRpcProcessor rpc) {
    on(rpc, "trestle_getAsset", 1, p -> queries.asset(text(p, 0, "asset")));
    on(rpc, "trestle_getAssetToken", 2, p -> queries.token(text(p, 0, "asset"), text(p, 1, "id")));
    on(rpc, "trestle_getAssetRightsCertificate", 2, p -> queries.certificate(text(p, 0, "asset"), text(p, 1, "id")));
    on(rpc, "trestle_getAssets", 1, p -> queries.assets(optText(p.optional(0), "issuer"), cursor(p, 0), limit(p, 0)));
    on(rpc, "trestle_getAssetTokens", 2, p -> queries.collectionTokens(text(p, 0, "asset"), cursor(p, 1), limit(p, 1)));
    on(rpc, "trestle_getAssetsByOwner", 2, p -> queries.owned(text(p, 0, "owner"), cursor(p, 1), limit(p, 1)));
    on(rpc, "trestle_getAssetsByCreator", 2, p -> queries.created(text(p, 0, "creator"), cursor(p, 1), limit(p, 1)));
    on(rpc, "trestle_getAssetsByFingerprint", 2,
        p -> queries.fingerprint(text(p, 0, "fingerprint"), cursor(p, 1), limit(p, 1)));
    on(rpc, "trestle_getAssetHistory", 3,
        p -> queries.history(text(p, 0, "asset"), text(p, 1, "id"), false, cursor(p, 2), limit(p, 2)));
    on(rpc, "trestle_getAssetRightsHistory", 3,
        p -> queries.history(text(p, 0, "asset"), text(p, 1, "id"), true, cursor(p, 2), limit(p, 2)));
    on(rpc, "trestle_getPlatform", 1, p -> queries.platform(text(p, 0, "platform")));
    on(rpc, "trestle_getPlatforms", 1, p -> queries.platforms(cursor(p, 0), limit(p, 0)));
    on(rpc, "trestle_getSupervisionActions", 1, p -> queries.supervision(cursor(p, 0), limit(p, 0)));
    on(rpc, "trestle_getTokenHoldings", 2, p -> queries.holdings(text(p, 0, "owner"), cursor(p, 1), limit(p, 1)));
  }

  private static void on(JsonRpcProcessor rpc, String name, int paramsMax, Body body) {
    rpc.register(name, p -> {
      p.atMost(paramsMax);
      try {
        return body.run(p);
      } catch (AssetQueryException e) {
        if (e.kind() == AssetQueryException.Kind.NOT_FOUND) {
          return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        throw RpcException.invalidParams(name + ": " + e.getMessage());
      }
    });
  }

  private static String text(Params p, int i, String what) throws RpcException {
    JsonNode n = p.required(i, what);
    if (n.isIntegralNumber()) {
      return n.asText();
    }
    if (!n.isTextual()) {
      throw RpcException.invalidParams(p.method() + ": parameter " + i + " (" + what + ") must be a string");
    }
    return n.asText();
  }

  /** For trestle_getAssets: the first parameter is the options object, whose issuer filters. */
  private static String optText(JsonNode options, String field) {
    return options != null && options.isObject() && options.hasNonNull(field) ? options.get(field).asText() : null;
  }

  /** The options object: the last parameter of list methods. */
  private static JsonNode options(Params p, int i) throws RpcException {
    JsonNode o = p.optional(i);
    if (o != null && !o.isObject()) {
      throw RpcException.invalidParams(p.method() + ": parameter " + i + " must be an object {cursor, limit}");
    }
    return o;
  }

  private static String cursor(Params p, int i) throws RpcException {
    JsonNode o = options(p, i);
    return o != null && o.hasNonNull("cursor") ? o.get("cursor").asText() : null;
  }

  private static Integer limit(Params p, int i) throws RpcException {
    JsonNode o = options(p, i);
    if (o == null || !o.hasNonNull("limit")) {
      return null;
    }
    if (!o.get("limit").canConvertToInt()) {
      throw RpcException.invalidParams(p.method() + ": limit must be a number");
    }
    return o.get("limit").asInt();
  }
}
