package io.trestle.services.evidence;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemCall.Halt;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemResult;
import io.trestle.services.did.Abis;
import io.trestle.services.did.ContractStorage;
import io.trestle.services.did.Did;
import io.trestle.services.did.DidLayout;
import io.trestle.services.did.DidRegistry;
import io.trestle.services.did.DidSyntaxException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The evidence registry of {@code contracts/interfaces/IEvidence.sol}. A submitter notarizes a digest (or anchors
 * the Merkle root of a batch of digests) under its account, and so under its DID, whose current version the record
 * keeps; a deactivated DID may not notarize. A digest notarized twice by one submitter answers with the first
 * record. Records are superseded or revoked, never changed or deleted.
 */
public final class EvidenceRegistry implements SystemContract {
  public static final Address ADDRESS = Address.ofLong(0x7e57_1003L);
  /** Gas on top of storage and logs for a new record (slot hashing, checks). */
  static final long RECORD_GAS = 2_000;
  public static final int QUERY_LIMIT_MAX = 100;

  public static final AbiFunction NOTARIZE = Abis.function("notarize(bytes,uint8,string)", "uint64");
  public static final AbiFunction NOTARIZE_WITH_CONTENT = Abis.function(
      "notarizeWithContent(bytes,uint8,string,uint8,bytes,string[],bytes[])", "uint64");
  public static final AbiFunction ANCHOR_BATCH = Abis.function("anchorBatch(bytes32,uint8,uint32,string)", "uint64");
  public static final AbiFunction SUPERSEDE = Abis.function("supersede(uint64,bytes,uint8,string)", "uint64");
  public static final AbiFunction REVOKE = Abis.function("revoke(uint64,string)");
  public static final AbiFunction LOOKUP = Abis.function("lookup(bytes,uint8,address)", "uint64");
  public static final AbiFunction FIND_BY_DIGEST = Abis.function("findByDigest(bytes,uint8,uint64,uint32)", "uint64[]");
  public static final AbiFunction FIND_BY_SUBMITTER = Abis.function("findBySubmitter(address,uint64,uint32)",
      "uint64[]");
  public static final AbiFunction RECORD = Abis.function("record(uint64)", "address", "uint8", "uint8", "bytes",
      "string",
      "uint64", "uint64", "uint32", "uint32", "uint8", "uint64", "uint64", "bool", "string");

  public static final AbiEvent NOTARIZED = Abis.event("Notarized(uint64 indexed id, address indexed submitter, "
      + "bytes32 indexed digestKey, uint8 hashAlgorithm, bytes digest, string metadata, uint32 didVersion, uint8 contentMode)");
  public static final AbiEvent BATCH_ANCHORED = Abis.event("BatchAnchored(uint64 indexed id, address indexed submitter, "
      + "bytes32 indexed root, uint8 hashAlgorithm, uint32 leafCount, string metadata, uint32 didVersion)");
  public static final AbiEvent SUPERSEDED = Abis.event("Superseded(uint64 indexed oldId, uint64 indexed newId)");
  public static final AbiEvent REVOKED = Abis.event("Revoked(uint64 indexed id, string reason)");

  private static final List<AbiFunction> FUNCTIONS = List.of(NOTARIZE, NOTARIZE_WITH_CONTENT, ANCHOR_BATCH, SUPERSEDE,
      REVOKE, LOOKUP, FIND_BY_DIGEST, FIND_BY_SUBMITTER, RECORD);

  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public SystemResult call(SystemCall call) throws Halt {
    Bytes input = call.input();
    if (input.size() < 4) {
      return SystemResult.revert("Evidence: no function selector");
    }
    if (!call.value().isZero()) {
      return SystemResult.revert("Evidence: does not accept value");
    }
    int selector = ((input.get(0) & 0xff) << 24) | ((input.get(1) & 0xff) << 16) | ((input.get(2) & 0xff) << 8)
        | (input.get(3) & 0xff);
    AbiFunction f = FUNCTIONS.stream().filter(x -> x.selectorInt() == selector).findFirst().orElse(null);
    if (f == null) {
      return SystemResult.revert("Evidence: unknown function selector " + input.slice(0, 4).toHex());
    }
    try {
      List<Object> a = f.decodeCall(input);
      ContractStorage s = ContractStorage.of(call);
      if (f == LOOKUP) {
        HashAlgorithm alg = algorithm(a.get(1));
        byte[] digest = digest(alg, (Bytes) a.get(0));
        return SystemResult.success(f.encodeOutput(
            BigInteger.valueOf(EvidenceLayout.lookup(s, EvidenceLayout.digestKey(alg, digest), (Address) a.get(2)))));
      }
      if (f == FIND_BY_DIGEST) {
        HashAlgorithm alg = algorithm(a.get(1));
        byte[] digest = digest(alg, (Bytes) a.get(0));
        long head = start(s, EvidenceLayout.digestHead(s, EvidenceLayout.digestKey(alg, digest)),
            (BigInteger) a.get(2), true);
        return ids(f, EvidenceLayout.walk(s, head, true, limit((BigInteger) a.get(3))));
      }
      if (f == FIND_BY_SUBMITTER) {
        long head = start(s, EvidenceLayout.submitterHead(s, (Address) a.get(0)), (BigInteger) a.get(1), false);
        return ids(f, EvidenceLayout.walk(s, head, false, limit((BigInteger) a.get(2))));
      }
      if (f == RECORD) {
        return record(s, id((BigInteger) a.get(0), s));
      }
      if (call.isStatic()) {
        throw new Refused("changes are not allowed in a static call");
      }
      call.charge(RECORD_GAS);
      if (f == REVOKE) {
        revoke(call, s, id((BigInteger) a.get(0), s), (String) a.get(1));
        return SystemResult.success(Bytes.EMPTY);
      }
      int didVersion = submitterDidVersion(call);
      if (f == NOTARIZE) {
        HashAlgorithm alg = algorithm(a.get(1));
        long id = notarize(call, s, alg, digest(alg, (Bytes) a.get(0)), metadata(a.get(2)), didVersion,
            ContentMode.NONE, null, List.of(), 0);
        return SystemResult.success(f.encodeOutput(BigInteger.valueOf(id)));
      }
      if (f == NOTARIZE_WITH_CONTENT) {
        return notarizeWithContent(call, s, a, didVersion);
      }
      if (f == ANCHOR_BATCH) {
        return anchorBatch(call, s, a, didVersion);
      }
      return supersede(call, s, a, didVersion);
    } catch (AbiException e) {
      return SystemResult.revert("Evidence: malformed arguments: " + e.getMessage());
    } catch (Refused e) {
      return SystemResult.revert("Evidence: " + e.getMessage());
    }
  }

  /** The submitter's current DID version; refuses a deactivated DID. */
  private static int submitterDidVersion(SystemCall call) throws Halt, Refused {
    DidLayout.Meta m = DidLayout.meta(ContractStorage.readOnly(call, DidRegistry.ADDRESS), call.caller());
    if (m.deactivated()) {
      throw new Refused("submitter " + didOf(call, call.caller()) + " is deactivated (version " + m.deactivatedVersion()
          + ") and may not notarize");
    }
    return m.versionCount();
  }

  /**
   * Writes a new record and its indexes and emits Notarized, or returns the submitter's existing record for the
   * same digest without changing anything. {@code supersedes} links the new record to an older one (0: none).
   */
  private static long notarize(SystemCall call, ContractStorage s, HashAlgorithm alg, byte[] digest, String metadata,
      int didVersion, ContentMode mode, byte[] content, List<EvidenceLayout.Recipient> recipients, long supersedes)
      throws Halt {
    Address submitter = call.caller();
    Hash key = EvidenceLayout.digestKey(alg, digest);
    long existing = EvidenceLayout.lookup(s, key, submitter);
    if (existing != 0) {
      return existing;
    }
    long id = EvidenceLayout.lastId(s) + 1;
    s.store(EvidenceLayout.counterSlot(), UInt256.valueOf(id));
    long prevDigest = EvidenceLayout.digestHead(s, key);
    long prevSubmitter = EvidenceLayout.submitterHead(s, submitter);
    EvidenceLayout.saveHeader(s, id, submitter, EvidenceLayout.KIND_SINGLE, alg, mode, false, didVersion, 0);
    EvidenceLayout.saveLinks(s, id, call.block().number(), call.block().timestamp(), prevDigest, prevSubmitter);
    EvidenceLayout.saveDigest(s, id, digest);
    EvidenceLayout.saveMetadata(s, id, metadata);
    if (supersedes != 0) {
      EvidenceLayout.saveLifecycle(s, id, supersedes, 0, 0);
    }
    if (content != null) {
      EvidenceLayout.saveContent(s, id, content, recipients);
    }
    s.store(EvidenceLayout.digestHeadSlot(key), UInt256.valueOf(id));
    s.store(EvidenceLayout.dedupeSlot(key, submitter), UInt256.valueOf(id));
    s.store(EvidenceLayout.submitterHeadSlot(submitter), UInt256.valueOf(id));
    emit(call, NOTARIZED, BigInteger.valueOf(id), submitter, key.toBytes(), BigInteger.valueOf(alg.code()),
        Bytes.wrap(digest), metadata, BigInteger.valueOf(didVersion), BigInteger.valueOf(mode.code()));
    return id;
  }

  private static SystemResult notarizeWithContent(SystemCall call, ContractStorage s, List<Object> a, int didVersion)
      throws Halt, Refused, AbiException {
    HashAlgorithm alg = algorithm(a.get(1));
    byte[] digest = digest(alg, (Bytes) a.get(0));
    String metadata = metadata(a.get(2));
    int modeCode = ((BigInteger) a.get(3)).intValue();
    ContentMode mode = ContentMode.ofCode(modeCode);
    if (mode == null || mode == ContentMode.NONE) {
      throw new Refused("content mode " + modeCode + " must be 1 (clear), 2 (aes-256-gcm) or 3 (sm4-gcm)");
    }
    byte[] content = ((Bytes) a.get(4)).toArray();
    @SuppressWarnings("unchecked")
    List<Object> dids = (List<Object>) a.get(5);
    @SuppressWarnings("unchecked")
    List<Object> wrapped = (List<Object>) a.get(6);
    if (dids.size() != wrapped.size()) {
      throw new Refused(dids.size() + " recipients but " + wrapped.size() + " wrapped keys");
    }
    List<EvidenceLayout.Recipient> recipients = new ArrayList<>();
    if (mode == ContentMode.CLEAR) {
      if (content.length > ContentMode.ORIGINAL_BYTES_MAX) {
        throw new Refused("original of " + content.length + " bytes exceeds " + ContentMode.ORIGINAL_BYTES_MAX);
      }
      if (!dids.isEmpty()) {
        throw new Refused("an original in clear has no recipients");
      }
      call.charge(HashAlgorithm.gas(content.length));
      if (!Arrays.equals(alg.hash(content), digest)) {
        throw new Refused("the original's " + alg.label() + " digest is not the digest given");
      }
    } else {
      int min = ContentMode.NONCE_BYTES + ContentMode.TAG_BYTES;
      if (content.length < min || content.length > ContentMode.ENCRYPTED_BYTES_MAX) {
        throw new Refused("encrypted original of " + content.length + " bytes must be " + min + " to "
            + ContentMode.ENCRYPTED_BYTES_MAX + " (nonce, ciphertext, tag)");
      }
      if (dids.isEmpty() || dids.size() > EvidenceLayout.RECIPIENTS_MAX) {
        throw new Refused("an encrypted original needs 1 to " + EvidenceLayout.RECIPIENTS_MAX + " recipients, got "
            + dids.size());
      }
      for (int r = 0; r < dids.size(); r++) {
        String didUrl = (String) dids.get(r);
        byte[] key = ((Bytes) wrapped.get(r)).toArray();
        checkRecipient(call, r, didUrl);
        if (key.length == 0 || key.length > EvidenceLayout.WRAPPED_KEY_BYTES_MAX) {
          throw new Refused("wrapped key " + r + " must be 1 to " + EvidenceLayout.WRAPPED_KEY_BYTES_MAX + " bytes");
        }
        recipients.add(new EvidenceLayout.Recipient(didUrl, key));
      }
    }
    long id = notarize(call, s, alg, digest, metadata, didVersion, mode, content, recipients, 0);
    return SystemResult.success(NOTARIZE_WITH_CONTENT.encodeOutput(BigInteger.valueOf(id)));
  }

  /**
   * A recipient is {@code did:trestle:<this chain>:<address>#<keyId>}: a key of an active DID of this chain that is
   * not revoked and may be used for key agreement, so the registry can vouch that the key was current.
   */
  private static void checkRecipient(SystemCall call, int r, String didUrl) throws Halt, Refused {
    int hash = didUrl.indexOf('#');
    if (hash < 0) {
      throw new Refused("recipient " + r + " '" + printable(didUrl) + "' must name a key: <did>#<keyId>");
    }
    Did did;
    try {
      did = Did.parse(didUrl.substring(0, hash));
    } catch (DidSyntaxException e) {
      throw new Refused("recipient " + r + ": " + e.getMessage());
    }
    String keyId = didUrl.substring(hash + 1);
    String bad = Abis.checkIdentifier("recipient " + r + " key id", keyId);
    if (bad != null) {
      throw new Refused(bad);
    }
    if (did.chainId() != call.block().chainId()) {
      throw new Refused("recipient " + r + " " + did + " is not a DID of this chain (" + call.block().chainId() + ")");
    }
    ContractStorage dids = ContractStorage.readOnly(call, DidRegistry.ADDRESS);
    DidLayout.Meta meta = DidLayout.meta(dids, did.address());
    if (meta.deactivated()) {
      throw new Refused("recipient " + did + " is deactivated");
    }
    int i = DidLayout.keyIndex(dids, did.address(), keyId);
    if (i < 0) {
      throw new Refused("recipient " + did + " has no key #" + keyId);
    }
    DidLayout.Key k = DidLayout.key(dids, did.address(), i);
    if (k.revokedVersion() != 0) {
      throw new Refused("key #" + keyId + " of recipient " + did + " is revoked (version " + k.revokedVersion() + ")");
    }
    if ((k.relationships() & DidRegistry.KEY_AGREEMENT) == 0) {
      throw new Refused("key #" + keyId + " of recipient " + did + " is not a keyAgreement key");
    }
  }

  private static SystemResult anchorBatch(SystemCall call, ContractStorage s, List<Object> a, int didVersion)
      throws Halt, Refused, AbiException {
    byte[] root = ((Bytes) a.get(0)).toArray();
    HashAlgorithm alg = algorithm(a.get(1));
    if (!alg.supportsBatches()) {
      throw new Refused(alg.label() + " cannot build batch trees (their roots are 32 bytes)");
    }
    long count = ((BigInteger) a.get(2)).longValue();
    if (count < 1 || count > BatchMerkle.LEAVES_MAX) {
      throw new Refused("leaf count " + count + " must be 1 to " + BatchMerkle.LEAVES_MAX);
    }
    String metadata = metadata(a.get(3));
    Address submitter = call.caller();
    Hash key = EvidenceLayout.digestKey(alg, root);
    long existing = EvidenceLayout.lookup(s, key, submitter);
    if (existing != 0) {
      return SystemResult.success(ANCHOR_BATCH.encodeOutput(BigInteger.valueOf(existing)));
    }
    long id = EvidenceLayout.lastId(s) + 1;
    s.store(EvidenceLayout.counterSlot(), UInt256.valueOf(id));
    EvidenceLayout.saveHeader(s, id, submitter, EvidenceLayout.KIND_BATCH, alg, ContentMode.NONE, false, didVersion,
        count);
    EvidenceLayout.saveLinks(s, id, call.block().number(), call.block().timestamp(), EvidenceLayout.digestHead(s, key),
        EvidenceLayout.submitterHead(s, submitter));
    EvidenceLayout.saveDigest(s, id, root);
    EvidenceLayout.saveMetadata(s, id, metadata);
    s.store(EvidenceLayout.digestHeadSlot(key), UInt256.valueOf(id));
    s.store(EvidenceLayout.dedupeSlot(key, submitter), UInt256.valueOf(id));
    s.store(EvidenceLayout.submitterHeadSlot(submitter), UInt256.valueOf(id));
    emit(call, BATCH_ANCHORED, BigInteger.valueOf(id), submitter, Bytes.wrap(root), BigInteger.valueOf(alg.code()),
        BigInteger.valueOf(count), metadata, BigInteger.valueOf(didVersion));
    return SystemResult.success(ANCHOR_BATCH.encodeOutput(BigInteger.valueOf(id)));
  }

  private static SystemResult supersede(SystemCall call, ContractStorage s, List<Object> a, int didVersion)
      throws Halt, Refused, AbiException {
    long oldId = id((BigInteger) a.get(0), s);
    EvidenceLayout.Record old = EvidenceLayout.read(s, oldId);
    owned(call, old);
    if (old.revoked()) {
      throw new Refused("record " + oldId + " is revoked and cannot be superseded");
    }
    if (old.supersededBy() != 0) {
      throw new Refused("record " + oldId + " is already superseded by " + old.supersededBy());
    }
    HashAlgorithm alg = algorithm(a.get(2));
    byte[] digest = digest(alg, (Bytes) a.get(1));
    long existing = EvidenceLayout.lookup(s, EvidenceLayout.digestKey(alg, digest), call.caller());
    if (existing != 0) {
      throw new Refused("the new digest is already notarized as record " + existing + "; supersede needs a new digest");
    }
    long newId = notarize(call, s, alg, digest, metadata(a.get(3)), didVersion, ContentMode.NONE, null, List.of(),
        oldId);
    EvidenceLayout.saveLifecycle(s, oldId, old.supersedes(), newId, old.revokedAtBlock());
    emit(call, SUPERSEDED, BigInteger.valueOf(oldId), BigInteger.valueOf(newId));
    return SystemResult.success(SUPERSEDE.encodeOutput(BigInteger.valueOf(newId)));
  }

  private static void revoke(SystemCall call, ContractStorage s, long id, String reason) throws Halt, Refused {
    EvidenceLayout.Record r = EvidenceLayout.read(s, id);
    owned(call, r);
    if (r.revoked()) {
      throw new Refused("record " + id + " is already revoked (block " + r.revokedAtBlock() + ")");
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length > EvidenceLayout.REASON_BYTES_MAX) {
      throw new Refused("reason is longer than " + EvidenceLayout.REASON_BYTES_MAX + " bytes");
    }
    EvidenceLayout.saveHeader(s, id, r.submitter(), r.kind(), r.algorithm(), r.contentMode(), true, r.didVersion(),
        r.leafCount());
    EvidenceLayout.saveLifecycle(s, id, r.supersedes(), r.supersededBy(), call.block().number());
    EvidenceLayout.saveReason(s, id, reason);
    emit(call, REVOKED, BigInteger.valueOf(id), reason);
  }

  private static void owned(SystemCall call, EvidenceLayout.Record r) throws Refused {
    if (!r.submitter().equals(call.caller())) {
      throw new Refused("record " + r.id() + " was submitted by " + r.submitter().toHex() + ", not by "
          + call.caller().toHex());
    }
  }

  private static SystemResult record(ContractStorage s, long id) throws Halt, AbiException {
    EvidenceLayout.Record r = EvidenceLayout.read(s, id);
    return SystemResult.success(RECORD.encodeOutput(r.submitter(), BigInteger.valueOf(r.kind()),
        BigInteger.valueOf(r.algorithm().code()), Bytes.wrap(r.digest()), r.metadata(),
            BigInteger.valueOf(r.blockNumber()),
        BigInteger.valueOf(r.timestampSeconds()), BigInteger.valueOf(r.didVersion()), BigInteger.valueOf(r.leafCount()),
        BigInteger.valueOf(r.contentMode().code()), BigInteger.valueOf(r.supersedes()),
            BigInteger.valueOf(r.supersededBy()),
        r.revoked(), r.revocationReason()));
  }

  private static SystemResult ids(AbiFunction f, List<Long> ids) throws AbiException {
    List<BigInteger> out = ids.stream().map(BigInteger::valueOf).toList();
    return SystemResult.success(f.encodeOutput(out));
  }

  /** Where a page starts: the list head, or the record before {@code before} in the same list. */
  private static long start(ContractStorage s, long head, BigInteger before, boolean byDigest) throws Halt, Refused {
    if (before.signum() == 0) {
      return head;
    }
    long id = id(before, s);
    EvidenceLayout.Record r = EvidenceLayout.read(s, id);
    return byDigest ? r.previousSameDigest() : r.previousBySubmitter();
  }

  private static long id(BigInteger value, ContractStorage s) throws Halt, Refused {
    if (value.signum() <= 0 || value.bitLength() > 63 || value.longValue() > EvidenceLayout.lastId(s)) {
      throw new Refused("no record " + value);
    }
    return value.longValue();
  }

  private static int limit(BigInteger value) throws Refused {
    if (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(QUERY_LIMIT_MAX)) > 0) {
      throw new Refused("limit " + value + " must be 1 to " + QUERY_LIMIT_MAX);
    }
    return value.intValue();
  }

  private static HashAlgorithm algorithm(Object code) throws Refused {
    int c = ((BigInteger) code).intValue();
    HashAlgorithm a = HashAlgorithm.ofCode(c);
    if (a == null) {
      throw new Refused("hash algorithm " + c + " is unknown (1 sha-256, 2 sm3, 3 sha-512)");
    }
    return a;
  }

  private static byte[] digest(HashAlgorithm alg, Bytes digest) throws Refused {
    if (digest.size() != alg.digestBytes()) {
      throw new Refused(alg.label() + " digests are " + alg.digestBytes() + " bytes, got " + digest.size());
    }
    return digest.toArray();
  }

  private static String metadata(Object value) throws Refused {
    String m = (String) value;
    int bytes = m.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > EvidenceLayout.METADATA_BYTES_MAX) {
      throw new Refused("metadata of " + bytes + " bytes exceeds " + EvidenceLayout.METADATA_BYTES_MAX);
    }
    return m;
  }

  private static String didOf(SystemCall call, Address a) {
    long chainId = call.block().chainId();
    return chainId > 0 ? Did.of(chainId, a).toString() : a.toHex();
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.toString();
  }

  private static void emit(SystemCall call, AbiEvent event, Object... values) throws Halt {
    try {
      AbiEvent.Encoded log = event.encode(values);
      call.log(log.topics(), log.data());
    } catch (AbiException e) {
      throw new IllegalStateException("event " + event.signature() + " does not encode its own values", e);
    }
  }

  public static List<String> signatures() {
    return FUNCTIONS.stream().map(AbiFunction::signature).toList();
  }
}
