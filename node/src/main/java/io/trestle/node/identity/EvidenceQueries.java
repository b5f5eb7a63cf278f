package io.trestle.node.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.block.Log;
import io.trestle.crypto.Hex;
import io.trestle.evm.system.SystemCall;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.services.did.ContractStorage;
import io.trestle.services.did.Did;
import io.trestle.services.evidence.EvidenceLayout;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads of the evidence registry at the chain head, as JSON for REST and JSON-RPC. */
public final class EvidenceQueries {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final Chain chain;

  public EvidenceQueries(Chain chain) {
    this.chain = chain;
  }

  /** A digest query that cannot be answered as asked, with the reason. */
  public static final class BadQuery extends Exception {
    private static final long serialVersionUID = 1L;

    BadQuery(String message) {
      super(message);
    }
  }

  ContractStorage registry() {
    return IdentityServices.storageAtHead(chain, EvidenceRegistry.ADDRESS);
  }

  /**
   * Every record of {@code digestHex} (newest first, at most 100 per algorithm). Without an algorithm, all the
   * algorithms whose digests have that length are searched.
   */
  public ObjectNode byDigest(String digestHex, String algorithmLabel) throws BadQuery {
    byte[] digest = parseDigest(digestHex);
    List<HashAlgorithm> algorithms = new ArrayList<>();
    if (algorithmLabel != null && !algorithmLabel.isEmpty()) {
      HashAlgorithm a = HashAlgorithm.ofLabel(algorithmLabel);
      if (a == null) {
        throw new BadQuery("algorithm '" + algorithmLabel + "' is unknown (sha-256, sm3, sha-512)");
      }
      if (a.digestBytes() != digest.length) {
        throw new BadQuery(a.label() + " digests are " + a.digestBytes() + " bytes, got " + digest.length);
      }
      algorithms.add(a);
    } else {
      for (HashAlgorithm a : HashAlgorithm.values()) {
        if (a.digestBytes() == digest.length) {
          algorithms.add(a);
        }
      }
      if (algorithms.isEmpty()) {
        throw new BadQuery("digest of " + digest.length
            + " bytes fits no algorithm (32 for sha-256 and sm3, 64 for sha-512)");
      }
    }
    ObjectNode out = JSON.objectNode();
    out.put("digest", Hex.encodePrefixed(digest));
    ArrayNode records = out.putArray("records");
    try {
      ContractStorage s = registry();
      for (HashAlgorithm a : algorithms) {
        long head = EvidenceLayout.digestHead(s, EvidenceLayout.digestKey(a, digest));
        for (long id : EvidenceLayout.walk(s, head, true, EvidenceRegistry.QUERY_LIMIT_MAX)) {
          records.add(json(s, EvidenceLayout.read(s, id), false));
        }
      }
    } catch (SystemCall.Halt e) {
      throw new IllegalStateException("reading committed state does not run out of gas", e);
    }
    return out;
  }

  /** One record with its stored original, or null when no record has this id. */
  public ObjectNode byId(long id, boolean withContent) {
    try {
      ContractStorage s = registry();
      EvidenceLayout.Record r = EvidenceLayout.read(s, id);
      return r == null ? null : json(s, r, withContent);
    } catch (SystemCall.Halt e) {
      throw new IllegalStateException("reading committed state does not run out of gas", e);
    }
  }

  /** The newest records of a submitter, before {@code beforeId} (0: from the newest). */
  public ArrayNode bySubmitter(Address submitter, long beforeId, int limit) {
    try {
      ContractStorage s = registry();
      long head = EvidenceLayout.submitterHead(s, submitter);
      if (beforeId > 0) {
        EvidenceLayout.Record before = EvidenceLayout.read(s, beforeId);
        head = before == null || !before.submitter().equals(submitter) ? 0 : before.previousBySubmitter();
      }
      ArrayNode out = JSON.arrayNode();
      for (long id : EvidenceLayout.walk(s, head, false, Math.min(limit, EvidenceRegistry.QUERY_LIMIT_MAX))) {
        out.add(json(s, EvidenceLayout.read(s, id), false));
      }
      return out;
    } catch (SystemCall.Halt e) {
      throw new IllegalStateException("reading committed state does not run out of gas", e);
    }
  }

  /** The transaction that created record {@code id}: found among the logs of the record's block. */
  public Hash transactionOf(long id) {
    ObjectNode r = byId(id, false);
    if (r == null) {
      return null;
    }
    long n = r.get("blockNumber").asLong();
    Hash blockHash = chain.blockHash(n);
    List<ExecutedTransaction> executed = blockHash == null ? null : chain.store().executed(n, blockHash);
    if (executed == null) {
      return null;
    }
    for (ExecutedTransaction e : executed) {
      for (Log l : e.receipt().logs()) {
        if (l.address().equals(EvidenceRegistry.ADDRESS) && l.topics().size() == 4
            && (l.topics().get(0).equals(EvidenceRegistry.NOTARIZED.topic0())
                || l.topics().get(0).equals(EvidenceRegistry.BATCH_ANCHORED.topic0()))
            && new BigInteger(1, l.topics().get(1).unsafeArray()).longValue() == id) {
          return e.hash();
        }
      }
    }
    return null;
  }

  ObjectNode json(ContractStorage s, EvidenceLayout.Record r, boolean withContent) throws SystemCall.Halt {
    ObjectNode o = JSON.objectNode();
    o.put("id", r.id());
    o.put("kind", r.batch() ? "batch" : "single");
    o.put("submitter", r.submitter().toHex());
    o.put("submitterDid", Did.of(chain.genesis().chainId(), r.submitter()).toString());
    o.put("didVersion", r.didVersion());
    o.put("hashAlgorithm", r.algorithm().label());
    o.put(r.batch() ? "root" : "digest", Hex.encodePrefixed(r.digest()));
    if (r.batch()) {
      o.put("leafCount", r.leafCount());
    }
    o.put("metadata", r.metadata());
    o.put("blockNumber", r.blockNumber());
    o.put("time", Instant.ofEpochSecond(r.timestampSeconds()).toString());
    o.put("contentMode", r.contentMode().label());
    if (r.supersedes() != 0) {
      o.put("supersedes", r.supersedes());
    }
    if (r.supersededBy() != 0) {
      o.put("supersededBy", r.supersededBy());
    }
    o.put("revoked", r.revoked());
    if (r.revoked()) {
      o.put("revokedAtBlock", r.revokedAtBlock());
      o.put("revocationReason", r.revocationReason());
    }
    if (r.contentMode().encrypted()) {
      ArrayNode rs = o.putArray("recipients");
      for (EvidenceLayout.Recipient rc : EvidenceLayout.recipients(s, r.id())) {
        ObjectNode x = rs.addObject().put("did", rc.didUrl());
        if (withContent) {
          x.put("wrappedKey", Hex.encodePrefixed(rc.wrappedKey()));
        }
      }
    }
    if (withContent && r.contentMode() != io.trestle.services.evidence.ContentMode.NONE) {
      o.put("content", Hex.encodePrefixed(EvidenceLayout.content(s, r.id())));
    }
    return o;
  }

  /** A digest from outside: 0x and 64 or 128 hex digits. */
  static byte[] parseDigest(String hex) throws BadQuery {
    if (hex == null || !hex.matches("0x([0-9a-fA-F]{2}){1,64}")) {
      throw new BadQuery("digest must be 0x followed by the digest's hex digits (64 for sha-256 and sm3, 128 for sha-512)");
    }
    return Hex.decode(hex.substring(2));
  }
}
