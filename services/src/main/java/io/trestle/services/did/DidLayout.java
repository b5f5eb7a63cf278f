package io.trestle.services.did;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall.Halt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the DID registry keeps each identity's state (docs/did-method.md §Storage), and typed reads and writes of
 * it. Versions are numbered from 1 (0 is the implicit document nobody has changed yet); every entry remembers the
 * version that added it and the version that removed it, which is what resolving a DID as of a past version needs.
 */
public final class DidLayout {
  static final int TAG_META = 0x01;
  static final int TAG_VERSION = 0x02;
  static final int TAG_KEY = 0x03;
  static final int TAG_KEY_INDEX = 0x04;
  static final int TAG_SERVICE = 0x05;
  static final int TAG_SERVICE_INDEX = 0x06;
  static final int TAG_CONTROLLER = 0x07;
  static final int TAG_CONTROLLER_INDEX = 0x08;

  /** Limits on entries per DID, counting removed ones (history is never deleted). */
  public static final int KEYS_MAX = 32;
  public static final int SERVICES_MAX = 32;
  public static final int CONTROLLERS_MAX = 16;
  public static final int ENDPOINT_BYTES_MAX = 512;

  private DidLayout() {}

  /** The per-DID counters. */
  public record Meta(int versionCount, int deactivatedVersion, int keyCount, int serviceCount, int controllerCount) {
    UInt256 encode() {
      byte[] w = new byte[32];
      putInt(w, 0, versionCount);
      putInt(w, 4, deactivatedVersion);
      Slots.putShort(w, 8, keyCount);
      Slots.putShort(w, 10, serviceCount);
      Slots.putShort(w, 12, controllerCount);
      return UInt256.fromBytes(w);
    }

    static Meta decode(UInt256 v) {
      byte[] w = v.toArray();
      return new Meta(getInt(w, 0), getInt(w, 4), Slots.getShort(w, 8), Slots.getShort(w, 10), Slots.getShort(w, 12));
    }

    public boolean deactivated() {
      return deactivatedVersion != 0;
    }
  }

  /** When a version was made: the block and its timestamp in seconds. */
  public record Stamp(int version, long blockNumber, long timestampSeconds) {}

  /** A verification method, with the versions that added and revoked it (0: not revoked). */
  public record Key(int index, String id, KeyType type, byte[] publicKey, int relationships, int addedVersion,
      int revokedVersion) {
    public boolean activeAt(int version) {
      return addedVersion <= version && (revokedVersion == 0 || revokedVersion > version);
    }
  }

  public record Service(int index, String id, String type, String endpoint, int addedVersion, int removedVersion) {
    public boolean activeAt(int version) {
      return addedVersion <= version && (removedVersion == 0 || removedVersion > version);
    }
  }

  public record Controller(int index, Address address, int addedVersion, int removedVersion) {
    public boolean activeAt(int version) {
      return addedVersion <= version && (removedVersion == 0 || removedVersion > version);
    }
  }

  // ---- slots ----

  static UInt256 metaSlot(Address id) {
    return Slots.of(TAG_META, id.unsafeArray());
  }

  static UInt256 versionSlot(Address id, int version) {
    return Slots.of(TAG_VERSION, id.unsafeArray(), Slots.u64(version));
  }

  static UInt256 keySlot(Address id, int index, int field) {
    return Slots.of(TAG_KEY, id.unsafeArray(), Slots.u64(index), new byte[] {(byte) field});
  }

  static UInt256 keyIndexSlot(Address id, String keyId) {
    return Slots.of(TAG_KEY_INDEX, id.unsafeArray(), Hash.keccak(ascii(keyId)).unsafeArray());
  }

  static UInt256 serviceSlot(Address id, int index, int field) {
    return Slots.of(TAG_SERVICE, id.unsafeArray(), Slots.u64(index), new byte[] {(byte) field});
  }

  static UInt256 serviceIndexSlot(Address id, String serviceId) {
    return Slots.of(TAG_SERVICE_INDEX, id.unsafeArray(), Hash.keccak(ascii(serviceId)).unsafeArray());
  }

  static UInt256 controllerSlot(Address id, int index) {
    return Slots.of(TAG_CONTROLLER, id.unsafeArray(), Slots.u64(index));
  }

  static UInt256 controllerIndexSlot(Address id, Address controller) {
    return Slots.of(TAG_CONTROLLER_INDEX, id.unsafeArray(), controller.unsafeArray());
  }

  // ---- reads ----

  public static Meta meta(ContractStorage s, Address id) throws Halt {
    return Meta.decode(s.load(metaSlot(id)));
  }

  static void saveMeta(ContractStorage s, Address id, Meta m) throws Halt {
    s.store(metaSlot(id), m.encode());
  }

  public static Stamp stamp(ContractStorage s, Address id, int version) throws Halt {
    byte[] w = s.load(versionSlot(id, version)).toArray();
    return new Stamp(version, Slots.getLong(w, 0), Slots.getLong(w, 8));
  }

  static void saveStamp(ContractStorage s, Address id, int version, long blockNumber,
      long timestampSeconds) throws Halt {
    byte[] w = new byte[32];
    Slots.putLong(w, 0, blockNumber);
    Slots.putLong(w, 8, timestampSeconds);
    s.store(versionSlot(id, version), UInt256.fromBytes(w));
  }

  /** The index of the key with this id (revoked or not), or -1. */
  public static int keyIndex(ContractStorage s, Address id, String keyId) throws Halt {
    UInt256 v = s.load(keyIndexSlot(id, keyId));
    return v.isZero() ? -1 : (int) v.toLong() - 1;
  }

  public static Key key(ContractStorage s, Address id, int index) throws Halt {
    byte[] meta = s.load(keySlot(id, index, 0)).toArray();
    KeyType type = KeyType.ofCode(meta[0] & 0xff);
    if (type == null) {
      throw new IllegalStateException("DID " + id + " key " + index + " has an unknown type " + (meta[0] & 0xff));
    }
    String keyId = new String(Slots.loadBytes(s, keySlot(id, index, 1), Slots.INLINE_BYTES_MAX),
        StandardCharsets.US_ASCII);
    byte[] pub = new byte[type.storedBytes()];
    for (int w = 0; w * 32 < pub.length; w++) {
      System.arraycopy(s.load(keySlot(id, index, 2 + w)).toArray(), 0, pub, w * 32, 32);
    }
    return new Key(index, keyId, type, pub, meta[1] & 0xff, getInt(meta, 2), getInt(meta, 6));
  }

  static void saveKey(ContractStorage s, Address id, Key k) throws Halt {
    s.store(keySlot(id, k.index(), 0), keyMeta(k.type(), k.relationships(), k.addedVersion(), k.revokedVersion()));
    Slots.storeBytes(s, keySlot(id, k.index(), 1), ascii(k.id()));
    for (int w = 0; w * 32 < k.publicKey().length; w++) {
      byte[] chunk = new byte[32];
      System.arraycopy(k.publicKey(), w * 32, chunk, 0, 32);
      s.store(keySlot(id, k.index(), 2 + w), UInt256.fromBytes(chunk));
    }
    s.store(keyIndexSlot(id, k.id()), UInt256.valueOf(k.index() + 1L));
  }

  static void saveKeyRevoked(ContractStorage s, Address id, Key k, int version) throws Halt {
    s.store(keySlot(id, k.index(), 0), keyMeta(k.type(), k.relationships(), k.addedVersion(), version));
  }

  private static UInt256 keyMeta(KeyType type, int relationships, int added, int revoked) {
    byte[] w = new byte[32];
    w[0] = (byte) type.code();
    w[1] = (byte) relationships;
    putInt(w, 2, added);
    putInt(w, 6, revoked);
    return UInt256.fromBytes(w);
  }

  /** The index of the latest service entry with this id, or -1. */
  public static int serviceIndex(ContractStorage s, Address id, String serviceId) throws Halt {
    UInt256 v = s.load(serviceIndexSlot(id, serviceId));
    return v.isZero() ? -1 : (int) v.toLong() - 1;
  }

  public static Service service(ContractStorage s, Address id, int index) throws Halt {
    byte[] meta = s.load(serviceSlot(id, index, 0)).toArray();
    String sid = new String(Slots.loadBytes(s, serviceSlot(id, index, 1), Slots.INLINE_BYTES_MAX),
        StandardCharsets.US_ASCII);
    String type = new String(Slots.loadBytes(s, serviceSlot(id, index, 2), Slots.INLINE_BYTES_MAX),
        StandardCharsets.US_ASCII);
    String endpoint = new String(Slots.loadBytes(s, serviceSlot(id, index, 3), ENDPOINT_BYTES_MAX),
        StandardCharsets.US_ASCII);
    return new Service(index, sid, type, endpoint, getInt(meta, 0), getInt(meta, 4));
  }

  static void saveService(ContractStorage s, Address id, Service v) throws Halt {
    s.store(serviceSlot(id, v.index(), 0), versions(v.addedVersion(), v.removedVersion()));
    Slots.storeBytes(s, serviceSlot(id, v.index(), 1), ascii(v.id()));
    Slots.storeBytes(s, serviceSlot(id, v.index(), 2), ascii(v.type()));
    Slots.storeBytes(s, serviceSlot(id, v.index(), 3), ascii(v.endpoint()));
    s.store(serviceIndexSlot(id, v.id()), UInt256.valueOf(v.index() + 1L));
  }

  static void saveServiceRemoved(ContractStorage s, Address id, Service v, int version) throws Halt {
    s.store(serviceSlot(id, v.index(), 0), versions(v.addedVersion(), version));
  }

  /** The index of the latest entry naming this controller, or -1. */
  public static int controllerIndex(ContractStorage s, Address id, Address controller) throws Halt {
    UInt256 v = s.load(controllerIndexSlot(id, controller));
    return v.isZero() ? -1 : (int) v.toLong() - 1;
  }

  public static Controller controller(ContractStorage s, Address id, int index) throws Halt {
    byte[] w = s.load(controllerSlot(id, index)).toArray();
    byte[] addr = new byte[Address.LENGTH];
    System.arraycopy(w, 12, addr, 0, Address.LENGTH);
    return new Controller(index, Address.wrap(addr), getInt(w, 0), getInt(w, 4));
  }

  static void saveController(ContractStorage s, Address id, Controller c) throws Halt {
    byte[] w = new byte[32];
    putInt(w, 0, c.addedVersion());
    putInt(w, 4, c.removedVersion());
    System.arraycopy(c.address().unsafeArray(), 0, w, 12, Address.LENGTH);
    s.store(controllerSlot(id, c.index()), UInt256.fromBytes(w));
    s.store(controllerIndexSlot(id, c.address()), UInt256.valueOf(c.index() + 1L));
  }

  /**
   * Whether {@code who} may change the DID of {@code id} now: the account itself, or a listed controller that has
   * not been removed and whose own DID is not deactivated.
   */
  public static boolean controls(ContractStorage s, Address id, Address who) throws Halt {
    if (who.equals(id)) {
      return true;
    }
    int i = controllerIndex(s, id, who);
    if (i < 0 || controller(s, id, i).removedVersion() != 0) {
      return false;
    }
    return !meta(s, who).deactivated();
  }

  /** Everything stored about one DID, for resolvers. */
  public static DidRecord read(ContractStorage s, Address id) throws Halt {
    Meta m = meta(s, id);
    List<Stamp> stamps = new ArrayList<>(m.versionCount());
    for (int v = 1; v <= m.versionCount(); v++) {
      stamps.add(stamp(s, id, v));
    }
    List<Key> keys = new ArrayList<>(m.keyCount());
    for (int i = 0; i < m.keyCount(); i++) {
      keys.add(key(s, id, i));
    }
    List<Service> services = new ArrayList<>(m.serviceCount());
    for (int i = 0; i < m.serviceCount(); i++) {
      services.add(service(s, id, i));
    }
    List<Controller> controllers = new ArrayList<>(m.controllerCount());
    for (int i = 0; i < m.controllerCount(); i++) {
      controllers.add(controller(s, id, i));
    }
    return new DidRecord(id, m.versionCount(), m.deactivatedVersion(), stamps, keys, services, controllers);
  }

  private static UInt256 versions(int added, int removed) {
    byte[] w = new byte[32];
    putInt(w, 0, added);
    putInt(w, 4, removed);
    return UInt256.fromBytes(w);
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

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
