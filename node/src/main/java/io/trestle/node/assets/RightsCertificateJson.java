package io.trestle.node.assets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.node.identity.EvidenceReceipt;
import io.trestle.node.identity.ReceiptFormatException;
import io.trestle.node.identity.ReceiptJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link RightsCertificate}: compact, read as strictly as an evidence receipt (every field
 * present with its type, nothing unknown or duplicated, nothing trailing, lower-case hex); each record is read by
 * {@link ReceiptJson#proofFromJson}.
 */
public final class RightsCertificateJson {
  /** A mint record of a 1,000-token batch carries a receipt of about 200 KB, twice that as hex. */
  public static final int BYTES_MAX = 4 << 20;
  private static final int TEXT_CHARS_MAX = 2048;
  private static final Set<String> TOP = Set.of("type", "version", "rights", "records");
  private static final Set<String> RIGHTS = Set.of("asset", "tokenId", "rightsId", "creator", "creatorDid",
      "rightHolder", "rightHolderDid", "licenseUri", "licenseHash");
  private static final ObjectMapper READER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();
  private static final ObjectMapper WRITER = new ObjectMapper();

  private RightsCertificateJson() {}

  public static byte[] write(RightsCertificate c) {
    try {
      return WRITER.writeValueAsBytes(toJson(c));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("certificate does not serialise", e);
    }
  }

  public static ObjectNode toJson(RightsCertificate c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", RightsCertificate.TYPE);
    o.put("version", c.version());
    RightsCertificate.Rights r = c.rights();
    o.putObject("rights").put("asset", r.asset()).put("tokenId", r.tokenId()).put("rightsId", r.rightsId())
        .put("creator", r.creator()).put("creatorDid", r.creatorDid()).put("rightHolder", r.rightHolder())
        .put("rightHolderDid", r.rightHolderDid()).put("licenseUri", r.licenseUri())
        .put("licenseHash", r.licenseHash());
    ArrayNode records = o.putArray("records");
    for (EvidenceReceipt.Proof p : c.records()) {
      ReceiptJson.writeProof(records.addObject(), p);
    }
    return o;
  }

  public static RightsCertificate parse(byte[] json) throws ReceiptFormatException {
    if (json.length > BYTES_MAX) {
      throw new ReceiptFormatException("certificate is " + json.length + " bytes, more than " + BYTES_MAX);
    }
    JsonNode root;
    try (JsonParser p = READER.createParser(json)) {
      root = READER.readTree(p);
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      throw new ReceiptFormatException("certificate is not valid JSON: " + m.lines().findFirst().orElse(m));
    }
    exactly(root, "the certificate", TOP);
    String type = text(root, "type");
    if (!type.equals(RightsCertificate.TYPE)) {
      throw new ReceiptFormatException("type '" + type + "' is not " + RightsCertificate.TYPE);
    }
    long version = number(root, "version");
    if (version != RightsCertificate.VERSION) {
      throw new ReceiptFormatException("version " + version + " is not supported (this verifier reads version "
          + RightsCertificate.VERSION + ")");
    }
    JsonNode r = root.get("rights");
    exactly(r, "rights", RIGHTS);
    RightsCertificate.Rights rights = new RightsCertificate.Rights(hex(r, "asset"), number(r, "tokenId"),
        number(r, "rightsId"), hex(r, "creator"), text(r, "creatorDid"), hex(r, "rightHolder"),
        text(r, "rightHolderDid"), text(r, "licenseUri"), hex(r, "licenseHash"));
    JsonNode recs = root.get("records");
    if (!recs.isArray() || recs.isEmpty() || recs.size() > RightsCertificate.RECORDS_MAX) {
      throw new ReceiptFormatException("records must be an array of 1 to " + RightsCertificate.RECORDS_MAX
          + " proofs");
    }
    List<EvidenceReceipt.Proof> records = new ArrayList<>();
    for (int i = 0; i < recs.size(); i++) {
      records.add(ReceiptJson.proofFromJson(recs.get(i), "records[" + i + "]"));
    }
    return new RightsCertificate((int) version, rights, records);
  }

  private static void exactly(JsonNode o, String where, Set<String> fields) throws ReceiptFormatException {
    if (o == null || !o.isObject()) {
      throw new ReceiptFormatException(where + " must be a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new ReceiptFormatException(where + " has unknown field " + f);
      }
    }
    for (String f : fields) {
      if (!o.has(f)) {
        throw new ReceiptFormatException(where + "." + f + " is missing");
      }
    }
  }

  private static String text(JsonNode o, String field) throws ReceiptFormatException {
    JsonNode v = o.get(field);
    if (!v.isTextual() || v.asText().length() > TEXT_CHARS_MAX) {
      throw new ReceiptFormatException(field + " must be a string of at most " + TEXT_CHARS_MAX + " characters");
    }
    return v.asText();
  }

  private static long number(JsonNode o, String field) throws ReceiptFormatException {
    JsonNode v = o.get(field);
    if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().bitLength() > 63) {
      throw new ReceiptFormatException(field + " must be a non-negative integer below 2^63");
    }
    return v.longValue();
  }

  private static String hex(JsonNode o, String field) throws ReceiptFormatException {
    String s = text(o, field);
    if (!s.matches("0x([0-9a-f]{2})*")) {
      throw new ReceiptFormatException(field + " must be 0x and lower-case hex bytes");
    }
    return s;
  }
}
