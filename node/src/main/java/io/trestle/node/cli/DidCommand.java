package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.node.identity.ChainClient;
import io.trestle.node.identity.DidDocuments;
import io.trestle.services.did.Did;
import io.trestle.services.did.DidRegistry;
import io.trestle.services.did.KeyType;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trestle did}: read and change {@code did:trestle} DIDs (docs/did-method.md). */
@Command(name = "did", mixinStandardHelpOptions = true,
    description = "Show, resolve and change DIDs (did:trestle:<chainId>:<address>).",
    subcommands = {DidCommand.Show.class, DidCommand.Resolve.class, DidCommand.AddKey.class, DidCommand.RevokeKey.class,
        DidCommand.AddService.class, DidCommand.RemoveService.class, DidCommand.AddController.class,
        DidCommand.RemoveController.class, DidCommand.Deactivate.class})
final class DidCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  /** A change to a DID, signed by a controller; the DID defaults to the signer's own. */
  abstract static class Change implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keySource = new KeySource();

    @Option(names = "--did", description = "DID to change: a DID, address or name (default: the signer's own)")
    String did;

    @Option(names = "--timeout-s", description = "How long to wait for the receipt (default: ${DEFAULT-VALUE})",
        defaultValue = "60")
    int timeoutS;

    ChainClient client;
    KeyPair key;
    Did target;

    @Override
    public Integer call() throws Exception {
      client = IdentityClients.client(rpc);
      ChainClient.Info info = IdentityClients.run(client::info);
      key = keySource.load(info.suite());
      Address self = Address.wrap(info.suite().address(key.publicKey()));
      target = did == null ? Did.of(info.chainId(), self) : IdentityClients.run(() -> client.resolveDid(did));
      Bytes data = IdentityClients.run(this::data);
      JsonNode receipt = IdentityClients.run(() -> client.transact(key, DidRegistry.ADDRESS, data, timeoutS));
      System.out.println(done() + " (transaction " + receipt.path("transactionHash").asText() + ", block "
          + Long.decode(receipt.path("blockNumber").asText()) + ")");
      return 0;
    }

    abstract Bytes data() throws ChainClient.Failure, CliException;

    abstract String done();
  }

  @Command(name = "add-key", mixinStandardHelpOptions = true, description = "Add a verification method to a DID.")
  static final class AddKey extends Change {
    @Option(names = "--id", required = true, description = "Key id, the DID URL fragment (letters, digits, . _ -)")
    String id;

    @Option(names = "--type", description = "secp256k1, sm2 or ed25519 (default: the chain suite's curve)")
    String type;

    @Option(names = "--public-key", description = "Public key, hex (default: the signer's own public key)")
    String publicKey;

    @Option(names = "--relationships", split = ",", description = "authentication, assertionMethod, keyAgreement, "
        + "capabilityInvocation, capabilityDelegation (default: authentication,assertionMethod)")
    String[] relationships = {"authentication", "assertionMethod"};

    @Override
    Bytes data() throws ChainClient.Failure, CliException {
      KeyType t = type != null ? KeyType.ofLabel(type)
          : client.info().suite().signatureCarriesPublicKey() ? KeyType.SM2 : KeyType.SECP256K1;
      if (t == null) {
        throw new CliException("--type: '" + type + "' is not secp256k1, sm2 or ed25519");
      }
      byte[] pub;
      try {
        pub = publicKey == null ? key.publicKey() : Hex.decode(publicKey.trim());
      } catch (IllegalArgumentException e) {
        throw new CliException("--public-key: " + e.getMessage());
      }
      int bits = 0;
      for (String r : relationships) {
        int b = DidDocuments.relationshipBit(r.trim());
        if (b == 0) {
          throw new CliException("--relationships: '" + r + "' is not a verification relationship");
        }
        bits |= b;
      }
      return ChainClient.encode(DidRegistry.ADD_KEY, target.address(), id, n(t.code()), Bytes.wrap(pub), n(bits));
    }

    @Override
    String done() {
      return "added key " + target.withFragment(id);
    }
  }

  @Command(name = "revoke-key", mixinStandardHelpOptions = true, description = "Revoke a verification method.")
  static final class RevokeKey extends Change {
    @Option(names = "--id", required = true, description = "Key id to revoke")
    String id;

    @Override
    Bytes data() throws ChainClient.Failure {
      return ChainClient.encode(DidRegistry.REVOKE_KEY, target.address(), id);
    }

    @Override
    String done() {
      return "revoked key " + target.withFragment(id);
    }
  }

  @Command(name = "add-service", mixinStandardHelpOptions = true, description = "Add a service endpoint to a DID.")
  static final class AddService extends Change {
    @Option(names = "--id", required = true, description = "Service id (the DID URL fragment)")
    String id;

    @Option(names = "--type", required = true, description = "Service type, e.g. LinkedDomains")
    String type;

    @Option(names = "--endpoint", required = true, description = "Service endpoint URI")
    String endpoint;

    @Override
    Bytes data() throws ChainClient.Failure {
      return ChainClient.encode(DidRegistry.ADD_SERVICE, target.address(), id, type, endpoint);
    }

    @Override
    String done() {
      return "added service " + target.withFragment(id);
    }
  }

  @Command(name = "remove-service", mixinStandardHelpOptions = true, description = "Remove a service from a DID.")
  static final class RemoveService extends Change {
    @Option(names = "--id", required = true, description = "Service id")
    String id;

    @Override
    Bytes data() throws ChainClient.Failure {
      return ChainClient.encode(DidRegistry.REMOVE_SERVICE, target.address(), id);
    }

    @Override
    String done() {
      return "removed service " + target.withFragment(id);
    }
  }

  @Command(name = "add-controller", mixinStandardHelpOptions = true, description = "Let another account control a DID.")
  static final class AddController extends Change {
    @Parameters(index = "0", paramLabel = "CONTROLLER", description = "Address, name or DID of the new controller")
    String controller;

    Did added;

    @Override
    Bytes data() throws ChainClient.Failure {
      added = client.resolveDid(controller);
      return ChainClient.encode(DidRegistry.ADD_CONTROLLER, target.address(), added.address());
    }

    @Override
    String done() {
      return added + " now controls " + target;
    }
  }

  @Command(name = "remove-controller", mixinStandardHelpOptions = true, description = "Remove a controller of a DID.")
  static final class RemoveController extends Change {
    @Parameters(index = "0", paramLabel = "CONTROLLER", description = "Address, name or DID of the controller")
    String controller;

    Did removed;

    @Override
    Bytes data() throws ChainClient.Failure {
      removed = client.resolveDid(controller);
      return ChainClient.encode(DidRegistry.REMOVE_CONTROLLER, target.address(), removed.address());
    }

    @Override
    String done() {
      return removed + " no longer controls " + target;
    }
  }

  @Command(name = "deactivate", mixinStandardHelpOptions = true,
      description = "Deactivate a DID for good: it can never be changed again and resolves as deactivated.")
  static final class Deactivate extends Change {
    @Option(names = "--yes", required = true, description = "Confirm: deactivation cannot be undone")
    boolean yes;

    @Override
    Bytes data() throws ChainClient.Failure {
      return ChainClient.encode(DidRegistry.DEACTIVATE, target.address());
    }

    @Override
    String done() {
      return "deactivated " + target;
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Resolve a DID or DID URL and print the DID resolution result (JSON).")
  static final class Resolve implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", paramLabel = "DID", description = "DID, DID URL, address or name")
    String did;

    @Option(names = "--version-id", description = "Resolve this version")
    String versionId;

    @Option(names = "--version-time",
        description = "Resolve the version in force at this UTC time (2024-05-10T17:00:00Z)")
    String versionTime;

    @Option(names = "--document", description = "Print only the DID document")
    boolean document;

    @Override
    public Integer call() throws Exception {
      ChainClient client = IdentityClients.client(rpc);
      String url = did.startsWith("did:") ? did : IdentityClients.run(() -> client.resolveDid(did)).toString();
      ObjectNode options = JSON.createObjectNode();
      if (versionId != null) {
        options.put("versionId", versionId);
      }
      if (versionTime != null) {
        options.put("versionTime", versionTime);
      }
      JsonNode result = rpc.client().call("trestle_resolveDid", url, options);
      JsonNode error = result.path("didResolutionMetadata").path("error");
      System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document
          ? result.get("didDocument") : result));
      if (!error.isMissingNode()) {
        System.err.println("trestle: " + error.path("title").asText() + ": " + error.path("detail").asText());
        return 1;
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a DID's current document, readably.")
  static final class Show implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keySource = new KeySource();

    @Parameters(index = "0", arity = "0..1", paramLabel = "DID",
        description = "DID, address or name (default: the --key's)")
    String did;

    @Override
    public Integer call() throws Exception {
      ChainClient client = IdentityClients.client(rpc);
      ChainClient.Info info = IdentityClients.run(client::info);
      Did target;
      if (did != null) {
        target = IdentityClients.run(() -> client.resolveDid(did));
      } else {
        KeyPair key = keySource.load(info.suite());
        target = Did.of(info.chainId(), Address.wrap(info.suite().address(key.publicKey())));
      }
      JsonNode result = rpc.client().call("trestle_resolveDid", target.toString());
      print(System.out, target, result);
      return result.path("didResolutionMetadata").has("error") ? 1 : 0;
    }

    static void print(PrintStream out, Did did, JsonNode result) {
      JsonNode meta = result.path("didDocumentMetadata");
      JsonNode doc = result.path("didDocument");
      out.println("did          " + did);
      out.println("version      " + meta.path("versionId").asText("-")
          + (meta.has("updated") ? "  updated " + meta.get("updated").asText() : "  (implicit, never changed)"));
      if (meta.path("deactivated").asBoolean()) {
        out.println("status       DEACTIVATED");
        return;
      }
      JsonNode error = result.path("didResolutionMetadata").path("error");
      if (!error.isMissingNode()) {
        out.println("error        " + error.path("title").asText() + ": " + error.path("detail").asText());
        return;
      }
      out.println("controllers  " + doc.path("controller"));
      for (JsonNode vm : doc.path("verificationMethod")) {
        String id = vm.path("id").asText();
        StringBuilder rels = new StringBuilder();
        for (String r : DidDocuments.relationshipNames(DidRegistry.ALL_RELATIONSHIPS)) {
          for (JsonNode ref : doc.path(r)) {
            if (ref.asText().equals(id)) {
              rels.append(rels.length() == 0 ? "" : ",").append(r);
            }
          }
        }
        out.println("key          " + id.substring(id.indexOf('#')) + "  " + vm.path("publicKeyMultibase").asText()
            + "  " + rels);
      }
      for (JsonNode s : doc.path("service")) {
        String id = s.path("id").asText();
        out.println("service      " + id.substring(id.indexOf('#')) + "  " + s.path("type").asText() + "  "
            + s.path("serviceEndpoint").asText());
      }
    }
  }
}
