package io.trestle.node.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.execution.Chain;
import io.trestle.rpc.http.HttpRoute;

/**
 * Evidence over REST: {@code GET /v1/evidence/{digest}[?algorithm=sha-256]} lists the records of a digest;
 * {@code POST /v1/evidence/verify} takes a receipt and answers the verdict with every check, verified against this
 * node's genesis exactly as the offline verifier does; {@code GET /v1/evidence?submitter=0x…[&before=id&limit=n]}
 * lists a submitter's records, newest first. Writes are signed transactions, never REST calls.
 */
final class EvidenceRoute implements HttpRoute {
  static final String PREFIX = "/v1/evidence/";
  static final String SUBMITTER_PATH = "/v1/evidence";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EvidenceQueries queries;
  private final ReceiptVerifier verifier;

  EvidenceRoute(EvidenceQueries queries, Chain chain) {
    this.queries = queries;
    this.verifier = new ReceiptVerifier(Trust.of(chain.genesis()));
  }

  @Override
  public boolean matches(String method, String path) {
    return (method.equals("GET") && (path.startsWith(PREFIX) || path.equals(SUBMITTER_PATH)))
        || (method.equals("POST") && path.equals(PREFIX + "verify"));
  }

  @Override
  public HttpAnswer handle(String method, String path, String query, byte[] body) {
    if (method.equals("POST")) {
      return verify(body);
    }
    if (path.equals(SUBMITTER_PATH)) {
      return bySubmitter(query);
    }
    String digest = path.substring(PREFIX.length());
    String algorithm = DidResolverRoute.queryOptions(query).get("algorithm");
    try {
      ObjectNode found = queries.byDigest(digest, algorithm);
      return json(found.get("records").isEmpty() ? 404 : 200, found);
    } catch (EvidenceQueries.BadQuery e) {
      return json(400, JSON.createObjectNode().put("error", e.getMessage()));
    } catch (IllegalArgumentException e) {
      return json(400, JSON.createObjectNode().put("error", "malformed query: " + e.getMessage()));
    }
  }

  private HttpAnswer bySubmitter(String query) {
    try {
      java.util.Map<String, String> q = DidResolverRoute.queryOptions(query);
      String submitter = q.get("submitter");
      if (submitter == null) {
        return json(400, JSON.createObjectNode().put("error", "give ?submitter=<address>"));
      }
      long before = q.containsKey("before") ? Long.parseLong(q.get("before")) : 0;
      int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 20;
      if (before < 0 || limit < 1 || limit > io.trestle.services.evidence.EvidenceRegistry.QUERY_LIMIT_MAX) {
        return json(400, JSON.createObjectNode().put("error", "before must be >= 0 and limit 1 to 100"));
      }
      ObjectNode out = JSON.createObjectNode();
      out.put("submitter", io.trestle.core.Address.fromHex(submitter).toHex());
      out.set("records", queries.bySubmitter(io.trestle.core.Address.fromHex(submitter), before, limit));
      return json(200, out);
    } catch (IllegalArgumentException e) {
      return json(400, JSON.createObjectNode().put("error", "malformed query: " + e.getMessage()));
    }
  }

  private HttpAnswer verify(byte[] body) {
    ReceiptVerifier.Verdict v = verifier.verify(body, null);
    ObjectNode out = JSON.createObjectNode();
    out.put("valid", v.valid());
    ArrayNode checks = out.putArray("checks");
    for (ReceiptVerifier.Check c : v.checks()) {
      checks.addObject().put("name", c.name()).put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT))
          .put("detail", c.detail());
    }
    v.failure().ifPresent(f -> out.put("reason", f.name() + ": " + f.detail()));
    return json(200, out);
  }

  private static HttpAnswer json(int status, Object body) {
    try {
      return HttpAnswer.json(status, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("answer does not serialise", e);
    }
  }

}
