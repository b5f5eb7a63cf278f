package io.trestle.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Ed25519;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.SmSuite;
import io.trestle.services.did.Did;
import io.trestle.services.did.DidRegistry;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver on a running node, checked against W3C DID Resolution (HTTP binding, errors, metadata) and against
 * the DID Core context and examples in ../shared/conformance/did.
 */
class DidResolutionTest {
  static LocalChain chain;
  static Did alice;
  static Did bob;
  static String beforeRevocation;
  static JsonNode context;

  static Path conformance(String file) {
    String dir = System.getProperty("trestle.conformance.dir");
    if (dir == null) {
      throw new IllegalStateException("system property trestle.conformance.dir is not set: the DID vectors are needed");
    }
    Path p = Path.of(dir, "did", file);
    if (!Files.exists(p)) {
      throw new IllegalStateException("conformance file missing: " + p);
    }
    return p;
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  static void change(io.trestle.crypto.KeyPair who, io.trestle.evm.abi.AbiFunction f, Object... args) throws Exception {
    chain.client.transact(who, DidRegistry.ADDRESS, ChainClient.encode(f, args), 30);
  }

  @BeforeAll
  static void buildDids(@TempDir Path dir) throws Exception {
    context = LocalChain.JSON.readTree(conformance("contexts/did-v1.1rc1.jsonld").toFile());
    chain = LocalChain.start(dir, 200);
    Address a = Address.wrap(EthereumSuite.INSTANCE.address(LocalChain.ALICE.publicKey()));
    Address b = Address.wrap(EthereumSuite.INSTANCE.address(LocalChain.BOB.publicKey()));
    alice = Did.of(chain.genesis.chainId(), a);
    bob = Did.of(chain.genesis.chainId(), b);
    SecureRandom r = new SecureRandom();
    change(LocalChain.ALICE, DidRegistry.ADD_KEY, a, "owner", n(1), Bytes.wrap(LocalChain.ALICE.publicKey()),
        n(DidRegistry.AUTHENTICATION | DidRegistry.CAPABILITY_INVOCATION));
    change(LocalChain.ALICE, DidRegistry.ADD_KEY, a, "sm2-enc", n(2),
        Bytes.wrap(SmSuite.INSTANCE.generateKeyPair(r).publicKey()),
        n(DidRegistry.KEY_AGREEMENT));
    change(LocalChain.ALICE, DidRegistry.ADD_KEY, a, "ed-sign", n(3),
        Bytes.wrap(Ed25519.generateKeyPair(r).publicKey()),
        n(DidRegistry.ASSERTION_METHOD));
    change(LocalChain.ALICE, DidRegistry.ADD_SERVICE, a, "files", "LinkedDomains", "https://alice.example/");
    change(LocalChain.ALICE, DidRegistry.ADD_CONTROLLER, a, b);
    Thread.sleep(1100);
    beforeRevocation = Instant.ofEpochSecond(Instant.now().getEpochSecond()).toString();
    Thread.sleep(1100);
    change(LocalChain.BOB, DidRegistry.REVOKE_KEY, a, "ed-sign");
    change(LocalChain.BOB, DidRegistry.DEACTIVATE, b);
  }

  @AfterAll
  static void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  JsonNode body(HttpResponse<String> r) throws Exception {
    return LocalChain.JSON.readTree(r.body());
  }

  HttpResponse<String> resolve(String didUrl, String accept) throws Exception {
    return chain.get("/1.0/identifiers/" + didUrl, accept);
  }

  @Test
  void resolvesTheLatestDocumentWithMetadata() throws Exception {
    HttpResponse<String> r = resolve(alice.toString(), "application/did-resolution");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/did-resolution", r.headers().firstValue("content-type").orElse(""));
    JsonNode result = body(r);
    assertResolutionResult(result);
    JsonNode doc = result.get("didDocument");
    assertEquals(alice.toString(), doc.get("id").asText());
    assertEquals(List.of(alice.toString(), bob.toString()), strings(doc.get("controller")));
    assertEquals(List.of(alice + "#owner", alice + "#sm2-enc"), ids(doc.get("verificationMethod")));
    assertEquals(List.of(alice + "#owner"), strings(doc.get("authentication")));
    assertEquals(List.of(alice + "#sm2-enc"), strings(doc.get("keyAgreement")));
    assertFalse(doc.has("assertionMethod"), "the Ed25519 key was revoked");
    assertEquals("https://alice.example/", doc.get("service").get(0).get("serviceEndpoint").asText());
    JsonNode meta = result.get("didDocumentMetadata");
    assertEquals("6", meta.get("versionId").asText());
    assertFalse(meta.has("nextVersionId"));
    assertEquals("application/did", result.get("didResolutionMetadata").get("contentType").asText());
    assertValidAgainstDidCoreContext(doc);
  }

  @Test
  void resolvesEarlierVersionsByIdAndByTime() throws Exception {
    JsonNode v3 = body(resolve(alice + "?versionId=3", null));
    assertEquals(3, v3.get("didDocument").get("verificationMethod").size());
    assertEquals("4", v3.get("didDocumentMetadata").get("nextVersionId").asText());
    assertTrue(v3.get("didDocumentMetadata").has("nextUpdate"));
    JsonNode v0 = body(resolve(alice + "?versionId=0", null));
    assertFalse(v0.get("didDocument").has("verificationMethod"), "version 0 is the implicit document");
    assertFalse(v0.get("didDocumentMetadata").has("updated"));
    JsonNode byTime = body(chain.get("/1.0/identifiers/" + URLEncoder.encode(alice.toString(), StandardCharsets.UTF_8)
        + "?versionTime=" + beforeRevocation, null));
    assertEquals("5", byTime.get("didDocumentMetadata").get("versionId").asText());
    assertEquals(3, byTime.get("didDocument").get("verificationMethod").size(), "the Ed25519 key was still there");
    JsonNode longAgo = body(resolve(alice + "?versionTime=2021-05-10T17:00:00Z", null));
    assertEquals("0", longAgo.get("didDocumentMetadata").get("versionId").asText());
  }

  @Test
  void answersTheDocumentAloneForApplicationDid() throws Exception {
    HttpResponse<String> r = resolve(alice.toString(), "application/did");
    assertEquals(200, r.statusCode());
    assertEquals("application/did", r.headers().firstValue("content-type").orElse(""));
    JsonNode doc = body(r);
    assertEquals(alice.toString(), doc.get("id").asText());
    assertValidAgainstDidCoreContext(doc);
  }

  @Test
  void dereferencesAFragmentToItsVerificationMethod() throws Exception {
    HttpResponse<String> r = resolve(URLEncoder.encode(alice + "#owner", StandardCharsets.UTF_8), "application/did");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode vm = body(r);
    assertEquals("Multikey", vm.get("type").asText());
    assertTrue(vm.get("publicKeyMultibase").asText().startsWith("zQ3s"));
    JsonNode full = body(resolve(URLEncoder.encode(alice + "#files", StandardCharsets.UTF_8),
        DidResolver.DEREFERENCING_TYPE));
    assertEquals("LinkedDomains", full.get("content").get("type").asText());
    assertEquals(404, resolve(URLEncoder.encode(alice + "#ed-sign", StandardCharsets.UTF_8), null).statusCode(),
        "revoked keys are not in the current document");
  }

  @Test
  void aDeactivatedDidAnswers410WithTheFlag() throws Exception {
    HttpResponse<String> r = resolve(bob.toString(), null);
    assertEquals(410, r.statusCode());
    JsonNode result = body(r);
    assertTrue(result.get("didDocument").isNull());
    assertTrue(result.get("didDocumentMetadata").get("deactivated").asBoolean());
    assertEquals(200, resolve(bob + "?versionId=0", null).statusCode(), "history before deactivation stays resolvable");
  }

  @Test
  void reportsTheSpecsErrorsWithTheirStatusCodes() throws Exception {
    assertError(resolve("did:trestle:1337:0xABC", null), 400, "INVALID_DID", "invalidDid");
    assertError(resolve("not-a-did", null), 400, "INVALID_DID", "invalidDid");
    assertError(resolve("did:trestle:99:" + alice.address().toHex(), null), 404, "NOT_FOUND", "notFound");
    assertError(resolve(alice + "?versionId=99", null), 404, "NOT_FOUND", "notFound");
    assertError(resolve(alice.toString(), "text/html"), 406, "REPRESENTATION_NOT_SUPPORTED",
        "representationNotSupported");
    assertError(resolve(alice + "?versionTime=yesterday", null), 400, "INVALID_OPTIONS", "invalidOptions");
    assertError(resolve(alice + "?versionId=1&versionTime=2021-05-10T17:00:00Z", null), 400, "INVALID_OPTIONS",
        "invalidOptions");
    assertError(resolve(alice + "/some/path", null), 404, "NOT_FOUND", "notFound");
  }

  @Test
  void theSpecExampleDidUrlsOfOtherMethodsAreNotSupported() throws Exception {
    JsonNode examples = LocalChain.JSON.readTree(conformance("did-resolution-examples.json").toFile()).get("examples");
    int checked = 0;
    for (JsonNode e : examples) {
      String text = e.get("text").asText();
      if (text.startsWith("did:example:") && !text.contains("\n")) {
        HttpResponse<String> r = resolve(URLEncoder.encode(text, StandardCharsets.UTF_8), null);
        assertError(r, 501, "METHOD_NOT_SUPPORTED", "methodNotSupported");
        checked++;
      }
    }
    assertEquals(11, checked, "the examples with did:example URLs");
  }

  @Test
  void theJsonRpcMethodAnswersTheSameResult() throws Exception {
    JsonNode viaRpc = chain.call("trestle_resolveDid", alice.toString());
    assertEquals(body(resolve(alice.toString(), null)), viaRpc);
    ObjectNode options = LocalChain.JSON.createObjectNode().put("versionId", "1");
    assertEquals("1", chain.call("trestle_resolveDid", alice.toString(), options).get("didDocumentMetadata")
        .get("versionId").asText());
    JsonNode bad = chain.call("trestle_resolveDid", "did:trestle:x");
    assertEquals("https://www.w3.org/ns/did#INVALID_DID",
        bad.get("didResolutionMetadata").get("error").get("type").asText());
  }

  @Test
  void theContextValidatorAcceptsTheSpecExampleAndRejectsUndefinedTerms() throws Exception {
    JsonNode examples = LocalChain.JSON.readTree(conformance("did-resolution-examples.json").toFile()).get("examples");
    JsonNode example11 = null;
    for (JsonNode e : examples) {
      if (e.get("number").asInt() == 11) {
        example11 = LocalChain.JSON.readTree(e.get("text").asText());
      }
    }
    assertNotNull(example11);
    assertValidAgainstDidCoreContext(example11);
    ObjectNode bad = (ObjectNode) example11.deepCopy();
    bad.put("publicKey", "not a DID Core term");
    assertFalse(undefinedTerms(bad).isEmpty());
  }

  @Test
  void metadataTimesFollowTheSpecExampleFormat() throws Exception {
    JsonNode examples = LocalChain.JSON.readTree(conformance("did-resolution-examples.json").toFile()).get("examples");
    String exampleCreated = null;
    for (JsonNode e : examples) {
      if (e.get("number").asInt() == 19) {
        exampleCreated = LocalChain.JSON.readTree(e.get("text").asText()).get("created").asText();
      }
    }
    String pattern = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    assertTrue(exampleCreated.matches(pattern));
    JsonNode meta = body(resolve(alice.toString(), null)).get("didDocumentMetadata");
    assertTrue(meta.get("created").asText().matches(pattern));
    assertTrue(meta.get("updated").asText().matches(pattern));
  }

  // ---- checks shared by the tests ----

  static void assertError(HttpResponse<String> r, int status, String type, String title) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode result = LocalChain.JSON.readTree(r.body());
    assertResolutionResult(result);
    JsonNode error = result.get("didResolutionMetadata").get("error");
    assertEquals("https://www.w3.org/ns/did#" + type, error.get("type").asText());
    assertEquals(title, error.get("title").asText());
    assertFalse(error.get("detail").asText().isBlank());
    assertTrue(result.get("didDocument").isNull());
    assertEquals(0, result.get("didDocumentMetadata").size());
  }

  /** The ResolutionResult schema of the resolver OpenAPI (../shared/conformance/did/did-resolution/openapi). */
  static void assertResolutionResult(JsonNode r) {
    assertTrue(r.isObject());
    assertTrue(r.get("didDocument").isObject() || r.get("didDocument").isNull());
    assertTrue(r.get("didResolutionMetadata").isObject());
    assertTrue(r.get("didDocumentMetadata").isObject());
    JsonNode m = r.get("didDocumentMetadata");
    for (String f : List.of("created", "updated", "nextUpdate", "versionId", "nextVersionId")) {
      assertTrue(!m.has(f) || m.get(f).isTextual(), f + " must be a string");
    }
    assertTrue(!m.has("deactivated") || m.get("deactivated").isBoolean());
    JsonNode err = r.get("didResolutionMetadata").get("error");
    if (err != null) {
      assertTrue(err.get("type").isTextual() && err.get("title").isTextual(),
          "RFC 9457 problem details need type and title");
    }
  }

  void assertValidAgainstDidCoreContext(JsonNode doc) {
    assertEquals(Set.of(), undefinedTerms(doc), "terms the DID Core context does not define");
    JsonNode ctx = doc.get("@context");
    String first = ctx.isArray() ? ctx.get(0).asText() : ctx.asText();
    assertEquals("https://www.w3.org/ns/did/v1.1", first);
    assertTrue(Did.isDidSyntax(doc.get("id").asText()));
    Set<String> methods = new HashSet<>(ids(doc.path("verificationMethod")));
    for (String rel : List.of("authentication", "assertionMethod", "keyAgreement", "capabilityInvocation",
        "capabilityDelegation")) {
      for (JsonNode ref : doc.path(rel)) {
        assertTrue(ref.isObject() || methods.contains(ref.asText()), rel + " refers to " + ref
            + " which the document lacks");
      }
    }
    for (JsonNode vm : doc.path("verificationMethod")) {
      assertTrue(vm.get("id").asText().startsWith(doc.get("id").asText() + "#"));
      assertTrue(Did.isDidSyntax(vm.get("controller").asText()));
      assertTrue(vm.get("publicKeyMultibase").asText().startsWith("z"));
    }
  }

  /** Properties a JSON-LD processor would drop: not defined by the DID Core 1.1 context (with its scoped contexts). */
  static Set<String> undefinedTerms(JsonNode doc) {
    JsonNode top = context.get("@context");
    Set<String> out = new HashSet<>();
    doc.fieldNames().forEachRemaining(f -> {
      if (!f.equals("@context") && !top.has(f)) {
        out.add(f);
      }
    });
    for (JsonNode vm : doc.path("verificationMethod")) {
      JsonNode typeDef = top.get(vm.path("type").asText());
      if (typeDef == null) {
        out.add("type " + vm.path("type").asText());
        continue;
      }
      JsonNode scoped = typeDef.get("@context");
      vm.fieldNames().forEachRemaining(f -> {
        if (!scoped.has(f)) {
          out.add("verificationMethod." + f);
        }
      });
    }
    JsonNode serviceScope = top.get("service").get("@context");
    for (JsonNode s : doc.path("service")) {
      s.fieldNames().forEachRemaining(f -> {
        if (!serviceScope.has(f)) {
          out.add("service." + f);
        }
      });
    }
    return out;
  }

  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  static List<String> ids(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.get("id").asText()));
    return out;
  }
}
