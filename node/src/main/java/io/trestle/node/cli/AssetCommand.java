package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.services.assets.AssetAbi;
import io.trestle.services.assets.AssetAddresses;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trestle asset}: digital assets from the command line (docs/assets.md): register and approve platforms,
 * create collections, mint works (fingerprinted from files under the chain's hash), transfer, show, history, and
 * the regulator's freezes. Writes are signed transactions to the asset contracts; reads use the node's asset API.
 */
@Command(name = "asset", mixinStandardHelpOptions = true,
    description = "Digital assets: platforms, collections, mint, transfer, show, history, freeze.",
    subcommands = {AssetCommand.Platform.class, AssetCommand.Collection.class, AssetCommand.Mint.class,
        AssetCommand.Transfer.class, AssetCommand.Show.class, AssetCommand.History.class, AssetCommand.Freeze.class,
        AssetCommand.Certificate.class, AssetCommand.VerifyCertificate.class})
final class AssetCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Files hashed for fingerprints are read whole: above this, hash them yourself and pass --fingerprint. */
  static final long FILE_BYTES_MAX = 256L * 1024 * 1024;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options every writing subcommand takes: the node, the key, how long to wait. */
  static final class Writer {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keySource = new KeySource();

    @Option(names = "--timeout-s", description = "How long to wait for the receipt (default: ${DEFAULT-VALUE})",
        defaultValue = "60")
    int timeoutS;

    /** Signs and sends a call, waits for the receipt, and fails with the revert reason if it reverted. */
    JsonNode send(Address to, AbiFunction fn, Object... args) throws CliException, InterruptedException {
      RpcClient client = rpc.client();
      CryptoSuite suite = SendCommand.suiteOf(client);
      KeyPair key = keySource.load(suite);
      Address from = Address.wrap(suite.address(key.publicKey()));
      Bytes data = encode(fn, args);
      ObjectNode call = JSON.createObjectNode().put("from", from.toHex()).put("to", to.toHex()).put("data", data.toHex());
      long gas;
      try {
        gas = SendCommand.hexLong(client.call("eth_estimateGas", call));
      } catch (CliException e) {
        throw new CliException(fn.name() + " would fail: " + e.getMessage().replaceFirst("^eth_estimateGas failed: ", ""));
      }
      long chainId = SendCommand.hexLong(client.call("eth_chainId"));
      long nonce = SendCommand.hexLong(client.call("eth_getTransactionCount", from.toHex(), "pending"));
      BigInteger tip = SendCommand.hexBig(client.call("eth_maxPriorityFeePerGas"));
      BigInteger baseFee = SendCommand.hexBig(client.call("eth_getBlockByNumber", "latest", false).get("baseFeePerGas"));
      Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(chainId).nonce(nonce)
          .gasLimit(gas + gas / 5).to(to).value(BigInteger.ZERO).data(data).maxPriorityFeePerGas(tip)
          .maxFeePerGas(baseFee.multiply(BigInteger.TWO).add(tip)).sign(key, suite);
      String hash = client.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
      JsonNode receipt = Receipts.await(client, hash, timeoutS);
      if (!"0x1".equals(receipt.path("status").asText())) {
        throw new CliException(fn.name() + " failed in block " + Long.decode(receipt.path("blockNumber").asText())
            + " (transaction " + hash + ")");
      }
      System.out.println("transaction " + hash + " in block " + Long.decode(receipt.path("blockNumber").asText()));
      return receipt;
    }

    CryptoSuite suite() {
      try {
        return SendCommand.suiteOf(rpc.client());
      } catch (CliException e) {
        return io.trestle.crypto.EthereumSuite.INSTANCE;
      }
    }
  }

  static Bytes encode(AbiFunction fn, Object... args) throws CliException {
    try {
      return fn.encodeCall(args);
    } catch (AbiException e) {
      throw new CliException(fn.name() + ": " + e.getMessage());
    }
  }

  static Address address(String what, String text) throws CliException {
    try {
      return Address.fromHex(text.trim());
    } catch (IllegalArgumentException e) {
      throw new CliException(what + ": " + e.getMessage());
    }
  }

  static Bytes bytes32(String what, String text) throws CliException {
    Bytes b;
    try {
      b = Bytes.fromHex(text.trim());
    } catch (IllegalArgumentException e) {
      throw new CliException(what + ": " + e.getMessage());
    }
    if (b.size() != 32) {
      throw new CliException(what + " must be 32 bytes, got " + b.size());
    }
    return b;
  }

  /** The chain's hash of a file: the content fingerprint the registry keeps. */
  static Bytes hashFile(CryptoSuite suite, Path file) throws CliException {
    try {
      if (Files.size(file) > FILE_BYTES_MAX) {
        throw new CliException(file + " is larger than " + FILE_BYTES_MAX + " bytes: pass its hash with --fingerprint");
      }
      return Bytes.wrap(suite.hash(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
  }

  static void print(PrintStream out, JsonNode node) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Values of {@code topic} words at {@code index} in logs of {@code emitter} whose first topic is {@code topic0}. */
  static List<BigInteger> topics(JsonNode receipt, Address emitter, String topic0, int index, boolean fromZero) {
    List<BigInteger> out = new ArrayList<>();
    for (JsonNode log : receipt.path("logs")) {
      JsonNode t = log.path("topics");
      if (log.path("address").asText().equalsIgnoreCase(emitter.toHex()) && t.size() > index
          && t.get(0).asText().equalsIgnoreCase(topic0)
          && (!fromZero || new BigInteger(t.get(1).asText().substring(2), 16).signum() == 0)) {
        out.add(new BigInteger(t.get(index).asText().substring(2), 16));
      }
    }
    return out;
  }

  // ---- platform ----

  @Command(name = "platform", mixinStandardHelpOptions = true,
      description = "Register a platform (under the signer's DID), approve or suspend one (committee), or show one.")
  static final class Platform implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Parameters(index = "0", description = "register | approve | suspend | show")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "The platform's address (approve, suspend, show)")
    String platform;

    @Option(names = "--name", description = "Display name (register)")
    String name;

    @Option(names = "--uri", description = "The platform's web address or metadata URI (register)", defaultValue = "")
    String uri;

    @Option(names = "--reason", description = "Why (suspend)")
    String reason;

    @Override
    public Integer call() throws Exception {
      switch (action) {
        case "register" -> {
          if (name == null) {
            throw new CliException("platform register needs --name");
          }
          writer.send(AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, name, uri);
          System.out.println("registered; waiting for a committee member to approve it");
        }
        case "approve" -> writer.send(AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, address("platform", need()));
        case "suspend" -> {
          if (reason == null) {
            throw new CliException("platform suspend needs --reason");
          }
          writer.send(AssetAddresses.PLATFORMS, AssetAbi.SUSPEND_PLATFORM, address("platform", need()), reason);
        }
        case "show" -> print(System.out, writer.rpc.client().call("trestle_getPlatform", need()));
        default -> throw new CliException("platform: unknown action " + action + " (register, approve, suspend, show)");
      }
      return 0;
    }

    private String need() throws CliException {
      if (platform == null) {
        throw new CliException("platform " + action + " needs the platform's address");
      }
      return platform;
    }
  }

  // ---- collection ----

  @Command(name = "collection", mixinStandardHelpOptions = true,
      description = "Create an ERC-721 collection (or ERC-1155 editions, or an ERC-20 token) or show one.")
  static final class Collection implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Parameters(index = "0", description = "create | show | list")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "The collection's address (show)")
    String collection;

    @Option(names = "--name")
    String name;

    @Option(names = "--symbol")
    String symbol;

    @Option(names = "--base-uri", description = "Token URIs are this plus the token id", defaultValue = "")
    String baseUri;

    @Option(names = "--royalty-receiver", description = "EIP-2981 royalty receiver")
    String royaltyReceiver;

    @Option(names = "--royalty-bps", description = "Royalty in basis points (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int royaltyBps;

    @Option(names = "--editions", description = "Create ERC-1155 editions instead of an ERC-721 collection")
    boolean editions;

    @Option(names = "--fungible", description = "Create an ERC-20 token instead (with --decimals and --cap)")
    boolean fungible;

    @Option(names = "--decimals", defaultValue = "18")
    int decimals;

    @Option(names = "--cap", description = "Most tokens that may ever exist; 0 for no cap", defaultValue = "0")
    String cap;

    @Option(names = "--issuer", description = "Only those this address created (list)")
    String issuer;

    @Override
    public Integer call() throws Exception {
      switch (action) {
        case "create" -> create();
        case "show" -> {
          if (collection == null) {
            throw new CliException("collection show needs the collection's address");
          }
          print(System.out, writer.rpc.client().call("trestle_getAsset", collection));
        }
        case "list" -> {
          ObjectNode options = JSON.createObjectNode();
          if (issuer != null) {
            options.put("issuer", issuer);
          }
          print(System.out, writer.rpc.client().call("trestle_getAssets", options));
        }
        default -> throw new CliException("collection: unknown action " + action + " (create, show, list)");
      }
      return 0;
    }

    private void create() throws CliException, InterruptedException {
      if (name == null || symbol == null) {
        throw new CliException("collection create needs --name and --symbol");
      }
      JsonNode receipt;
      String topic;
      Address factory;
      if (fungible) {
        BigInteger capValue;
        try {
          capValue = new BigInteger(cap);
        } catch (NumberFormatException e) {
          throw new CliException("--cap must be a whole number, got " + cap);
        }
        factory = AssetAddresses.TOKENS;
        receipt = writer.send(factory, AssetAbi.CREATE_TOKEN, name, symbol, BigInteger.valueOf(decimals), capValue);
        topic = AssetAbi.TOKEN_CREATED.topic0().toHex();
      } else {
        Address receiver = royaltyReceiver == null ? Address.ZERO : address("--royalty-receiver", royaltyReceiver);
        factory = AssetAddresses.COLLECTIONS;
        receipt = writer.send(factory, editions ? AssetAbi.CREATE_EDITIONS : AssetAbi.CREATE_COLLECTION, name, symbol,
            baseUri, receiver, BigInteger.valueOf(royaltyBps));
        topic = AssetAbi.COLLECTION_CREATED.topic0().toHex();
      }
      for (BigInteger a : topics(receipt, factory, topic, 1, false)) {
        System.out.println("address " + Address.wrap(padded(a)).toChecksumHex());
      }
    }
  }

  static byte[] padded(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[20];
    int n = Math.min(20, raw.length);
    System.arraycopy(raw, raw.length - n, out, 20 - n, n);
    return out;
  }

  // ---- mint ----

  @Command(name = "mint", mixinStandardHelpOptions = true, description = "Mint works into a collection: one per file "
      + "(or per --fingerprint); several files make one batch (at most 1000). Signed by the collection's platform.")
  static final class Mint implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Option(names = "--collection", required = true)
    String collection;

    @Option(names = "--to", required = true, description = "The first owner")
    String to;

    @Option(names = "--creator", required = true, description = "The creator (address or did:trestle DID), the first right holder")
    String creator;

    @Parameters(arity = "0..*", description = "Files whose hash under the chain's hash function is the fingerprint")
    List<Path> files = new ArrayList<>();

    @Option(names = "--fingerprint", description = "A content fingerprint (0x + 64 hex), instead of a file")
    List<String> fingerprints = new ArrayList<>();

    @Option(names = "--perceptual-hash", description = "Perceptual hashes, one per work in order (optional)")
    List<String> perceptual = new ArrayList<>();

    @Option(names = "--uri", description = "The work's own metadata URI (single work only)", defaultValue = "")
    String uri;

    @Option(names = "--license-uri", defaultValue = "")
    String licenseUri;

    @Option(names = "--license-file", description = "The license terms, hashed into licenseHash")
    Path licenseFile;

    @Option(names = "--editions", description = "For an ERC-1155 collection: editions of each work", defaultValue = "0")
    long editions;

    @Override
    public Integer call() throws Exception {
      CryptoSuite suite = writer.suite();
      List<Bytes> fps = new ArrayList<>();
      for (Path f : files) {
        fps.add(hashFile(suite, f));
      }
      for (String f : fingerprints) {
        fps.add(bytes32("--fingerprint", f));
      }
      if (fps.isEmpty()) {
        throw new CliException("mint needs at least one file or --fingerprint");
      }
      List<Bytes> ph = new ArrayList<>();
      for (String p : perceptual) {
        ph.add(bytes32("--perceptual-hash", p));
      }
      if (!ph.isEmpty() && ph.size() != fps.size()) {
        throw new CliException("give one --perceptual-hash per work (" + fps.size() + ") or none");
      }
      Bytes zero = Bytes.wrap(new byte[32]);
      Bytes licenseHash = licenseFile == null ? zero : hashFile(suite, licenseFile);
      Address c = address("--collection", collection);
      Address owner = address("--to", to);
      Address author = address("--creator", creator.startsWith("did:") ? creator.substring(creator.lastIndexOf(':') + 1)
          : creator);
      JsonNode receipt;
      if (editions > 0) {
        receipt = fps.size() == 1
            ? writer.send(c, AssetAbi.MINT_EDITION, owner, BigInteger.valueOf(editions), fps.get(0),
                ph.isEmpty() ? zero : ph.get(0), uri, author, licenseUri, licenseHash)
            : writer.send(c, AssetAbi.MINT_EDITION_BATCH, owner, fps.stream().map(f -> BigInteger.valueOf(editions))
                .toList(), fps, ph, author, licenseUri, licenseHash);
        for (JsonNode log : receipt.path("logs")) {
          if (log.path("topics").path(0).asText().equalsIgnoreCase(AssetAbi.WORKS_REGISTERED.topic0().toHex())) {
            System.out.println("first work " + new BigInteger(log.path("topics").path(1).asText().substring(2), 16)
                + " (" + fps.size() + " works, " + editions + " editions each)");
          }
        }
        return 0;
      }
      receipt = fps.size() == 1
          ? writer.send(c, AssetAbi.MINT, owner, fps.get(0), ph.isEmpty() ? zero : ph.get(0), uri, author, licenseUri,
              licenseHash)
          : writer.send(c, AssetAbi.MINT_BATCH, owner, fps, ph, author, licenseUri, licenseHash);
      List<BigInteger> ids = topics(receipt, c, AssetAbi.TRANSFER_721.topic0().toHex(), 3, true);
      System.out.println(ids.size() == 1 ? "token " + ids.get(0)
          : "tokens " + ids.get(0) + ".." + ids.get(ids.size() - 1));
      for (int i = 0; i < Math.min(fps.size(), 5); i++) {
        System.out.println("fingerprint " + fps.get(i).toHex());
      }
      return 0;
    }
  }

  // ---- transfer ----

  @Command(name = "transfer", mixinStandardHelpOptions = true,
      description = "Transfer a token (safeTransferFrom), or editions with --amount; --rights moves the rights instead.")
  static final class Transfer implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Option(names = "--collection", required = true)
    String collection;

    @Option(names = "--id", required = true)
    long id;

    @Option(names = "--to", required = true)
    String to;

    @Option(names = "--from", description = "The owner (default: the signer)")
    String from;

    @Option(names = "--amount", description = "Editions to move (ERC-1155 collections)")
    Long amount;

    @Option(names = "--rights", description = "Transfer the rights (signed by the right holder), not the token")
    boolean rights;

    @Override
    public Integer call() throws Exception {
      Address c = address("--collection", collection);
      Address recipient = address("--to", to);
      BigInteger tokenId = BigInteger.valueOf(id);
      if (rights) {
        writer.send(c, AssetAbi.TRANSFER_RIGHTS, tokenId, recipient);
        return 0;
      }
      CryptoSuite suite = writer.suite();
      Address owner = from != null ? address("--from", from)
          : Address.wrap(suite.address(writer.keySource.load(suite).publicKey()));
      if (amount != null) {
        writer.send(c, AssetAbi.SAFE_TRANSFER_FROM_1155, owner, recipient, tokenId, BigInteger.valueOf(amount),
            Bytes.EMPTY);
      } else {
        writer.send(c, AssetAbi.SAFE_TRANSFER_FROM, owner, recipient, tokenId);
      }
      return 0;
    }
  }

  // ---- show, history ----

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a token with its owner, rights and fingerprint, or a fingerprint's holders (--fingerprint).")
  static final class Show implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", arity = "0..1", description = "Collection address")
    String collection;

    @Parameters(index = "1", arity = "0..1", description = "Token id")
    String id;

    @Option(names = "--fingerprint", description = "Who holds this fingerprint (0x + 64 hex)")
    String fingerprint;

    @Option(names = "--file", description = "Who holds the fingerprint of this file")
    Path file;

    @Option(names = "--owner", description = "What this account owns")
    String owner;

    @Override
    public Integer call() throws Exception {
      RpcClient client = rpc.client();
      JsonNode answer;
      if (file != null) {
        answer = client.call("trestle_getAssetsByFingerprint", hashFile(SendCommand.suiteOf(client), file).toHex());
      } else if (fingerprint != null) {
        answer = client.call("trestle_getAssetsByFingerprint", fingerprint);
      } else if (owner != null) {
        answer = client.call("trestle_getAssetsByOwner", owner);
      } else if (collection != null && id != null) {
        answer = client.call("trestle_getAssetToken", collection, id);
      } else {
        throw new CliException("show needs a collection and token id, --fingerprint, --file or --owner");
      }
      if (answer == null || answer.isNull()) {
        throw new CliException("not found");
      }
      print(System.out, answer);
      return 0;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "A token's ownership history (or rights history with --rights), oldest first, page by page.")
  static final class History implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", description = "Collection address")
    String collection;

    @Parameters(index = "1", description = "Token id")
    String id;

    @Option(names = "--rights", description = "Rights transfers instead of ownership moves")
    boolean rights;

    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Option(names = "--cursor", description = "From the page after this cursor")
    String cursor;

    @Override
    public Integer call() throws Exception {
      ObjectNode options = JSON.createObjectNode().put("limit", limit);
      if (cursor != null) {
        options.put("cursor", cursor);
      }
      JsonNode page = rpc.client().call(rights ? "trestle_getAssetRightsHistory" : "trestle_getAssetHistory", collection,
          id, options);
      for (JsonNode m : page.path("items")) {
        System.out.printf("block %-8d %-8s %s -> %s%s  %s%n", m.path("block").asLong(), m.path("kind").asText(),
            m.path("from").asText(), m.path("to").asText(),
            m.has("amount") && !"1".equals(m.path("amount").asText()) ? " x" + m.path("amount").asText() : "",
            m.path("transaction").asText());
      }
      if (!page.path("next").isNull()) {
        System.out.println("more: --cursor " + page.path("next").asText());
      }
      return 0;
    }
  }

  // ---- rights certificates ----

  @Command(name = "certificate", mixinStandardHelpOptions = true,
      description = "Fetch the rights certificate of a work: its creator, right holder and licence with the proofs "
          + "that the chain recorded them (verify it offline with verify-certificate).")
  static final class Certificate implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", description = "Collection address")
    String collection;

    @Parameters(index = "1", description = "Token id")
    String id;

    @Option(names = "--out", required = true, description = "Where to write the certificate (JSON)")
    Path out;

    @Override
    public Integer call() throws Exception {
      JsonNode c = rpc.client().call("trestle_getAssetRightsCertificate", collection, id);
      if (c == null || c.isNull()) {
        throw new CliException("no rights certificate for work " + id + " of " + collection + " yet: the work is "
            + "unknown, or the block after its last rights record is not committed yet");
      }
      java.nio.file.Files.write(out, JSON.writeValueAsBytes(c));
      System.out.println("rights of work " + id + ": creator " + c.at("/rights/creatorDid").asText() + ", holder "
          + c.at("/rights/rightHolderDid").asText() + "; " + c.path("records").size() + " record(s) written to " + out);
      return 0;
    }
  }

  @Command(name = "verify-certificate", mixinStandardHelpOptions = true,
      description = "Verify a rights certificate offline against the chain's genesis file; exit 0 only when every "
          + "check passes.")
  static final class VerifyCertificate implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CERTIFICATE")
    Path certificate;

    @Option(names = "--genesis", required = true, description = "The chain's genesis file: the root of trust")
    Path genesis;

    @Override
    public Integer call() throws Exception {
      byte[] json = EvidenceCommand.read(certificate, io.trestle.node.assets.RightsCertificateJson.BYTES_MAX);
      return EvidenceCommand.print(System.out, new io.trestle.node.assets.RightsCertificateVerifier(
          EvidenceCommand.trust(genesis)).verify(json)) ? 0 : 1;
    }
  }

  // ---- freeze ----

  @Command(name = "freeze", mixinStandardHelpOptions = true, description = "The regulator freezes (or with --undo "
      + "unfreezes) a token (--collection and --id), a whole collection or token (--collection), or an account.")
  static final class Freeze implements Callable<Integer> {
    @Mixin
    Writer writer = new Writer();

    @Option(names = "--collection", description = "The collection or token contract")
    String collection;

    @Option(names = "--id", description = "One token or work of the collection")
    Long id;

    @Option(names = "--account", description = "An account whose assets must not move")
    String account;

    @Option(names = "--reason", required = true, description = "Recorded on chain in the event")
    String reason;

    @Option(names = "--undo", description = "Unfreeze instead")
    boolean undo;

    @Override
    public Integer call() throws Exception {
      if ((collection == null) == (account == null)) {
        throw new CliException("freeze needs either --collection (with or without --id) or --account");
      }
      if (account != null) {
        writer.send(AssetAddresses.SUPERVISION, undo ? AssetAbi.UNFREEZE_ACCOUNT : AssetAbi.FREEZE_ACCOUNT,
            address("--account", account), reason);
      } else if (id != null) {
        writer.send(AssetAddresses.SUPERVISION, undo ? AssetAbi.UNFREEZE_TOKEN : AssetAbi.FREEZE_TOKEN,
            address("--collection", collection), BigInteger.valueOf(id), reason);
      } else {
        writer.send(AssetAddresses.SUPERVISION, undo ? AssetAbi.UNFREEZE_ASSET : AssetAbi.FREEZE_ASSET,
            address("--collection", collection), reason);
      }
      System.out.println(undo ? "unfrozen" : "frozen");
      return 0;
    }
  }
}
