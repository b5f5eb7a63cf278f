package io.trestle.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoException;
import io.trestle.crypto.Hasher;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Sha256;
import io.trestle.crypto.Sm3;
import io.trestle.execution.genesis.Genesis;
import io.trestle.execution.genesis.GenesisException;
import io.trestle.node.identity.ChainClient;
import io.trestle.node.identity.ContentCrypto;
import io.trestle.node.identity.EvidenceReceipt;
import io.trestle.node.identity.ReceiptBuilder;
import io.trestle.node.identity.ReceiptJson;
import io.trestle.node.identity.ReceiptVerifier;
import io.trestle.node.identity.Trust;
import io.trestle.services.did.Did;
import io.trestle.services.did.InvalidKeyException;
import io.trestle.services.did.PublicKeys;
import io.trestle.services.evidence.BatchMerkle;
import io.trestle.services.evidence.ContentMode;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trestle evidence}: notarize files and verify receipts offline (docs/evidence-receipt.md). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
    description = "Notarize files under your DID and verify evidence receipts offline.",
    subcommands = {EvidenceCommand.Notarize.class, EvidenceCommand.Anchor.class, EvidenceCommand.Verify.class,
        EvidenceCommand.Show.class, EvidenceCommand.Receipt.class, EvidenceCommand.Supersede.class,
        EvidenceCommand.Revoke.class, EvidenceCommand.Decrypt.class})
final class EvidenceCommand implements Runnable {
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

  /** The digest of a file, read in chunks so large files need no memory. */
  static byte[] digestOf(Path file, HashAlgorithm alg) throws CliException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      if (alg == HashAlgorithm.SHA512) {
        MessageDigest md = MessageDigest.getInstance("SHA-512");
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
        return md.digest();
      }
      Hasher h = alg == HashAlgorithm.SM3 ? Sm3.newHasher() : Sha256.newHasher();
      while ((n = in.read(buf)) > 0) {
        h.update(buf, 0, n);
      }
      return h.digest();
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-512", e);
    }
  }

  static byte[] read(Path file, long max) throws CliException {
    try {
      long size = Files.size(file);
      if (size > max) {
        throw new CliException(file + " is " + size + " bytes, more than " + max);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
  }

  static void write(Path file, byte[] data) throws CliException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, data);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** Prints a verdict check by check; true when valid. */
  static boolean print(PrintStream out, ReceiptVerifier.Verdict v) {
    for (ReceiptVerifier.Check c : v.checks()) {
      String mark = switch (c.outcome()) {
        case PASS -> "PASS";
        case FAIL -> "FAIL";
        case NOT_CHECKED -> "----";
      };
      out.printf(Locale.ROOT, "%s  %-26s %s%n", mark, c.name(), c.detail());
    }
    out.println(v.valid() ? "VALID" : "INVALID: " + v.failure().map(f -> f.name() + ": " + f.detail()).orElse(""));
    return v.valid();
  }

  static Trust trust(Path genesis) throws CliException {
    try {
      return Trust.of(Genesis.load(genesis));
    } catch (GenesisException e) {
      throw new CliException(genesis + ": " + e.getMessage());
    }
  }

  /** What notarize and supersede share: node, key, and writing the receipt once its block is certified. */
  abstract static class Submit implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keySource = new KeySource();

    @Option(names = "--metadata", description = "A metadata URI or a short note stored with the record (≤ 1 KiB)",
        defaultValue = "")
    String metadata;

    @Option(names = "--out", description = "Receipt file (default: FILE.receipt.json)")
    Path out;

    @Option(names = "--genesis", description = "Verify the receipt against this genesis file right away")
    Path genesis;

    @Option(names = "--timeout-s", description = "How long to wait for the certificate (default: ${DEFAULT-VALUE})",
        defaultValue = "60")
    int timeoutS;

    ChainClient client;
    ChainClient.Info info;
    KeyPair key;
    Address self;

    void connect() throws CliException {
      client = IdentityClients.client(rpc);
      info = IdentityClients.run(client::info);
      key = keySource.load(info.suite());
      self = Address.wrap(info.suite().address(key.publicKey()));
    }

    int finish(EvidenceReceipt receipt, Path file, byte[] fileBytesOrNull) throws CliException {
      Path target = out != null ? out : Path.of(file + ".receipt.json");
      write(target, ReceiptJson.write(receipt));
      System.out.println("record      " + receipt.evidence().id());
      System.out.println("digest      " + receipt.evidence().hashAlgorithm() + " " + receipt.evidence().digest());
      System.out.println("submitter   " + receipt.evidence().submitterDid());
      System.out.println("block       " + receipt.block().number() + " at " + receipt.block().time());
      System.out.println("transaction " + receipt.transaction().hash());
      System.out.println("receipt     " + target);
      if (genesis != null) {
        byte[] data = fileBytesOrNull != null ? fileBytesOrNull : read(file, Long.MAX_VALUE);
        return print(System.out, new ReceiptVerifier(trust(genesis)).verify(receipt, data)) ? 0 : 1;
      }
      return 0;
    }
  }

  @Command(name = "notarize", mixinStandardHelpOptions = true,
      description = "Notarize FILE's digest (SHA-256, or SM3 on an sm chain) and write its evidence receipt.")
  static final class Notarize extends Submit {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--store", description = "Keep the original on chain (≤ 64 KiB): none, clear or encrypted "
        + "(default: ${DEFAULT-VALUE})", defaultValue = "none")
    String store;

    @Option(names = "--recipient", description = "For --store encrypted: a recipient key as DID#keyId (or name#keyId); "
        + "repeat for several")
    List<String> recipients = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      connect();
      HashAlgorithm alg = info.hashAlgorithm();
      byte[] digest = digestOf(file, alg);
      long existing = ((BigInteger) IdentityClients.run(() -> client.view(EvidenceRegistry.ADDRESS,
          EvidenceRegistry.LOOKUP,
          Bytes.wrap(digest), n(alg.code()), self)).get(0)).longValue();
      EvidenceReceipt receipt;
      if (existing != 0) {
        System.out.println("already notarized by " + self.toHex() + " as record " + existing + "; writing its receipt");
        receipt = IdentityClients.run(() -> client.awaitEvidenceReceipt(null, existing, timeoutS));
      } else {
        Bytes data = callData(alg, digest);
        JsonNode tx = IdentityClients.run(() -> client.transact(key, EvidenceRegistry.ADDRESS, data, timeoutS));
        String hash = tx.path("transactionHash").asText();
        receipt = IdentityClients.run(() -> client.awaitEvidenceReceipt(hash, 0, timeoutS));
      }
      return finish(receipt, file, null);
    }

    private Bytes callData(HashAlgorithm alg, byte[] digest) throws CliException {
      String mode = store.toLowerCase(Locale.ROOT);
      if (mode.equals("none")) {
        if (!recipients.isEmpty()) {
          throw new CliException("--recipient needs --store encrypted");
        }
        return IdentityClients.run(() -> ChainClient.encode(EvidenceRegistry.NOTARIZE, Bytes.wrap(digest),
            n(alg.code()),
            metadata));
      }
      byte[] original = read(file, ContentMode.ORIGINAL_BYTES_MAX);
      if (mode.equals("clear")) {
        return IdentityClients.run(() -> ChainClient.encode(EvidenceRegistry.NOTARIZE_WITH_CONTENT, Bytes.wrap(digest),
            n(alg.code()), metadata, n(ContentMode.CLEAR.code()), Bytes.wrap(original), List.of(), List.of()));
      }
      if (!mode.equals("encrypted")) {
        throw new CliException("--store: '" + store + "' is not none, clear or encrypted");
      }
      if (recipients.isEmpty()) {
        throw new CliException("--store encrypted needs at least one --recipient DID#keyId");
      }
      SecureRandom random = new SecureRandom();
      ContentCrypto.Sealed sealed = ContentCrypto.seal(info.encryption(), original, random);
      List<String> urls = new ArrayList<>();
      List<Bytes> wrapped = new ArrayList<>();
      for (String r : recipients) {
        RecipientKey k = recipientKey(client, rpc, r);
        try {
          wrapped.add(Bytes.wrap(ContentCrypto.wrap(k.key().type(), k.key().key(), k.didUrl(), sealed.contentKey(),
              random)));
        } catch (CryptoException e) {
          throw new CliException("--recipient " + r + ": " + e.getMessage());
        }
        urls.add(k.didUrl());
      }
      return IdentityClients.run(() -> ChainClient.encode(EvidenceRegistry.NOTARIZE_WITH_CONTENT, Bytes.wrap(digest),
          n(alg.code()), metadata, n(info.encryption().code()), Bytes.wrap(sealed.content()), urls, wrapped));
    }
  }

  /** A recipient's keyAgreement key, looked up in its current DID document. */
  record RecipientKey(String didUrl, PublicKeys.Decoded key) {}

  static RecipientKey recipientKey(ChainClient client, RpcOption rpc, String text) throws CliException {
    int hash = text.indexOf('#');
    if (hash < 0) {
      throw new CliException("--recipient " + text + " must name a key: DID#keyId");
    }
    String fragment = text.substring(hash + 1);
    Did did = IdentityClients.run(() -> client.resolveDid(text.substring(0, hash)));
    String url = did.withFragment(fragment);
    JsonNode result = rpc.client().call("trestle_resolveDid", did.toString());
    JsonNode doc = result.path("didDocument");
    if (!doc.isObject()) {
      throw new CliException("--recipient " + did + ": " + result.path("didResolutionMetadata").path("error")
          .path("detail").asText(result.path("didDocumentMetadata").path("deactivated").asBoolean() ? "deactivated"
              : "not resolvable"));
    }
    boolean agreement = false;
    for (JsonNode ref : doc.path("keyAgreement")) {
      agreement |= ref.asText().equals(url);
    }
    for (JsonNode vm : doc.path("verificationMethod")) {
      if (vm.path("id").asText().equals(url)) {
        if (!agreement) {
          throw new CliException("--recipient " + url + " is not a keyAgreement key");
        }
        try {
          return new RecipientKey(url, PublicKeys.parseMultibase(vm.path("publicKeyMultibase").asText()));
        } catch (InvalidKeyException e) {
          throw new CliException("--recipient " + url + ": " + e.getMessage());
        }
      }
    }
    throw new CliException("--recipient " + url + " is not a current key of " + did + " (unknown or revoked)");
  }

  @Command(name = "anchor", mixinStandardHelpOptions = true,
      description = "Anchor the Merkle root of many digests in one transaction and write one receipt per digest.")
  static final class Anchor implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keySource = new KeySource();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to anchor")
    List<Path> files = new ArrayList<>();

    @Option(names = "--digests", description = "A file of hex digests, one per line, to anchor instead of files")
    Path digestList;

    @Option(names = "--out-dir", required = true, description = "Folder for the receipts (one per digest)")
    Path outDir;

    @Option(names = "--metadata", defaultValue = "", description = "Metadata stored with the anchor")
    String metadata;

    @Option(names = "--timeout-s", defaultValue = "60", description = "How long to wait for the certificate")
    int timeoutS;

    @Override
    public Integer call() throws Exception {
      ChainClient client = IdentityClients.client(rpc);
      ChainClient.Info info = IdentityClients.run(client::info);
      KeyPair key = keySource.load(info.suite());
      Address self = Address.wrap(info.suite().address(key.publicKey()));
      HashAlgorithm alg = info.hashAlgorithm();
      List<byte[]> digests = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (Path f : files) {
        digests.add(digestOf(f, alg));
        labels.add(f.getFileName().toString());
      }
      if (digestList != null) {
        int line = 0;
        for (String s : Files.readAllLines(digestList)) {
          line++;
          if (s.isBlank()) {
            continue;
          }
          byte[] d;
          try {
            d = Hex.decode(s.trim());
          } catch (IllegalArgumentException e) {
            throw new CliException(digestList + " line " + line + ": not hex");
          }
          if (d.length != alg.digestBytes()) {
            throw new CliException(digestList + " line " + line + ": " + alg.label() + " digests are "
                + alg.digestBytes()
                + " bytes, got " + d.length);
          }
          digests.add(d);
          labels.add("digest-" + Hex.encode(d).substring(0, 16));
        }
      }
      if (digests.isEmpty() || digests.size() > BatchMerkle.LEAVES_MAX) {
        throw new CliException("give 1 to " + BatchMerkle.LEAVES_MAX + " files or digests");
      }
      byte[] root = BatchMerkle.root(alg, digests);
      long existing = ((BigInteger) IdentityClients.run(() -> client.view(EvidenceRegistry.ADDRESS,
          EvidenceRegistry.LOOKUP,
          Bytes.wrap(root), n(alg.code()), self)).get(0)).longValue();
      EvidenceReceipt anchor;
      if (existing != 0) {
        anchor = IdentityClients.run(() -> client.awaitEvidenceReceipt(null, existing, timeoutS));
      } else {
        Bytes data = IdentityClients.run(() -> ChainClient.encode(EvidenceRegistry.ANCHOR_BATCH, Bytes.wrap(root),
            n(alg.code()), n(digests.size()), metadata));
        JsonNode tx = IdentityClients.run(() -> client.transact(key, EvidenceRegistry.ADDRESS, data, timeoutS));
        anchor = IdentityClients.run(() -> client.awaitEvidenceReceipt(tx.path("transactionHash").asText(), 0,
            timeoutS));
      }
      List<List<byte[]>> paths = BatchMerkle.paths(alg, digests);
      for (int i = 0; i < digests.size(); i++) {
        EvidenceReceipt member = ReceiptBuilder.member(anchor, digests.get(i), i, paths.get(i));
        write(outDir.resolve(String.format(Locale.ROOT, "%05d-%s.receipt.json", i, labels.get(i))),
            ReceiptJson.write(member));
      }
      System.out.println("anchored " + digests.size() + " digests as record " + anchor.evidence().id() + " in block "
          + anchor.block().number() + "; receipts in " + outDir);
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify a receipt OFFLINE against a genesis file: no node is contacted. Prints every check; "
          + "exit code 0 only when all pass.")
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The notarized file (or - to check the receipt alone)")
    String file;

    @Parameters(index = "1", paramLabel = "RECEIPT", description = "The evidence receipt (JSON)")
    Path receipt;

    @Option(names = "--genesis", required = true, description = "The chain's genesis file: the root of trust")
    Path genesis;

    @Option(names = "--bench-s", description = "Then verify the receipt again and again on this thread for this many "
        + "seconds and print verifications per second (a measurement, not a check)")
    Integer benchS;

    @Override
    public Integer call() throws Exception {
      Trust trust = trust(genesis);
      byte[] json = read(receipt, ReceiptJson.BYTES_MAX);
      byte[] data = file.equals("-") ? null : read(Path.of(file), Long.MAX_VALUE);
      ReceiptVerifier verifier = new ReceiptVerifier(trust);
      boolean valid = print(System.out, verifier.verify(json, data));
      if (valid && benchS != null) {
        long warmEnd = System.nanoTime() + Math.min(5, benchS) * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
          verifier.verify(json, null);
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long end = start + benchS * 1_000_000_000L;
        long count = 0;
        while (System.nanoTime() < end) {
          verifier.verify(json, null);
          count++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // CPU time tells what one core does even when other processes share the machine
        System.out.printf(Locale.ROOT,
            "%d verifications in %.1f s on one thread: %.0f per second, %.0f per CPU-second%n",
            count, seconds, count / seconds, count / cpuSeconds);
      }
      return valid ? 0 : 1;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show the records of a file or digest (or one record by --id), with their current status.")
  static final class Show implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|DIGEST")
    String what;

    @Option(names = "--id", description = "A record id")
    Long id;

    @Override
    public Integer call() throws Exception {
      JsonNode r;
      if (id != null) {
        r = rpc.client().call("trestle_getEvidenceRecord", id);
      } else if (what != null) {
        String digest = what.startsWith("0x") ? what : null;
        if (digest == null) {
          ChainClient client = IdentityClients.client(rpc);
          HashAlgorithm alg = IdentityClients.run(client::info).hashAlgorithm();
          digest = Hex.encodePrefixed(digestOf(Path.of(what), alg));
        }
        r = rpc.client().call("trestle_getEvidence", digest);
      } else {
        throw new CliException("give a FILE, a DIGEST or --id");
      }
      System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
      return r == null || r.isNull() || (r.has("records") && r.get("records").isEmpty()) ? 1 : 0;
    }
  }

  @Command(name = "receipt", mixinStandardHelpOptions = true, description = "Write the receipt of an existing record.")
  static final class Receipt implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Option(names = "--id", required = true, description = "Record id")
    long id;

    @Option(names = "--out", required = true, description = "Receipt file")
    Path out;

    @Option(names = "--timeout-s", defaultValue = "60", description = "How long to wait for the certificate")
    int timeoutS;

    @Override
    public Integer call() throws Exception {
      ChainClient client = IdentityClients.client(rpc);
      EvidenceReceipt r = IdentityClients.run(() -> client.awaitEvidenceReceipt(null, id, timeoutS));
      write(out, ReceiptJson.write(r));
      System.out.println("receipt of record " + id + " written to " + out);
      return 0;
    }
  }

  @Command(name = "supersede", mixinStandardHelpOptions = true,
      description = "Notarize FILE as the new version of record --id (the old record stays, marked superseded).")
  static final class Supersede extends Submit {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--id", required = true, description = "The record being superseded")
    long id;

    @Override
    public Integer call() throws Exception {
      connect();
      HashAlgorithm alg = info.hashAlgorithm();
      byte[] digest = digestOf(file, alg);
      Bytes data = IdentityClients.run(() -> ChainClient.encode(EvidenceRegistry.SUPERSEDE, n(id), Bytes.wrap(digest),
          n(alg.code()), metadata));
      JsonNode tx = IdentityClients.run(() -> client.transact(key, EvidenceRegistry.ADDRESS, data, timeoutS));
      EvidenceReceipt receipt = IdentityClients.run(() -> client.awaitEvidenceReceipt(
          tx.path("transactionHash").asText(), 0, timeoutS));
      System.out.println("record " + id + " is superseded by record " + receipt.evidence().id());
      return finish(receipt, file, null);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a record; it stays visible with the reason.")
  static final class Revoke implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Mixin
    KeySource keySource = new KeySource();

    @Option(names = "--id", required = true, description = "Record id")
    long id;

    @Option(names = "--reason", required = true, description = "Why (≤ 256 bytes)")
    String reason;

    @Override
    public Integer call() throws Exception {
      ChainClient client = IdentityClients.client(rpc);
      KeyPair key = keySource.load(IdentityClients.run(client::info).suite());
      Bytes data = IdentityClients.run(() -> ChainClient.encode(EvidenceRegistry.REVOKE, n(id), reason));
      JsonNode tx = IdentityClients.run(() -> client.transact(key, EvidenceRegistry.ADDRESS, data, 60));
      System.out.println("revoked record " + id + " (transaction " + tx.path("transactionHash").asText() + ")");
      return 0;
    }
  }

  @Command(name = "decrypt", mixinStandardHelpOptions = true,
      description = "Decrypt a stored encrypted original with a recipient's keyAgreement private key.")
  static final class Decrypt implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Option(names = "--id", required = true, description = "Record id")
    long id;

    @Option(names = "--recipient", required = true, description = "The recipient key: DID#keyId")
    String recipient;

    @Option(names = "--recipient-key", required = true, description = "That key's private key, hex")
    String privateKey;

    @Option(names = "--out", required = true, description = "Where to write the original")
    Path out;

    @Override
    public Integer call() throws Exception {
      ChainClient client = IdentityClients.client(rpc);
      JsonNode r = rpc.client().call("trestle_getEvidenceRecord", id, true);
      if (r == null || r.isNull()) {
        throw new CliException("no record " + id);
      }
      ContentMode mode = switch (r.path("contentMode").asText()) {
        case "aes-256-gcm" -> ContentMode.AES_256_GCM;
        case "sm4-gcm" -> ContentMode.SM4_GCM;
        default -> throw new CliException("record " + id + " holds no encrypted original ("
            + r.path("contentMode").asText() + ")");
      };
      RecipientKey k = recipientKey(client, rpc, recipient);
      JsonNode wrapped = null;
      for (JsonNode x : r.path("recipients")) {
        if (x.path("did").asText().equals(k.didUrl())) {
          wrapped = x.path("wrappedKey");
        }
      }
      if (wrapped == null) {
        throw new CliException(k.didUrl() + " is not a recipient of record " + id);
      }
      byte[] priv;
      try {
        priv = Hex.decode(privateKey.trim());
      } catch (IllegalArgumentException e) {
        throw new CliException("--recipient-key: " + e.getMessage());
      }
      byte[] original;
      try {
        byte[] contentKey = ContentCrypto.unwrap(k.key().type(), priv, k.key().key(), k.didUrl(),
            Hex.decode(wrapped.asText().substring(2)));
        original = ContentCrypto.open(mode, contentKey, Hex.decode(r.path("content").asText().substring(2)));
      } catch (CryptoException | IllegalArgumentException e) {
        throw new CliException("cannot decrypt: " + e.getMessage());
      }
      HashAlgorithm alg = HashAlgorithm.ofLabel(r.path("hashAlgorithm").asText());
      if (!Hex.encodePrefixed(alg.hash(original)).equals(r.path("digest").asText())) {
        throw new CliException("the decrypted original does not match the record's digest");
      }
      write(out, original);
      System.out.println("wrote the original of record " + id + " (" + original.length
          + " bytes, digest verified) to " + out);
      return 0;
    }
  }
}
