package io.trestle.node.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.services.did.Did;
import io.trestle.services.did.DidLayout;
import io.trestle.services.did.DidRecord;
import io.trestle.services.did.PublicKeys;
import java.time.Instant;
import java.util.List;

/**
 * Renders a version of a DID as a DID document in the JSON-LD representation of DID Core 1.1 (context
 * {@code https://www.w3.org/ns/did/v1.1}, verification methods as {@code Multikey}), and its document metadata.
 */
public final class DidDocuments {
  public static final String CONTEXT = "https://www.w3.org/ns/did/v1.1";
  public static final String MEDIA_TYPE = "application/did";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> RELATIONSHIPS = List.of("authentication", "assertionMethod", "keyAgreement",
      "capabilityInvocation", "capabilityDelegation");

  private DidDocuments() {}

  public static ObjectNode document(Did did, DidRecord.Version v) {
    ObjectNode doc = JSON.objectNode();
    doc.putArray("@context").add(CONTEXT);
    doc.put("id", did.toString());
    List<Address> controllers = v.controllers();
    if (controllers.isEmpty()) {
      doc.put("controller", did.toString());
    } else {
      ArrayNode c = doc.putArray("controller");
      c.add(did.toString());
      controllers.forEach(a -> c.add(Did.of(did.chainId(), a).toString()));
    }
    List<DidLayout.Key> keys = v.keys();
    if (!keys.isEmpty()) {
      ArrayNode vms = doc.putArray("verificationMethod");
      for (DidLayout.Key k : keys) {
        vms.add(verificationMethod(did, k));
      }
      for (int bit = 0; bit < RELATIONSHIPS.size(); bit++) {
        ArrayNode refs = null;
        for (DidLayout.Key k : keys) {
          if ((k.relationships() & (1 << bit)) != 0) {
            if (refs == null) {
              refs = doc.putArray(RELATIONSHIPS.get(bit));
            }
            refs.add(did.withFragment(k.id()));
          }
        }
      }
    }
    List<DidLayout.Service> services = v.services();
    if (!services.isEmpty()) {
      ArrayNode svc = doc.putArray("service");
      for (DidLayout.Service s : services) {
        svc.addObject().put("id", did.withFragment(s.id())).put("type", s.type()).put("serviceEndpoint", s.endpoint());
      }
    }
    return doc;
  }

  static ObjectNode verificationMethod(Did did, DidLayout.Key k) {
    return JSON.objectNode()
        .put("id", did.withFragment(k.id()))
        .put("type", "Multikey")
        .put("controller", did.toString())
        .put("publicKeyMultibase", PublicKeys.multibase(k.type(), k.publicKey()));
  }

  /** DID document metadata of version {@code v}: created, updated, versionId, next version, deactivation. */
  public static ObjectNode metadata(DidRecord record, int v) {
    ObjectNode m = JSON.objectNode();
    DidLayout.Stamp first = record.stamp(1);
    if (first != null) {
      m.put("created", time(first.timestampSeconds()));
    }
    DidLayout.Stamp at = record.stamp(v);
    if (at != null) {
      m.put("updated", time(at.timestampSeconds()));
    }
    m.put("versionId", Integer.toString(v));
    DidLayout.Stamp next = record.stamp(v + 1);
    if (next != null) {
      m.put("nextUpdate", time(next.timestampSeconds()));
      m.put("nextVersionId", Integer.toString(v + 1));
    }
    if (record.at(v).deactivated()) {
      m.put("deactivated", true);
    }
    return m;
  }

  /** DID Resolution's datetime: UTC, whole seconds, {@code Z}. */
  public static String time(long epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds).toString();
  }

  /** The relationship names of a key's bit set, in document order (for CLI output). */
  public static List<String> relationshipNames(int bits) {
    return java.util.stream.IntStream.range(0, RELATIONSHIPS.size()).filter(b -> (bits & (1 << b)) != 0)
        .mapToObj(RELATIONSHIPS::get).toList();
  }

  /** The bit of a relationship name, or 0 when unknown. */
  public static int relationshipBit(String name) {
    int i = RELATIONSHIPS.indexOf(name);
    return i < 0 ? 0 : 1 << i;
  }
}
