package io.trestle.services.evidence;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall.Halt;
import io.trestle.services.did.ContractStorage;
import io.trestle.services.did.Did;
import io.trestle.services.did.Slots;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the evidence registry keeps records and its indexes (docs/evidence-receipt.md §On chain). Records are
 * numbered from 1. Two singly linked lists, newest first, index them by digest and by submitter: the head slot of
 * each list names the newest record and every record names the previous one, so an index costs one slot.
 */
public final class EvidenceLayout {
  static final int TAG_COUNTER = 0x31;
  static final int TAG_RECORD = 0x32;
  static final int TAG_DIGEST_HEAD = 0x33;
  static final int TAG_DEDUPE = 0x34;
  static final int TAG_SUBMITTER_HEAD = 0x35;
  static final int TAG_RECIPIENT = 0x36;

  public static final int KIND_SINGLE = 1;
  public static final int KIND_BATCH = 2;
  public static final int METADATA_BYTES_MAX = 1024;
  public static final int REASON_BYTES_MAX = 256;
  public static final int RECIPIENTS_MAX = 16;
  public static final int WRAPPED_KEY_BYTES_MAX = 256;

  private EvidenceLayout() {}

  /** One stored notarization or batch anchor. */
  public record Record(
      long id,
      Address submitter,
      int kind,
      HashAlgorithm algorithm,
      byte[] digest,
      String metadata,
      long blockNumber,
      long timestampSeconds,
      int didVersion,
      long leafCount,
      ContentMode contentMode,
      long supersedes,
      long supersededBy,
      boolean revoked,
      long revokedAtBlock,
      String revocationReason,
      long previousSameDigest,
      long previousBySubmitter) {
    public boolean batch() {
      return kind == KIND_BATCH;
    }
  }

  /** One recipient of an encrypted original: its DID URL (with the key id as fragment) and the wrapped key. */
  public record Recipient(String didUrl, byte[] wrappedKey) {}

  /** The key of a digest in the indexes: keccak(algorithm code || digest). */
  public static Hash digestKey(HashAlgorithm a, byte[] digest) {
    byte[] buf = new byte[1 + digest.length];
    buf[0] = (byte) a.code();
    System.arraycopy(digest, 0, buf, 1, digest.length);
    return Hash.keccak(buf);
  }

  static UInt256 counterSlot() {
    return Slots.of(TAG_COUNTER);
  }

  static UInt256 recordSlot(long id, int field) {
    return Slots.of(TAG_RECORD, Slots.u64(id), new byte[] {(byte) field});
  }

  static UInt256 digestHeadSlot(Hash digestKey) {
    return Slots.of(TAG_DIGEST_HEAD, digestKey.unsafeArray());
  }

  static UInt256 dedupeSlot(Hash digestKey, Address submitter) {
    return Slots.of(TAG_DEDUPE, digestKey.unsafeArray(), submitter.unsafeArray());
  }

  static UInt256 submitterHeadSlot(Address submitter) {
    return Slots.of(TAG_SUBMITTER_HEAD, submitter.unsafeArray());
  }

  static UInt256 recipientSlot(long id, int index, int field) {
    return Slots.of(TAG_RECIPIENT, Slots.u64(id), new byte[] {(byte) index, (byte) field});
  }

  public static long lastId(ContractStorage s) throws Halt {
    return s.load(counterSlot()).toLong();
  }

  public static long digestHead(ContractStorage s, Hash digestKey) throws Halt {
    return s.load(digestHeadSlot(digestKey)).toLong();
  }

  public static long submitterHead(ContractStorage s, Address submitter) throws Halt {
    return s.load(submitterHeadSlot(submitter)).toLong();
  }

  /** The record {@code submitter} made for this digest, or 0. */
  public static long lookup(ContractStorage s, Hash digestKey, Address submitter) throws Halt {
    return s.load(dedupeSlot(digestKey, submitter)).toLong();
  }

  /** The record, or null when {@code id} was never issued. */
  public static Record read(ContractStorage s, long id) throws Halt {
    if (id < 1 || id > lastId(s)) {
      return null;
    }
    byte[] w0 = s.load(recordSlot(id, 0)).toArray();
    byte[] w1 = s.load(recordSlot(id, 1)).toArray();
    byte[] w4 = s.load(recordSlot(id, 4)).toArray();
    byte[] submitter = new byte[Address.LENGTH];
    System.arraycopy(w0, 0, submitter, 0, Address.LENGTH);
    HashAlgorithm alg = HashAlgorithm.ofCode(w0[20] & 0xff);
    ContentMode mode = ContentMode.ofCode(w0[22] & 0xff);
    if (alg == null || mode == null) {
      throw new IllegalStateException("evidence record " + id + " holds an unknown algorithm or content mode");
    }
    byte[] digest = new byte[alg.digestBytes()];
    for (int w = 0; w * 32 < digest.length; w++) {
      System.arraycopy(s.load(recordSlot(id, 2 + w)).toArray(), 0, digest, w * 32, 32);
    }
    boolean revoked = (w0[23] & 1) != 0;
    String metadata = string(Slots.loadBytes(s, recordSlot(id, 5), METADATA_BYTES_MAX));
    String reason = revoked ? string(Slots.loadBytes(s, recordSlot(id, 7), REASON_BYTES_MAX)) : "";
    return new Record(id, Address.wrap(submitter), w0[21] & 0xff, alg, digest, metadata, Slots.getLong(w1, 0),
        Slots.getLong(w1, 8), getInt(w0, 24), getInt(w0, 28) & 0xffffffffL, mode, Slots.getLong(w4, 0),
        Slots.getLong(w4, 8), revoked, Slots.getLong(w4, 16), reason, Slots.getLong(w1, 16), Slots.getLong(w1, 24));
  }

  public static byte[] content(ContractStorage s, long id) throws Halt {
    return Slots.loadBytes(s, recordSlot(id, 6), ContentMode.ENCRYPTED_BYTES_MAX);
  }

  public static List<Recipient> recipients(ContractStorage s, long id) throws Halt {
    int n = (int) Math.min(RECIPIENTS_MAX, s.load(recordSlot(id, 8)).toLong());
    List<Recipient> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      String did = string(Slots.loadBytes(s, recipientSlot(id, r, 0), Did.TEXT_CHARS_MAX + 40));
      byte[] wrapped = Slots.loadBytes(s, recipientSlot(id, r, 1), WRAPPED_KEY_BYTES_MAX);
      out.add(new Recipient(did, wrapped));
    }
    return out;
  }

  /** Up to {@code limit} ids of one list, newest first, starting at {@code head}. */
  public static List<Long> walk(ContractStorage s, long head, boolean byDigest, int limit) throws Halt {
    List<Long> out = new ArrayList<>();
    long id = head;
    while (id != 0 && out.size() < limit) {
      out.add(id);
      byte[] w1 = s.load(recordSlot(id, 1)).toArray();
      id = Slots.getLong(w1, byDigest ? 16 : 24);
    }
    return out;
  }

  // ---- writes (the contract's) ----

  static void saveHeader(ContractStorage s, long id, Address submitter, int kind, HashAlgorithm alg, ContentMode mode,
      boolean revoked, int didVersion, long leafCount) throws Halt {
    byte[] w = new byte[32];
    System.arraycopy(submitter.unsafeArray(), 0, w, 0, Address.LENGTH);
    w[20] = (byte) alg.code();
    w[21] = (byte) kind;
    w[22] = (byte) mode.code();
    w[23] = (byte) (revoked ? 1 : 0);
    putInt(w, 24, didVersion);
    putInt(w, 28, (int) leafCount);
    s.store(recordSlot(id, 0), UInt256.fromBytes(w));
  }

  static void saveLinks(ContractStorage s, long id, long blockNumber, long timestamp, long prevDigest,
      long prevSubmitter)
      throws Halt {
    byte[] w = new byte[32];
    Slots.putLong(w, 0, blockNumber);
    Slots.putLong(w, 8, timestamp);
    Slots.putLong(w, 16, prevDigest);
    Slots.putLong(w, 24, prevSubmitter);
    s.store(recordSlot(id, 1), UInt256.fromBytes(w));
  }

  static void saveDigest(ContractStorage s, long id, byte[] digest) throws Halt {
    for (int w = 0; w * 32 < digest.length; w++) {
      byte[] chunk = new byte[32];
      System.arraycopy(digest, w * 32, chunk, 0, 32);
      s.store(recordSlot(id, 2 + w), UInt256.fromBytes(chunk));
    }
  }

  static void saveLifecycle(ContractStorage s, long id, long supersedes, long supersededBy, long revokedAtBlock)
      throws Halt {
    byte[] w = new byte[32];
    Slots.putLong(w, 0, supersedes);
    Slots.putLong(w, 8, supersededBy);
    Slots.putLong(w, 16, revokedAtBlock);
    s.store(recordSlot(id, 4), UInt256.fromBytes(w));
  }

  static void saveMetadata(ContractStorage s, long id, String metadata) throws Halt {
    if (!metadata.isEmpty()) {
      Slots.storeBytes(s, recordSlot(id, 5), metadata.getBytes(StandardCharsets.UTF_8));
    }
  }

  static void saveContent(ContractStorage s, long id, byte[] content, List<Recipient> recipients) throws Halt {
    Slots.storeBytes(s, recordSlot(id, 6), content);
    if (!recipients.isEmpty()) {
      s.store(recordSlot(id, 8), UInt256.valueOf(recipients.size()));
      for (int r = 0; r < recipients.size(); r++) {
        Slots.storeBytes(s, recipientSlot(id, r, 0), recipients.get(r).didUrl().getBytes(StandardCharsets.US_ASCII));
        Slots.storeBytes(s, recipientSlot(id, r, 1), recipients.get(r).wrappedKey());
      }
    }
  }

  static void saveReason(ContractStorage s, long id, String reason) throws Halt {
    Slots.storeBytes(s, recordSlot(id, 7), reason.getBytes(StandardCharsets.UTF_8));
  }

  static void putInt(byte[] w, int off, int v) {
    w[off] = (byte) (v >>> 24);
    w[off + 1] = (byte) (v >>> 16);
    w[off + 2] = (byte) (v >>> 8);
    w[off + 3] = (byte) v;
  }

  static int getInt(byte[] w, int off) {
    return ((w[off] & 0xff) << 24) | ((w[off + 1] & 0xff) << 16) | ((w[off + 2] & 0xff) << 8) | (w[off + 3] & 0xff);
  }

  private static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
