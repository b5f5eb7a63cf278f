package io.trestle.node.identity;

import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.SigningDigest;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.consensus.cert.VoteKind;
import io.trestle.consensus.cert.VoteSignature;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Header;
import io.trestle.core.block.Log;
import io.trestle.core.block.Receipt;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.tx.InvalidTransactionException;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.Signature;
import io.trestle.crypto.SignatureException;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.abi.AbiType;
import io.trestle.services.did.Did;
import io.trestle.services.evidence.BatchMerkle;
import io.trestle.services.evidence.EvidenceLayout;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import io.trestle.state.trie.MerklePatriciaTrie;
import io.trestle.state.trie.TrieProofException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an evidence receipt offline, against nothing but a genesis file (docs/evidence-receipt.md §Verification):
 * the chain, the validator set, header N+1 and its commit certificate, header N (block time, transactions root),
 * the receipt and transaction Merkle proofs, the registry's log and the evidence it carries, and optionally the
 * file itself. Each check is reported; after the first failure the rest are reported as not checked, since they
 * would build on something already refused. Never throws on bad input.
 */
public final class ReceiptVerifier {
  /** How a check ended. */
  public enum Outcome { PASS, FAIL, NOT_CHECKED }

  public record Check(String name, Outcome outcome, String detail) {}

  /** All checks; the receipt is valid when none failed. */
  public record Verdict(List<Check> checks) {
    public boolean valid() {
      return checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
    }

    /** The first failed check, if any. */
    public Optional<Check> failure() {
      return checks.stream().filter(c -> c.outcome() == Outcome.FAIL).findFirst();
    }
  }

  static final String[] CHECKS = {"format", "chain", "validatorSet", "certification.header",
      "certification.certificate",
      "block", "receipt", "log", "evidence", "transaction", "file"};

  /** A failed check: its name and the reason. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final String check;

    Refusal(String check, String reason) {
      super(reason, null, false, false);
      this.check = check;
    }
  }

  private final Trust trust;

  public ReceiptVerifier(Trust trust) {
    this.trust = trust;
  }

  /** Verifies receipt bytes; {@code file} (null: not given) is the notarized file or batch member. */
  public Verdict verify(byte[] receiptJson, byte[] file) {
    EvidenceReceipt r;
    try {
      r = ReceiptJson.parse(receiptJson);
    } catch (ReceiptFormatException e) {
      List<Check> checks = new ArrayList<>();
      checks.add(new Check("format", Outcome.FAIL, e.getMessage()));
      for (int i = 1; i < CHECKS.length; i++) {
        checks.add(new Check(CHECKS[i], Outcome.NOT_CHECKED, "an earlier check failed"));
      }
      return new Verdict(checks);
    }
    return verify(r, file);
  }

  public Verdict verify(EvidenceReceipt r, byte[] file) {
    Run run = new Run(r, file);
    run.checks.add(new Check("format", Outcome.PASS, "receipt version " + r.version() + ", " + r.evidence().kind()));
    try {
      run.all();
    } catch (Refusal f) {
      run.checks.add(new Check(f.check, Outcome.FAIL, f.getMessage()));
      for (int i = run.checks.size(); i < CHECKS.length; i++) {
        run.checks.add(new Check(CHECKS[i], Outcome.NOT_CHECKED, "an earlier check failed"));
      }
    } catch (RuntimeException e) {
      // a verifier defect must still give a verdict, never a crash on someone's file
      run.checks.add(new Check(CHECKS[Math.min(run.checks.size(), CHECKS.length - 1)], Outcome.FAIL,
          "internal error: " + e));
    }
    return new Verdict(run.checks);
  }

  /** One verification: the decoded parts each check leaves for the next. */
  private final class Run {
    final EvidenceReceipt r;
    final byte[] file;
    final List<Check> checks = new ArrayList<>();
    final CryptoSuite suite = trust.suite();
    ValidatorSet set;
    Header certHeader;
    Header blockHeader;
    Receipt receipt;
    Log log;
    HashAlgorithm algorithm;
    byte[] digest;

    Run(EvidenceReceipt r, byte[] file) {
      this.r = r;
      this.file = file;
    }

    void pass(String name, String detail) {
      checks.add(new Check(name, Outcome.PASS, detail));
    }

    void all() throws Refusal {
      chain();
      validatorSet();
      certificationHeader();
      certificate();
      block();
      receipt();
      log();
      evidence();
      transaction();
      file();
    }

    void chain() throws Refusal {
      EvidenceReceipt.ChainInfo c = r.chain();
      if (c.chainId() != trust.chainId()) {
        throw new Refusal("chain", "chain.chainId " + c.chainId() + " is not the genesis chain " + trust.chainId()
            + ": a receipt of another chain");
      }
      if (!c.cryptoSuite().equals(trust.suite().name())) {
        throw new Refusal("chain", "chain.cryptoSuite " + c.cryptoSuite() + " is not the genesis suite "
            + trust.suite().name());
      }
      if (!c.genesisFingerprint().equals(trust.genesisFingerprint().toHex())) {
        throw new Refusal("chain", "chain.genesisFingerprint " + c.genesisFingerprint()
            + " is not the fingerprint of the genesis file given (" + trust.genesisFingerprint().toHex() + ")");
      }
      pass("chain", "chain " + c.chainId() + ", suite " + c.cryptoSuite() + ", genesis " + c.genesisFingerprint());
    }

    void validatorSet() throws Refusal {
      EvidenceReceipt.ValidatorSetInfo v = r.validatorSet();
      if (!v.source().equals("genesis")) {
        throw new Refusal("validatorSet", "validatorSet.source '" + v.source() + "' must be genesis");
      }
      set = trust.validators();
      long from = 0;
      for (int i = 0; i < v.changes().size(); i++) {
        EvidenceReceipt.ValidatorSetChange change = v.changes().get(i);
        String at = "validatorSet.changes[" + i + "]";
        if (change.fromHeight() <= from || change.fromHeight() > r.certification().height()) {
          throw new Refusal("validatorSet", at + ".fromHeight " + change.fromHeight() + " must rise and not pass the"
              + " certified height " + r.certification().height());
        }
        ValidatorSet next;
        Header announcing;
        CommitCertificate cert;
        try {
          next = ValidatorSet.decode(bytes(change.validators()));
          announcing = Header.decode(bytes(change.header()));
          cert = CommitCertificate.decode(bytes(change.certificate()));
        } catch (DecodeException | RlpException e) {
          throw new Refusal("validatorSet", at + " does not decode: " + e.getMessage());
        }
        if (announcing.number() + 1 != change.fromHeight()
            || !announcing.nextValidatorsHash().equals(next.hash(suite))) {
          throw new Refusal("validatorSet", at + ".header (block " + announcing.number()
              + ") does not announce this set for height " + change.fromHeight());
        }
        String bad = certificateProblem(announcing.hash(suite), announcing.number(), cert, set);
        if (bad != null) {
          throw new Refusal("validatorSet", at + ".certificate: " + bad);
        }
        set = next;
        from = change.fromHeight();
      }
      if (!v.validatorsHash().equals(set.hash(suite).toHex())) {
        throw new Refusal("validatorSet", "validatorSet.validatorsHash " + v.validatorsHash()
            + " is not the hash of the validator set the genesis (and the changes) give: " + set.hash(suite).toHex());
      }
      pass("validatorSet", set.size() + " validator(s) from the genesis, " + v.changes().size() + " change(s), quorum "
          + set.quorum());
    }

    void certificationHeader() throws Refusal {
      EvidenceReceipt.Certification c = r.certification();
      try {
        certHeader = Header.decode(bytes(c.header()));
      } catch (RlpException e) {
        throw new Refusal("certification.header", "certification.header does not decode: " + e.getMessage());
      }
      if (certHeader.number() != c.height()) {
        throw new Refusal("certification.header", "certification.height " + c.height()
            + " is not the number of certification.header (" + certHeader.number() + ")");
      }
      if (c.height() != r.block().number() + 1) {
        throw new Refusal("certification.header", "certification.header is block " + c.height()
            + " but block.number + 1 is " + (r.block().number() + 1)
                + ": the receipts root of block N is in header N+1");
      }
      if (!certHeader.validatorsHash().toHex().equals(r.validatorSet().validatorsHash())) {
        throw new Refusal("certification.header", "certification.header names validator set "
            + certHeader.validatorsHash().toHex() + ", not validatorSet.validatorsHash");
      }
      pass("certification.header", "header of block " + c.height() + " carries receipts root "
          + certHeader.lastReceiptsRoot().toHex());
    }

    void certificate() throws Refusal {
      CommitCertificate cert;
      try {
        cert = CommitCertificate.decode(bytes(r.certification().certificate()));
      } catch (DecodeException e) {
        throw new Refusal("certification.certificate", "certification.certificate does not decode: " + e.getMessage());
      }
      Hash hash = certHeader.hash(suite);
      String bad = certificateProblem(hash, certHeader.number(), cert, set);
      if (bad != null) {
        throw new Refusal("certification.certificate", "certification.certificate: " + bad);
      }
      pass("certification.certificate", cert.signatures().size() + " of " + set.size() + " validators signed block "
          + certHeader.number() + " (" + hash.toHex() + "), quorum " + set.quorum());
    }

    void block() throws Refusal {
      EvidenceReceipt.BlockInfo b = r.block();
      try {
        blockHeader = Header.decode(bytes(b.header()));
      } catch (RlpException e) {
        throw new Refusal("block", "block.header does not decode: " + e.getMessage());
      }
      Hash hash = blockHeader.hash(suite);
      if (blockHeader.number() != b.number()) {
        throw new Refusal("block", "block.header is block " + blockHeader.number() + ", not block.number "
            + b.number());
      }
      if (!hash.toHex().equals(b.hash())) {
        throw new Refusal("block", "block.hash " + b.hash() + " is not the hash of block.header (" + hash.toHex()
            + ")");
      }
      if (!certHeader.parentHash().equals(hash)) {
        throw new Refusal("block", "certification.header's parent is " + certHeader.parentHash().toHex()
            + ", not block.hash " + b.hash());
      }
      if (blockHeader.timestampMs() != b.timestampMs()) {
        throw new Refusal("block", "block.timestampMs " + b.timestampMs() + " is not the header's "
            + blockHeader.timestampMs());
      }
      String time = Instant.ofEpochMilli(b.timestampMs()).toString();
      if (!time.equals(b.time())) {
        throw new Refusal("block", "block.time '" + b.time() + "' is not block.timestampMs as UTC (" + time + ")");
      }
      pass("block", "block " + b.number() + " " + b.hash() + " at " + time);
    }

    void receipt() throws Refusal {
      EvidenceReceipt.ReceiptInfo ri = r.receipt();
      byte[] value;
      try {
        value = prove(certHeader.lastReceiptsRoot(), ri.index(), ri.proof(), "receipt.proof");
      } catch (TrieProofException e) {
        throw new Refusal("receipt", "receipt.proof does not prove receipt.index " + ri.index()
            + " under the receipts root of certification.header: " + e.getMessage());
      }
      try {
        receipt = Receipt.decode(value);
      } catch (RlpException e) {
        throw new Refusal("receipt", "receipt.proof proves a value that is not a receipt: " + e.getMessage());
      }
      if (!receipt.success()) {
        throw new Refusal("receipt", "the transaction of receipt.index " + ri.index() + " failed");
      }
      if (ri.logIndex() >= receipt.logs().size()) {
        throw new Refusal("receipt", "receipt.logIndex " + ri.logIndex() + " but the proven receipt has "
            + receipt.logs().size() + " log(s)");
      }
      log = receipt.logs().get((int) ri.logIndex());
      pass("receipt", "receipt " + ri.index() + " of block " + r.block().number() + " proven, status success");
    }

    void log() throws Refusal {
      EvidenceReceipt.LogInfo l = r.log();
      String where = "log (receipt.logIndex " + r.receipt().logIndex() + ")";
      if (!log.address().toHex().equals(l.address())) {
        throw new Refusal("log", "log.address " + l.address() + " differs from the proven " + where + ": "
            + log.address().toHex());
      }
      List<String> topics = log.topics().stream().map(Hash::toHex).toList();
      if (!topics.equals(l.topics())) {
        throw new Refusal("log", "log.topics differ from the topics of the proven " + where);
      }
      if (!Bytes.wrap(log.data().unsafeArray()).toHex().equals(l.data())) {
        throw new Refusal("log", "log.data differs from the data of the proven " + where);
      }
      if (!l.address().equals(r.evidence().registry())) {
        throw new Refusal("log", "log.address " + l.address() + " is not evidence.registry " + r.evidence().registry());
      }
      if (!l.address().equals(EvidenceRegistry.ADDRESS.toHex())) {
        throw new Refusal("log", "evidence.registry " + l.address() + " is not the evidence registry "
            + EvidenceRegistry.ADDRESS.toHex());
      }
      pass("log", "log " + r.receipt().logIndex() + " of the receipt is the registry's");
    }

    void evidence() throws Refusal {
      EvidenceReceipt.EvidenceInfo e = r.evidence();
      algorithm = HashAlgorithm.ofLabel(e.hashAlgorithm());
      if (algorithm == null) {
        throw new Refusal("evidence", "evidence.hashAlgorithm '" + e.hashAlgorithm() + "' is unknown");
      }
      digest = bytes(e.digest());
      if (digest.length != algorithm.digestBytes()) {
        throw new Refusal("evidence", "evidence.digest is " + digest.length + " bytes; " + algorithm.label()
            + " digests are "
            + algorithm.digestBytes());
      }
      boolean batch = e.kind().equals(EvidenceReceipt.KIND_BATCH);
      Hash topic0 = (batch ? EvidenceRegistry.BATCH_ANCHORED : EvidenceRegistry.NOTARIZED).topic0();
      if (log.topics().size() != 4 || !log.topics().get(0).equals(topic0)) {
        throw new Refusal("evidence", "the log is not a " + (batch ? "BatchAnchored" : "Notarized")
            + " event, as evidence.kind " + e.kind() + " requires");
      }
      long id = new BigInteger(1, log.topics().get(1).unsafeArray()).longValue();
      Address submitter = Address.wrap(Arrays.copyOfRange(log.topics().get(2).unsafeArray(), 12, 32));
      List<Object> data;
      try {
        data = AbiCodec.decode(batch
            ? List.of(AbiType.uint(8), AbiType.uint(32), AbiType.STRING, AbiType.uint(32))
            : List.of(AbiType.uint(8), AbiType.BYTES, AbiType.STRING, AbiType.uint(32), AbiType.uint(8)), log.data());
      } catch (AbiException ex) {
        throw new Refusal("evidence", "the log's data does not decode: " + ex.getMessage());
      }
      int alg = ((BigInteger) data.get(0)).intValue();
      String metadata = (String) data.get(2);
      long didVersion = ((BigInteger) data.get(3)).longValue();
      require(e.id() == id, "evidence.id " + e.id() + " is not the log's record id " + id);
      require(e.submitter().equals(submitter.toHex()), "evidence.submitter " + e.submitter() + " is not the log's "
          + submitter.toHex());
      require(e.submitterDid().equals(Did.of(trust.chainId(), submitter).toString()), "evidence.submitterDid "
          + e.submitterDid() + " is not the DID of the submitter on chain " + trust.chainId());
      require(alg == algorithm.code(), "evidence.hashAlgorithm " + e.hashAlgorithm()
          + " is not the log's algorithm " + alg);
      require(metadata.equals(e.metadata()), "evidence.metadata differs from the log's metadata");
      require(didVersion == e.didVersion(), "evidence.didVersion " + e.didVersion() + " is not the log's "
          + didVersion);
      if (batch) {
        EvidenceReceipt.BatchInfo b = e.batch();
        byte[] root = log.topics().get(3).unsafeArray();
        long count = ((BigInteger) data.get(1)).longValue();
        require(b.root().equals(Hex.encodePrefixed(root)), "evidence.batch.root " + b.root()
            + " is not the anchored root "
            + Hex.encodePrefixed(root));
        require(b.leafCount() == count, "evidence.batch.leafCount " + b.leafCount() + " is not the anchored count "
            + count);
        List<byte[]> path = new ArrayList<>();
        for (String p : b.path()) {
          byte[] node = bytes(p);
          require(node.length == 32, "evidence.batch.path holds a " + node.length + "-byte hash");
          path.add(node);
        }
        require(BatchMerkle.verify(algorithm, digest, b.leafIndex(), b.leafCount(), path, root),
            "evidence.batch.path does not lead from evidence.digest at leaf " + b.leafIndex() + " of " + b.leafCount()
                + " to the anchored root");
        pass("evidence", "digest " + e.digest() + " is leaf " + b.leafIndex() + " of " + count + " under root "
            + b.root()
            + " (record " + id + ") by " + e.submitterDid() + " version " + didVersion);
      } else {
        byte[] logged = ((Bytes) data.get(1)).toArray();
        require(Arrays.equals(logged, digest), "evidence.digest is not the log's digest " + Hex.encodePrefixed(logged));
        require(log.topics().get(3).equals(EvidenceLayout.digestKey(algorithm, digest)),
            "the log's digest key does not match its digest");
        pass("evidence", e.hashAlgorithm() + " " + e.digest() + " (record " + id + ") by " + e.submitterDid()
            + " version " + didVersion);
      }
    }

    void transaction() throws Refusal {
      EvidenceReceipt.TransactionInfo t = r.transaction();
      byte[] raw = bytes(t.raw());
      byte[] value;
      try {
        value = prove(blockHeader.transactionsRoot(), t.index(), t.proof(), "transaction.proof");
      } catch (TrieProofException e) {
        throw new Refusal("transaction", "transaction.proof does not prove transaction.index " + t.index()
            + " under the transactions root of block.header: " + e.getMessage());
      }
      require("transaction", Arrays.equals(value, raw),
          "transaction.raw is not the transaction transaction.proof proves");
      Transaction tx;
      try {
        tx = Transaction.decode(raw, suite);
      } catch (RlpException e) {
        throw new Refusal("transaction", "transaction.raw does not decode: " + e.getMessage());
      }
      require("transaction", tx.hash().toHex().equals(t.hash()), "transaction.hash " + t.hash()
          + " is not the hash of transaction.raw (" + tx.hash().toHex() + ")");
      require("transaction", tx.chainId() == null || tx.chainId() == trust.chainId(),
          "the transaction is signed for chain " + tx.chainId());
      require("transaction", EvidenceRegistry.ADDRESS.equals(tx.to()),
          "the transaction calls " + tx.to() + ", not the evidence registry");
      Address sender;
      try {
        sender = tx.sender();
      } catch (InvalidTransactionException e) {
        throw new Refusal("transaction", "the transaction's signature is invalid: " + e.getMessage());
      }
      require("transaction", sender.toHex().equals(r.evidence().submitter()),
          "the transaction was signed by " + sender.toHex() + ", not by evidence.submitter");
      String call = calledFor(tx.data());
      require("transaction", call == null, call);
      pass("transaction", t.hash() + " signed by " + sender.toHex() + ", position " + t.index() + " in block "
          + r.block().number());
    }

    /** Null when the call data asks the registry for this evidence, else why not. */
    String calledFor(Bytes data) {
      boolean batch = r.evidence().batch() != null;
      List<AbiFunction> fs = batch ? List.of(EvidenceRegistry.ANCHOR_BATCH)
          : List.of(EvidenceRegistry.NOTARIZE, EvidenceRegistry.NOTARIZE_WITH_CONTENT, EvidenceRegistry.SUPERSEDE);
      for (AbiFunction f : fs) {
        if (data.size() >= 4 && Arrays.equals(data.slice(0, 4).toArray(), f.selector())) {
          try {
            List<Object> a = f.decodeCall(data);
            int at = f == EvidenceRegistry.SUPERSEDE ? 1 : 0;
            byte[] subject = ((Bytes) a.get(at)).toArray();
            int alg = ((BigInteger) a.get(at + 1)).intValue();
            byte[] expected = batch ? bytes(r.evidence().batch().root()) : digest;
            if (!Arrays.equals(subject, expected) || alg != algorithm.code()) {
              return "the transaction's " + f.name() + " call is for another digest or algorithm";
            }
            return null;
          } catch (AbiException e) {
            return "the transaction's call data does not decode: " + e.getMessage();
          }
        }
      }
      return "the transaction does not call " + fs.stream().map(AbiFunction::name).toList();
    }

    void file() throws Refusal {
      if (file == null) {
        checks.add(new Check("file", Outcome.NOT_CHECKED, "no file given: evidence.digest is taken as stated"));
        return;
      }
      byte[] h = algorithm.hash(file);
      require("file", Arrays.equals(h, digest), "the file's " + algorithm.label() + " digest " + Hex.encodePrefixed(h)
          + " is not evidence.digest");
      pass("file", "the file's " + algorithm.label() + " digest is evidence.digest");
    }

    void require(boolean ok, String reason) throws Refusal {
      require("evidence", ok, reason);
    }

    void require(String check, boolean ok, String reason) throws Refusal {
      if (!ok) {
        throw new Refusal(check, reason);
      }
    }

    /**
     * The certificate problem, or null: right height and hash, distinct known signers, a quorum, and every signature
     * exactly as its signer made it. Where signatures are recoverable (secp256k1) the signer's key is recovered with
     * the recovery id, so the id byte is checked too; SM2 signatures carry their key and a zero id.
     */
    String certificateProblem(Hash blockHash, long height, CommitCertificate cert, ValidatorSet validators) {
      if (cert.height() != height) {
        return "certificate is for height " + cert.height() + ", not " + height;
      }
      if (!cert.blockHash().equals(blockHash)) {
        return "certificate is for block " + cert.blockHash().toHex() + ", not " + blockHash.toHex();
      }
      Set<Address> seen = new HashSet<>();
      for (VoteSignature s : cert.signatures()) {
        if (!validators.contains(s.signer())) {
          return "signer " + s.signer().toHex() + " is not a validator";
        }
        if (!seen.add(s.signer())) {
          return "signer " + s.signer().toHex() + " signed twice (duplicate signature)";
        }
      }
      if (seen.size() < validators.quorum()) {
        return "too few signatures: " + seen.size() + " of " + validators.size() + " validators signed, quorum is "
            + validators.quorum();
      }
      byte[] digest = SigningDigest.vote(suite, VoteKind.COMMIT, trust.chainId(), height, cert.round(), blockHash);
      for (VoteSignature s : cert.signatures()) {
        byte[] key = validators.find(s.signer()).orElseThrow().publicKey().unsafeArray();
        if (!signedBy(digest, s.signature(), key)) {
          return "the signature of " + s.signer().toHex() + " does not verify";
        }
      }
      return null;
    }

    boolean signedBy(byte[] digest, Signature sig, byte[] key) {
      try {
        if (suite.signatureCarriesPublicKey()) {
          return sig.recoveryId() == 0 && suite.verify(digest, sig, key);
        }
        return Arrays.equals(suite.recoverPublicKey(digest, sig), key);
      } catch (SignatureException | IllegalArgumentException | ArithmeticException e) {
        return false;
      }
    }
  }

  /**
   * The value {@code proof} proves under {@code root} for key rlp(index). Besides what the trie checks, the nodes
   * must form one chain from the root (each referenced by hash from the one before), so a proof carries no extra
   * bytes that nothing checks.
   */
  static byte[] prove(Hash root, long index, List<String> proofHex, String field) throws TrieProofException {
    List<Bytes> proof = new ArrayList<>(proofHex.size());
    for (String p : proofHex) {
      proof.add(Bytes.wrap(bytes(p)));
    }
    if (proof.isEmpty()) {
      throw new TrieProofException(field + " is empty");
    }
    if (!Hash.keccak(proof.get(0).unsafeArray()).equals(root)) {
      throw new TrieProofException(field + "[0] is not the root node");
    }
    for (int i = 1; i < proof.size(); i++) {
      byte[] h = Hash.keccak(proof.get(i).unsafeArray()).unsafeArray();
      if (indexOf(proof.get(i - 1).unsafeArray(), h) < 0) {
        throw new TrieProofException(field + "[" + i + "] is not referenced by " + field + "[" + (i - 1) + "]");
      }
    }
    Optional<Bytes> v = MerklePatriciaTrie.verifyProof(root, Bytes.wrap(Rlp.encodeLong(index)), proof);
    if (v.isEmpty()) {
      throw new TrieProofException(field + " shows that index " + index + " is absent");
    }
    return v.get().toArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] bytes(String hex) {
    return Hex.decode(hex.substring(2));
  }
}
