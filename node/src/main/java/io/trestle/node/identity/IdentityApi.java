package io.trestle.node.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.execution.Chain;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import io.trestle.services.did.DidRegistry;
import io.trestle.services.evidence.ContentMode;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import io.trestle.services.names.NameRegistry;
import io.trestle.services.names.NameSyntaxException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The identity JSON-RPC methods: {@code trestle_identityInfo}, {@code trestle_resolveDid},
 * {@code trestle_resolveName}, {@code trestle_lookupAddress}, {@code trestle_getEvidence},
 * {@code trestle_getEvidenceRecord}, {@code trestle_getEvidenceBySubmitter} and {@code trestle_getEvidenceReceipt}.
 */
final class IdentityApi {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final Chain chain;
  private final DidResolver resolver;
  private final NameQueries names;
  private final EvidenceQueries evidence;
  private final ReceiptBuilder receipts;

  IdentityApi(Chain chain, DidResolver resolver, NameQueries names, EvidenceQueries evidence) {
    this.chain = chain;
    this.resolver = resolver;
    this.names = names;
    this.evidence = evidence;
    this.receipts = new ReceiptBuilder(chain);
  }

  void register(JsonRpcProcessor rpc) {
    rpc.register("trestle_identityInfo", p -> info());
    rpc.register("trestle_resolveDid", this::resolveDid);
    rpc.register("trestle_resolveName", this::resolveName);
    rpc.register("trestle_lookupAddress", this::lookupAddress);
    rpc.register("trestle_getEvidence", this::getEvidence);
    rpc.register("trestle_getEvidenceRecord", this::getRecord);
    rpc.register("trestle_getEvidenceBySubmitter", this::bySubmitter);
    rpc.register("trestle_getEvidenceReceipt", this::getReceipt);
  }

  private JsonNode info() {
    boolean sm = chain.suite().signatureCarriesPublicKey();
    ObjectNode o = JSON.objectNode();
    o.put("chainId", chain.genesis().chainId());
    o.put("cryptoSuite", chain.suite().name());
    o.put("genesisFingerprint", chain.genesis().fingerprint().toHex());
    o.put("hashAlgorithm", (sm ? HashAlgorithm.SM3 : HashAlgorithm.SHA256).label());
    o.put("contentEncryption", (sm ? ContentMode.SM4_GCM : ContentMode.AES_256_GCM).label());
    ObjectNode c = o.putObject("contracts");
    c.put("didRegistry", DidRegistry.ADDRESS.toHex());
    c.put("nameRegistry", NameRegistry.ADDRESS.toHex());
    c.put("evidenceRegistry", EvidenceRegistry.ADDRESS.toHex());
    return o;
  }

  private JsonNode resolveDid(Params p) throws RpcException {
    p.atMost(2);
    String did = p.requiredString(0, "DID or DID URL");
    Map<String, String> options = new HashMap<>();
    JsonNode o = p.optional(1);
    if (o != null) {
      if (!o.isObject()) {
        throw RpcException.invalidParams("trestle_resolveDid: parameter 1 (options) must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        options.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
    }
    return resolver.resolve(did, options);
  }

  private JsonNode resolveName(Params p) throws RpcException {
    String name = p.atMost(1).requiredString(0, "name");
    try {
      ObjectNode r = names.resolve(name);
      return r == null ? NullNode.getInstance() : r;
    } catch (NameSyntaxException e) {
      throw RpcException.invalidParams("trestle_resolveName: " + e.getMessage());
    }
  }

  private JsonNode lookupAddress(Params p) throws RpcException {
    Address a = address(p.atMost(1).requiredString(0, "address"));
    String name = names.reverse(a);
    return name == null ? NullNode.getInstance() : TextNode.valueOf(name);
  }

  private JsonNode getEvidence(Params p) throws RpcException {
    p.atMost(2);
    String digest = p.requiredString(0, "digest");
    JsonNode alg = p.optional(1);
    try {
      return evidence.byDigest(digest, alg == null ? null : alg.asText());
    } catch (EvidenceQueries.BadQuery e) {
      throw RpcException.invalidParams("trestle_getEvidence: " + e.getMessage());
    }
  }

  private JsonNode getRecord(Params p) throws RpcException {
    p.atMost(2);
    long id = id(p.required(0, "record id"));
    ObjectNode r = evidence.byId(id, p.optionalBoolean(1, false));
    return r == null ? NullNode.getInstance() : r;
  }

  /** (address, beforeId = 0, limit = 20): the submitter's records, newest first. */
  private JsonNode bySubmitter(Params p) throws RpcException {
    p.atMost(3);
    Address a = address(p.requiredString(0, "submitter address"));
    long before = p.optional(1) == null ? 0 : id(p.optional(1));
    JsonNode l = p.optional(2);
    int limit = l == null ? 20 : l.asInt();
    if (limit < 1 || limit > EvidenceRegistry.QUERY_LIMIT_MAX) {
      throw RpcException.invalidParams("trestle_getEvidenceBySubmitter: limit must be 1 to "
          + EvidenceRegistry.QUERY_LIMIT_MAX);
    }
    return evidence.bySubmitter(a, before, limit);
  }

  /** {@code {"transactionHash": "0x.."}} or {@code {"id": n}}; null while the block after it is not certified. */
  private JsonNode getReceipt(Params p) throws RpcException {
    JsonNode which = p.atMost(1).required(0, "{transactionHash} or {id}");
    if (!which.isObject()) {
      throw RpcException.invalidParams("trestle_getEvidenceReceipt: parameter 0 must be {\"transactionHash\": ...} or {\"id\": ...}");
    }
    long id = which.has("id") ? id(which.get("id")) : 0;
    Hash tx;
    if (which.has("transactionHash")) {
      String h = which.get("transactionHash").asText();
      if (!h.matches("0x[0-9a-fA-F]{64}")) {
        throw RpcException.invalidParams("trestle_getEvidenceReceipt: transactionHash must be 0x and 64 hex digits");
      }
      tx = Hash.fromHex(h);
    } else if (id > 0) {
      tx = evidence.transactionOf(id);
      if (tx == null) {
        throw RpcException.server("no evidence record " + id);
      }
    } else {
      throw RpcException.invalidParams("trestle_getEvidenceReceipt: give transactionHash or id");
    }
    try {
      EvidenceReceipt r = receipts.build(tx, id);
      return r == null ? NullNode.getInstance() : ReceiptJson.toJson(r);
    } catch (ReceiptUnavailableException e) {
      throw RpcException.server(e.getMessage());
    }
  }

  private static long id(JsonNode n) throws RpcException {
    long v;
    if (n.isIntegralNumber()) {
      v = n.asLong();
    } else if (n.isTextual() && n.asText().matches("0x[0-9a-fA-F]{1,15}|[0-9]{1,18}")) {
      v = Long.decode(n.asText());
    } else {
      throw RpcException.invalidParams("record id must be a positive integer or hex quantity");
    }
    if (v <= 0) {
      throw RpcException.invalidParams("record id must be positive, got " + v);
    }
    return v;
  }

  private static Address address(String s) throws RpcException {
    try {
      return Address.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("address: " + e.getMessage());
    }
  }
}
