package io.trestle.node.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.did.ContractStorage;
import io.trestle.services.did.Did;
import io.trestle.services.did.DidLayout;
import io.trestle.services.did.DidRecord;
import io.trestle.services.did.DidSyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code did:trestle} resolver (W3C DID Resolution §4, §12.1): resolves a DID, optionally as of a
 * {@code versionId} or {@code versionTime}, against the DID registry's state at the chain head; dereferences a
 * fragment to a verification method or service. Errors follow the spec's error types and HTTP status codes.
 */
public final class DidResolver {
  public static final String RESULT_TYPE = "application/did-resolution";
  public static final String DEREFERENCING_TYPE = "application/did-url-dereferencing";
  static final int IDENTIFIER_CHARS_MAX = 1024;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  /** An error of DID Resolution §11 with its HTTP status. */
  enum Error {
    INVALID_DID("invalidDid", 400),
    INVALID_DID_URL("invalidDidUrl", 400),
    INVALID_OPTIONS("invalidOptions", 400),
    NOT_FOUND("notFound", 404),
    REPRESENTATION_NOT_SUPPORTED("representationNotSupported", 406),
    METHOD_NOT_SUPPORTED("methodNotSupported", 501),
    FEATURE_NOT_SUPPORTED("featureNotSupported", 501),
    INTERNAL_ERROR("internalError", 500);

    final String title;
    final int status;

    Error(String title, int status) {
      this.title = title;
      this.status = status;
    }

    String type() {
      return "https://www.w3.org/ns/did#" + name();
    }
  }

  /** What the HTTP binding sends: a status, a media type and a JSON body. */
  public record Answer(int status, String contentType, JsonNode body) {}

  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final Error error;

    Failure(Error error, String detail) {
      super(detail, null, false, false);
      this.error = error;
    }
  }

  /** What the caller wants back, decided from the Accept header or the {@code accept} option. */
  enum Representation { RESULT, DEREFERENCING_RESULT, DOCUMENT }

  private final long chainId;
  private final Supplier<ContractStorage> registry;

  /** {@code registry} gives the DID registry's storage at the current head, fresh for each resolution. */
  public DidResolver(long chainId, Supplier<ContractStorage> registry) {
    this.chainId = chainId;
    this.registry = registry;
  }

  /** DID resolution as a JSON-RPC method answers it: always the full resolution result. */
  public ObjectNode resolve(String didUrl, Map<String, String> options) {
    return (ObjectNode) answer(didUrl, options, null, true).body();
  }

  /**
   * The HTTP binding: {@code identifier} is the decoded path after {@code /1.0/identifiers/}, {@code options} the
   * query parameters, {@code accept} the Accept header (null when absent).
   */
  public Answer answer(String identifier, Map<String, String> options, String accept, boolean forceResult) {
    Representation want;
    try {
      want = forceResult ? Representation.RESULT : negotiate(accept == null ? options.get("accept") : accept);
    } catch (Failure f) {
      return error(f, Representation.RESULT);
    }
    try {
      return resolveUrl(identifier, options, want);
    } catch (Failure f) {
      return error(f, want);
    } catch (RuntimeException | SystemCall.Halt e) {
      return error(new Failure(Error.INTERNAL_ERROR, "resolution failed: " + e.getMessage()), want);
    }
  }

  /** The answer to options that could not even be read (a malformed query string or body). */
  public static Answer invalidOptions(String detail) {
    return error(new Failure(Error.INVALID_OPTIONS, detail), Representation.RESULT);
  }

  private Answer resolveUrl(String identifier, Map<String, String> options, Representation want)
      throws Failure, SystemCall.Halt {
    if (identifier == null || identifier.isEmpty()) {
      throw new Failure(Error.INVALID_DID, "no DID given");
    }
    if (identifier.length() > IDENTIFIER_CHARS_MAX) {
      throw new Failure(Error.INVALID_DID, "identifier is longer than " + IDENTIFIER_CHARS_MAX + " characters");
    }
    String rest = identifier;
    String fragment = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String path = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash);
      rest = rest.substring(0, slash);
    }
    boolean isUrl = fragment != null || query != null || path != null;
    Did did = parseDid(rest, isUrl);
    Map<String, String> params = new LinkedHashMap<>(didParameters(query));
    for (String option : new String[] {"versionId", "versionTime"}) {
      String v = options.get(option);
      if (v != null) {
        String prev = params.putIfAbsent(option, v);
        if (prev != null && !prev.equals(v)) {
          throw new Failure(Error.INVALID_OPTIONS, option + " is given twice with different values");
        }
      }
    }
    if (path != null) {
      throw new Failure(Error.NOT_FOUND, "did:trestle defines no resources at DID paths (" + printable(path) + ")");
    }
    if (did.chainId() != chainId) {
      throw new Failure(Error.NOT_FOUND, did + " belongs to chain " + did.chainId() + "; this node serves chain "
          + chainId);
    }
    DidRecord record = DidLayout.read(registry.get(), did.address());
    int version = version(record, params);
    DidRecord.Version v = record.at(version);
    ObjectNode metadata = DidDocuments.metadata(record, version);
    if (fragment != null) {
      return dereference(did, v, fragment, metadata, want);
    }
    if (v.deactivated()) {
      ObjectNode minimal = JSON.objectNode();
      minimal.putArray("@context").add(DidDocuments.CONTEXT);
      minimal.put("id", did.toString());
      return want == Representation.DOCUMENT
          ? new Answer(410, DidDocuments.MEDIA_TYPE, minimal)
          : new Answer(410, RESULT_TYPE, result(NullNode.getInstance(), metadata, null));
    }
    ObjectNode doc = DidDocuments.document(did, v);
    return want == Representation.DOCUMENT
        ? new Answer(200, DidDocuments.MEDIA_TYPE, doc)
        : new Answer(200, RESULT_TYPE, result(doc, metadata, null));
  }

  private static Did parseDid(String text, boolean isUrl) throws Failure {
    Error invalid = isUrl ? Error.INVALID_DID_URL : Error.INVALID_DID;
    if (!Did.isDidSyntax(text)) {
      throw new Failure(invalid, "'" + printable(text)
          + "' does not match the DID syntax did:<method>:<method-specific-id>");
    }
    if (!text.startsWith(Did.PREFIX)) {
      String method = text.substring(4, text.indexOf(':', 4));
      throw new Failure(Error.METHOD_NOT_SUPPORTED, "this resolver serves did:" + Did.METHOD + ", not did:" + method);
    }
    try {
      return Did.parse(text);
    } catch (DidSyntaxException e) {
      throw new Failure(invalid, e.getMessage());
    }
  }

  private static Map<String, String> didParameters(String query) throws Failure {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (!name.equals("versionId") && !name.equals("versionTime")) {
        throw new Failure(Error.FEATURE_NOT_SUPPORTED, "DID parameter '" + printable(name)
            + "' is not supported by did:trestle (supported: versionId, versionTime)");
      }
      if (out.put(name, value) != null) {
        throw new Failure(Error.INVALID_DID_URL, "DID parameter " + name + " appears twice");
      }
    }
    return out;
  }

  private static int version(DidRecord record, Map<String, String> params) throws Failure {
    String id = params.get("versionId");
    String time = params.get("versionTime");
    if (id != null && time != null) {
      throw new Failure(Error.INVALID_OPTIONS, "versionId and versionTime are mutually exclusive");
    }
    if (id != null) {
      if (!id.matches("0|[1-9][0-9]{0,8}")) {
        throw new Failure(Error.INVALID_OPTIONS, "versionId '" + printable(id)
            + "' must be a version number (0, 1, 2 ...)");
      }
      int v = Integer.parseInt(id);
      if (v > record.versionCount()) {
        throw new Failure(Error.NOT_FOUND, "version " + v + " does not exist; the latest is " + record.versionCount());
      }
      return v;
    }
    if (time != null) {
      if (!DATETIME.matcher(time).matches()) {
        throw new Failure(Error.INVALID_OPTIONS, "versionTime '" + printable(time)
            + "' must be a UTC datetime without fractions, like 2024-05-10T17:00:00Z");
      }
      try {
        return record.versionAtTime(Instant.parse(time).getEpochSecond());
      } catch (DateTimeParseException e) {
        throw new Failure(Error.INVALID_OPTIONS, "versionTime '" + time + "' is not a valid datetime");
      }
    }
    return record.versionCount();
  }

  private static Answer dereference(Did did, DidRecord.Version v, String fragment, ObjectNode metadata,
      Representation want) throws Failure {
    if (v.deactivated()) {
      throw new Failure(Error.NOT_FOUND, did + " is deactivated; it has no verification methods or services");
    }
    String id = did.withFragment(fragment);
    ObjectNode content = null;
    for (DidLayout.Key k : v.keys()) {
      if (id.equals(did.withFragment(k.id()))) {
        content = DidDocuments.verificationMethod(did, k);
      }
    }
    for (DidLayout.Service s : v.services()) {
      if (id.equals(did.withFragment(s.id()))) {
        content = JSON.objectNode().put("id", id).put("type", s.type()).put("serviceEndpoint", s.endpoint());
      }
    }
    if (content == null) {
      throw new Failure(Error.NOT_FOUND, did + " (version " + v.number() + ") has no verification method or service #"
          + printable(fragment));
    }
    ObjectNode withContext = JSON.objectNode();
    withContext.put("@context", DidDocuments.CONTEXT);
    withContext.setAll(content);
    if (want == Representation.DOCUMENT) {
      return new Answer(200, DidDocuments.MEDIA_TYPE, withContext);
    }
    ObjectNode out = JSON.objectNode();
    out.set("content", withContext);
    out.putObject("dereferencingMetadata").put("contentType", DidDocuments.MEDIA_TYPE);
    out.set("contentMetadata", metadata);
    return new Answer(200, DEREFERENCING_TYPE, out);
  }

  private static ObjectNode result(JsonNode doc, ObjectNode docMetadata, ObjectNode error) {
    ObjectNode out = JSON.objectNode();
    out.set("didDocument", doc);
    ObjectNode meta = out.putObject("didResolutionMetadata");
    if (error == null) {
      meta.put("contentType", DidDocuments.MEDIA_TYPE);
    } else {
      meta.set("error", error);
    }
    out.set("didDocumentMetadata", docMetadata);
    return out;
  }

  private static Answer error(Failure f, Representation want) {
    ObjectNode problem = JSON.objectNode()
        .put("type", f.error.type())
        .put("title", f.error.title)
        .put("detail", f.getMessage());
    if (want == Representation.DEREFERENCING_RESULT) {
      ObjectNode out = JSON.objectNode();
      out.set("content", NullNode.getInstance());
      out.putObject("dereferencingMetadata").set("error", problem);
      out.putObject("contentMetadata");
      return new Answer(f.error.status, DEREFERENCING_TYPE, out);
    }
    return new Answer(f.error.status, RESULT_TYPE, result(NullNode.getInstance(), JSON.objectNode(), problem));
  }

  /** Picks the representation from an Accept value: the highest-quality media range this resolver can produce. */
  static Representation negotiate(String accept) throws Failure {
    if (accept == null || accept.isBlank()) {
      return Representation.RESULT;
    }
    Representation best = null;
    double bestQ = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double quality = 1;
      String profile = null;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        if (p.startsWith("q=")) {
          try {
            quality = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            quality = 0;
          }
        } else if (p.startsWith("profile=")) {
          profile = p.substring(8).replace("\"", "");
        }
      }
      Representation r = switch (type) {
        case RESULT_TYPE, "application/json", "*/*", "application/*" -> Representation.RESULT;
        case DEREFERENCING_TYPE -> Representation.DEREFERENCING_RESULT;
        case DidDocuments.MEDIA_TYPE, "application/did+ld+json" -> Representation.DOCUMENT;
        case "application/ld+json" -> "https://w3id.org/did-resolution".equals(profile)
            ? Representation.RESULT : Representation.DOCUMENT;
        default -> null;
      };
      if (r != null && quality > 0 && quality > bestQ) {
        best = r;
        bestQ = quality;
      }
    }
    if (best == null) {
      throw new Failure(Error.REPRESENTATION_NOT_SUPPORTED, "none of '" + printable(accept)
          + "' can be produced; ask for application/did-resolution, application/did or application/did+ld+json");
    }
    return best;
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 100; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (s.length() > 100) {
      b.append("...");
    }
    return b.toString();
  }
}
