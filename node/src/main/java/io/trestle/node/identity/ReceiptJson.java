package io.trestle.node.identity;

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
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of {@link EvidenceReceipt}. Written compact (no insignificant whitespace) so every byte of a receipt
 * means something. Read strictly: every field present with its type, no unknown or duplicate fields, no trailing
 * content, hex in lower case with an even number of digits, integers without fractions or signs; so any change to
 * a receipt either breaks the format or changes a value that a later check compares.
 */
public final class ReceiptJson {
  /** Largest receipt accepted: proofs and headers are a few kilobytes, a batch path under one. */
  public static final int BYTES_MAX = 1 << 20;
  static final int LIST_ITEMS_MAX = 64;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper READER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();
  private static final ObjectMapper WRITER = new ObjectMapper();

  private ReceiptJson() {}

  public static byte[] write(EvidenceReceipt r) {
    try {
      return WRITER.writeValueAsBytes(toJson(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("receipt does not serialise", e);
    }
  }

  public static ObjectNode toJson(EvidenceReceipt r) {
    ObjectNode o = NODES.objectNode();
    o.put("type", EvidenceReceipt.TYPE);
    o.put("version", r.version());
    o.putObject("chain").put("chainId", r.chain().chainId()).put("cryptoSuite", r.chain().cryptoSuite())
        .put("genesisFingerprint", r.chain().genesisFingerprint());
    EvidenceReceipt.EvidenceInfo e = r.evidence();
    ObjectNode ev = o.putObject("evidence");
    ev.put("registry", e.registry()).put("id", e.id()).put("kind", e.kind()).put("hashAlgorithm", e.hashAlgorithm())
        .put("digest", e.digest()).put("metadata", e.metadata()).put("submitter", e.submitter())
        .put("submitterDid", e.submitterDid()).put("didVersion", e.didVersion());
    if (e.batch() != null) {
      ObjectNode b = ev.putObject("batch");
      b.put("root", e.batch().root()).put("leafIndex", e.batch().leafIndex()).put("leafCount", e.batch().leafCount());
      strings(b.putArray("path"), e.batch().path());
    }
    writeProof(o, r.proof());
    return o;
  }

  /** Writes the proof parts of a receipt into {@code o}, beside whatever states what the proven log means. */
  public static void writeProof(ObjectNode o, EvidenceReceipt.Proof r) {
    // replacing an existing "chain" keeps its place, so a receipt's field order stays as documented
    o.putObject("chain").put("chainId", r.chain().chainId()).put("cryptoSuite", r.chain().cryptoSuite())
        .put("genesisFingerprint", r.chain().genesisFingerprint());
    ObjectNode tx = o.putObject("transaction");
    tx.put("hash", r.transaction().hash()).put("index", r.transaction().index()).put("raw", r.transaction().raw());
    strings(tx.putArray("proof"), r.transaction().proof());
    o.putObject("block").put("number", r.block().number()).put("hash", r.block().hash())
        .put("timestampMs", r.block().timestampMs()).put("time", r.block().time()).put("header", r.block().header());
    ObjectNode rc = o.putObject("receipt");
    rc.put("index", r.receipt().index()).put("logIndex", r.receipt().logIndex());
    strings(rc.putArray("proof"), r.receipt().proof());
    ObjectNode lg = o.putObject("log");
    lg.put("address", r.log().address());
    strings(lg.putArray("topics"), r.log().topics());
    lg.put("data", r.log().data());
    o.putObject("certification").put("height", r.certification().height()).put("header", r.certification().header())
        .put("certificate", r.certification().certificate());
    ObjectNode vs = o.putObject("validatorSet");
    vs.put("source", r.validatorSet().source()).put("validatorsHash", r.validatorSet().validatorsHash());
    ArrayNode changes = vs.putArray("changes");
    for (EvidenceReceipt.ValidatorSetChange c : r.validatorSet().changes()) {
      changes.addObject().put("fromHeight", c.fromHeight()).put("validators", c.validators()).put("header", c.header())
          .put("certificate", c.certificate());
    }
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  public static EvidenceReceipt parse(byte[] json) throws ReceiptFormatException {
    if (json.length > BYTES_MAX) {
      throw new ReceiptFormatException("receipt is " + json.length + " bytes, more than " + BYTES_MAX);
    }
    JsonNode root;
    try (JsonParser p = READER.createParser(json)) {
      root = READER.readTree(p);
    } catch (IOException e) {
      throw new ReceiptFormatException("receipt is not valid JSON: " + firstLine(e.getMessage()));
    }
    return fromJson(root);
  }

  public static EvidenceReceipt fromJson(JsonNode root) throws ReceiptFormatException {
    Obj o = new Obj(root, "");
    String type = o.string("type");
    if (!type.equals(EvidenceReceipt.TYPE)) {
      throw new ReceiptFormatException("type '" + type + "' is not " + EvidenceReceipt.TYPE);
    }
    long version = o.number("version");
    if (version != EvidenceReceipt.VERSION) {
      throw new ReceiptFormatException("version " + version + " is not supported (this verifier reads version "
          + EvidenceReceipt.VERSION + ")");
    }
    Obj c = o.object("chain");
    EvidenceReceipt.ChainInfo chain = new EvidenceReceipt.ChainInfo(c.number("chainId"), c.string("cryptoSuite"),
        c.hex("genesisFingerprint"));
    c.done();
    Obj e = o.object("evidence");
    String kind = e.string("kind");
    EvidenceReceipt.BatchInfo batch = null;
    if (kind.equals(EvidenceReceipt.KIND_BATCH)) {
      Obj b = e.object("batch");
      batch = new EvidenceReceipt.BatchInfo(b.hex("root"), b.number("leafIndex"), b.number("leafCount"),
          b.hexList("path"));
      b.done();
    } else if (!kind.equals(EvidenceReceipt.KIND_SINGLE)) {
      throw new ReceiptFormatException("evidence.kind '" + kind + "' must be single or batch");
    }
    EvidenceReceipt.EvidenceInfo evidence = new EvidenceReceipt.EvidenceInfo(e.hex("registry"), e.number("id"), kind,
        e.string("hashAlgorithm"), e.hex("digest"), e.string("metadata"), e.hex("submitter"), e.string("submitterDid"),
        e.number("didVersion"), batch);
    e.done();
    EvidenceReceipt.Proof proof = readProof(o, chain);
    o.done();
    return new EvidenceReceipt((int) version, evidence, proof);
  }

  /**
   * Reads the proof parts of a receipt-format object (chain, transaction, block, receipt, log, certification,
   * validatorSet) and nothing else: unknown fields are refused as in a receipt.
   */
  public static EvidenceReceipt.Proof proofFromJson(JsonNode node, String path) throws ReceiptFormatException {
    Obj o = new Obj(node, path);
    Obj c = o.object("chain");
    EvidenceReceipt.ChainInfo chain = new EvidenceReceipt.ChainInfo(c.number("chainId"), c.string("cryptoSuite"),
        c.hex("genesisFingerprint"));
    c.done();
    EvidenceReceipt.Proof proof = readProof(o, chain);
    o.done();
    return proof;
  }

  private static EvidenceReceipt.Proof readProof(Obj o, EvidenceReceipt.ChainInfo chain) throws ReceiptFormatException {
    Obj t = o.object("transaction");
    EvidenceReceipt.TransactionInfo tx = new EvidenceReceipt.TransactionInfo(t.hex("hash"), t.number("index"),
        t.hex("raw"), t.hexList("proof"));
    t.done();
    Obj b = o.object("block");
    EvidenceReceipt.BlockInfo block = new EvidenceReceipt.BlockInfo(b.number("number"), b.hex("hash"),
        b.number("timestampMs"), b.string("time"), b.hex("header"));
    b.done();
    Obj r = o.object("receipt");
    EvidenceReceipt.ReceiptInfo receipt = new EvidenceReceipt.ReceiptInfo(r.number("index"), r.number("logIndex"),
        r.hexList("proof"));
    r.done();
    Obj l = o.object("log");
    EvidenceReceipt.LogInfo log = new EvidenceReceipt.LogInfo(l.hex("address"), l.hexList("topics"), l.hex("data"));
    l.done();
    Obj ce = o.object("certification");
    EvidenceReceipt.Certification cert = new EvidenceReceipt.Certification(ce.number("height"), ce.hex("header"),
        ce.hex("certificate"));
    ce.done();
    Obj v = o.object("validatorSet");
    List<EvidenceReceipt.ValidatorSetChange> changes = new ArrayList<>();
    List<Obj> changeObjects = v.objectList("changes");
    for (Obj ch : changeObjects) {
      changes.add(new EvidenceReceipt.ValidatorSetChange(ch.number("fromHeight"), ch.hex("validators"),
          ch.hex("header"),
          ch.hex("certificate")));
      ch.done();
    }
    EvidenceReceipt.ValidatorSetInfo set = new EvidenceReceipt.ValidatorSetInfo(v.string("source"),
        v.hex("validatorsHash"),
        changes);
    v.done();
    return new EvidenceReceipt.Proof(chain, tx, block, receipt, log, cert, set);
  }

  /** A JSON object read field by field, remembering which fields were read so unknown ones can be refused. */
  private static final class Obj {
    private final JsonNode node;
    private final String path;
    private final Set<String> seen = new HashSet<>();

    Obj(JsonNode node, String path) throws ReceiptFormatException {
      if (node == null || !node.isObject()) {
        throw new ReceiptFormatException((path.isEmpty() ? "the receipt" : path) + " must be a JSON object");
      }
      this.node = node;
      this.path = path;
    }

    private String at(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode field(String name) throws ReceiptFormatException {
      seen.add(name);
      JsonNode v = node.get(name);
      if (v == null) {
        throw new ReceiptFormatException(missing(name));
      }
      return v;
    }

    private String missing(String name) {
      List<String> unknown = new ArrayList<>();
      node.fieldNames().forEachRemaining(f -> {
        if (!f.equals(name) && !isKnown(f)) {
          unknown.add(f);
        }
      });
      return at(name) + " is missing" + (unknown.isEmpty() ? "" : " (unknown field " + unknown
          + (path.isEmpty() ? "" : " in " + path) + ")");
    }

    private static boolean isKnown(String f) {
      return List.of("type", "version", "chain", "evidence", "transaction", "block", "receipt", "log", "certification",
          "validatorSet", "chainId", "cryptoSuite", "genesisFingerprint", "registry", "id", "kind", "hashAlgorithm",
          "digest", "metadata", "submitter", "submitterDid", "didVersion", "batch", "root", "leafIndex", "leafCount",
          "path", "hash", "index", "raw", "proof", "number", "timestampMs", "time", "header", "logIndex", "address",
          "topics", "data", "height", "certificate", "source", "validatorsHash", "changes", "fromHeight", "validators")
          .contains(f);
    }

    String string(String name) throws ReceiptFormatException {
      JsonNode v = field(name);
      if (!v.isTextual()) {
        throw new ReceiptFormatException(at(name) + " must be a string");
      }
      return v.asText();
    }

    long number(String name) throws ReceiptFormatException {
      JsonNode v = field(name);
      if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().bitLength() > 63) {
        throw new ReceiptFormatException(at(name) + " must be a non-negative integer below 2^63");
      }
      return v.longValue();
    }

    String hex(String name) throws ReceiptFormatException {
      return checkHex(at(name), string(name));
    }

    List<String> hexList(String name) throws ReceiptFormatException {
      JsonNode v = field(name);
      if (!v.isArray() || v.size() > LIST_ITEMS_MAX) {
        throw new ReceiptFormatException(at(name) + " must be an array of at most " + LIST_ITEMS_MAX + " hex strings");
      }
      List<String> out = new ArrayList<>(v.size());
      for (int i = 0; i < v.size(); i++) {
        if (!v.get(i).isTextual()) {
          throw new ReceiptFormatException(at(name) + "[" + i + "] must be a hex string");
        }
        out.add(checkHex(at(name) + "[" + i + "]", v.get(i).asText()));
      }
      return out;
    }

    Obj object(String name) throws ReceiptFormatException {
      return new Obj(field(name), at(name));
    }

    List<Obj> objectList(String name) throws ReceiptFormatException {
      JsonNode v = field(name);
      if (!v.isArray() || v.size() > LIST_ITEMS_MAX) {
        throw new ReceiptFormatException(at(name) + " must be an array of at most " + LIST_ITEMS_MAX + " objects");
      }
      List<Obj> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        out.add(new Obj(v.get(i), at(name) + "[" + i + "]"));
      }
      return out;
    }

    void done() throws ReceiptFormatException {
      List<String> unknown = new ArrayList<>();
      node.fieldNames().forEachRemaining(f -> {
        if (!seen.contains(f)) {
          unknown.add(f);
        }
      });
      if (!unknown.isEmpty()) {
        throw new ReceiptFormatException((path.isEmpty() ? "the receipt" : path) + " has unknown field(s) " + unknown);
      }
    }
  }

  static String checkHex(String where, String s) throws ReceiptFormatException {
    if (!s.startsWith("0x") || (s.length() & 1) != 0) {
      throw new ReceiptFormatException(where + " must be 0x followed by an even number of hex digits");
    }
    for (int i = 2; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
        throw new ReceiptFormatException(where + " must be lower-case hex (character " + i + ")");
      }
    }
    return s;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
