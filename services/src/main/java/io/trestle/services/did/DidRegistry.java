package io.trestle.services.did;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemCall.Halt;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.List;

/**
 * The DID registry of {@code contracts/interfaces/IDidRegistry.sol}. Every account has the implicit DID
 * {@code did:trestle:<chainId>:<address>}; its controllers (the account itself and any controllers it adds) add
 * and revoke verification methods, add and remove services and controllers, and deactivate it. Every change makes
 * a new version, stamped with its block, and emits an event; nothing is ever deleted, so the document can be
 * resolved as it was at any version or time.
 */
public final class DidRegistry implements SystemContract {
  public static final Address ADDRESS = Address.ofLong(0x7e57_1001L);

  public static final int AUTHENTICATION = 1;
  public static final int ASSERTION_METHOD = 2;
  public static final int KEY_AGREEMENT = 4;
  public static final int CAPABILITY_INVOCATION = 8;
  public static final int CAPABILITY_DELEGATION = 16;
  public static final int ALL_RELATIONSHIPS = 31;

  /** Gas for a change on top of storage and logs (hashing slots, checks). */
  static final long CHANGE_GAS = 2_000;
  /** Gas for validating a public key (modular exponentiation), as much as an ecrecover. */
  static final long KEY_CHECK_GAS = 3_000;

  public static final AbiFunction ADD_KEY = Abis.function("addKey(address,string,uint8,bytes,uint8)");
  public static final AbiFunction REVOKE_KEY = Abis.function("revokeKey(address,string)");
  public static final AbiFunction ADD_SERVICE = Abis.function("addService(address,string,string,string)");
  public static final AbiFunction REMOVE_SERVICE = Abis.function("removeService(address,string)");
  public static final AbiFunction ADD_CONTROLLER = Abis.function("addController(address,address)");
  public static final AbiFunction REMOVE_CONTROLLER = Abis.function("removeController(address,address)");
  public static final AbiFunction DEACTIVATE = Abis.function("deactivate(address)");
  public static final AbiFunction VERSION_OF = Abis.function("versionOf(address)", "uint32", "bool");
  public static final AbiFunction IS_CONTROLLER = Abis.function("isController(address,address)", "bool");
  public static final AbiFunction KEY_OF = Abis.function("keyOf(address,string)", "uint8", "bytes", "uint8",
      "uint32", "uint32");

  public static final AbiEvent KEY_ADDED = Abis.event(
      "KeyAdded(address indexed identity, uint32 indexed version, string keyId, uint8 keyType, bytes publicKey, uint8 relationships)");
  public static final AbiEvent KEY_REVOKED = Abis.event(
      "KeyRevoked(address indexed identity, uint32 indexed version, string keyId)");
  public static final AbiEvent SERVICE_ADDED = Abis.event(
      "ServiceAdded(address indexed identity, uint32 indexed version, string serviceId, string serviceType, string endpoint)");
  public static final AbiEvent SERVICE_REMOVED = Abis.event(
      "ServiceRemoved(address indexed identity, uint32 indexed version, string serviceId)");
  public static final AbiEvent CONTROLLER_ADDED = Abis.event(
      "ControllerAdded(address indexed identity, uint32 indexed version, address controller)");
  public static final AbiEvent CONTROLLER_REMOVED = Abis.event(
      "ControllerRemoved(address indexed identity, uint32 indexed version, address controller)");
  public static final AbiEvent DEACTIVATED = Abis.event("Deactivated(address indexed identity, uint32 indexed version)");

  private static final List<AbiFunction> FUNCTIONS = List.of(ADD_KEY, REVOKE_KEY, ADD_SERVICE, REMOVE_SERVICE,
      ADD_CONTROLLER, REMOVE_CONTROLLER, DEACTIVATE, VERSION_OF, IS_CONTROLLER, KEY_OF);

  /** A refusal with the reason the caller will see. */
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
      return SystemResult.revert("DidRegistry: no function selector");
    }
    if (!call.value().isZero()) {
      return SystemResult.revert("DidRegistry: does not accept value");
    }
    int selector = ((input.get(0) & 0xff) << 24) | ((input.get(1) & 0xff) << 16) | ((input.get(2) & 0xff) << 8)
        | (input.get(3) & 0xff);
    AbiFunction f = FUNCTIONS.stream().filter(x -> x.selectorInt() == selector).findFirst().orElse(null);
    if (f == null) {
      return SystemResult.revert("DidRegistry: unknown function selector " + input.slice(0, 4).toHex());
    }
    try {
      List<Object> args = f.decodeCall(input);
      ContractStorage s = ContractStorage.of(call);
      if (f == VERSION_OF) {
        DidLayout.Meta m = DidLayout.meta(s, (Address) args.get(0));
        return SystemResult.success(f.encodeOutput(BigInteger.valueOf(m.versionCount()), m.deactivated()));
      }
      if (f == IS_CONTROLLER) {
        Address id = (Address) args.get(0);
        boolean controls = !DidLayout.meta(s, id).deactivated() && DidLayout.controls(s, id, (Address) args.get(1));
        return SystemResult.success(f.encodeOutput(controls));
      }
      if (f == KEY_OF) {
        return keyOf(call, s, (Address) args.get(0), (String) args.get(1));
      }
      Address id = (Address) args.get(0);
      call.charge(CHANGE_GAS);
      DidLayout.Meta meta = authorize(s, call, id);
      if (f == ADD_KEY) {
        addKey(call, s, id, meta, (String) args.get(1), ((BigInteger) args.get(2)).intValue(), (Bytes) args.get(3),
            ((BigInteger) args.get(4)).intValue());
      } else if (f == REVOKE_KEY) {
        revokeKey(call, s, id, meta, (String) args.get(1));
      } else if (f == ADD_SERVICE) {
        addService(call, s, id, meta, (String) args.get(1), (String) args.get(2), (String) args.get(3));
      } else if (f == REMOVE_SERVICE) {
        removeService(call, s, id, meta, (String) args.get(1));
      } else if (f == ADD_CONTROLLER) {
        addController(call, s, id, meta, (Address) args.get(1));
      } else if (f == REMOVE_CONTROLLER) {
        removeController(call, s, id, meta, (Address) args.get(1));
      } else {
        deactivate(call, s, id, meta);
      }
      return SystemResult.success(Bytes.EMPTY);
    } catch (AbiException e) {
      return SystemResult.revert("DidRegistry: malformed arguments: " + e.getMessage());
    } catch (Refused e) {
      return SystemResult.revert("DidRegistry: " + e.getMessage());
    }
  }

  private static SystemResult keyOf(SystemCall call, ContractStorage s, Address id, String keyId) throws Halt,
      AbiException {
    int i = DidLayout.keyIndex(s, id, keyId);
    if (i < 0) {
      return SystemResult.revert("DidRegistry: " + did(call, id) + " has no key #" + Did.printable(keyId));
    }
    DidLayout.Key k = DidLayout.key(s, id, i);
    return SystemResult.success(KEY_OF.encodeOutput(BigInteger.valueOf(k.type().code()), Bytes.wrap(k.publicKey()),
        BigInteger.valueOf(k.relationships()), BigInteger.valueOf(k.addedVersion()),
            BigInteger.valueOf(k.revokedVersion())));
  }

  private static DidLayout.Meta authorize(ContractStorage s, SystemCall call, Address id) throws Halt, Refused {
    if (call.isStatic()) {
      throw new Refused("changes are not allowed in a static call");
    }
    DidLayout.Meta meta = DidLayout.meta(s, id);
    if (meta.deactivated()) {
      throw new Refused(did(call, id) + " is deactivated (version " + meta.deactivatedVersion() + ")");
    }
    if (!DidLayout.controls(s, id, call.caller())) {
      throw new Refused(call.caller().toHex() + " is not a controller of " + did(call, id));
    }
    return meta;
  }

  /** Starts the next version: stamps it with the block and returns the counters with it counted. */
  private static DidLayout.Meta nextVersion(SystemCall call, ContractStorage s, Address id,
      DidLayout.Meta m) throws Halt {
    int version = m.versionCount() + 1;
    DidLayout.saveStamp(s, id, version, call.block().number(), call.block().timestamp());
    return new DidLayout.Meta(version, m.deactivatedVersion(), m.keyCount(), m.serviceCount(), m.controllerCount());
  }

  private static void addKey(SystemCall call, ContractStorage s, Address id, DidLayout.Meta meta, String keyId,
      int typeCode, Bytes publicKey, int relationships) throws Halt, Refused {
    check(Abis.checkIdentifier("key id", keyId));
    KeyType type = KeyType.ofCode(typeCode);
    if (type == null) {
      throw new Refused("key type " + typeCode + " is unknown (1 secp256k1, 2 sm2, 3 ed25519)");
    }
    if (relationships <= 0 || relationships > ALL_RELATIONSHIPS) {
      throw new Refused("relationships " + relationships + " must be a non-empty set of bits 1,2,4,8,16");
    }
    if ((relationships & KEY_AGREEMENT) != 0 && !type.supportsKeyAgreement()) {
      throw new Refused(type.label() + " keys sign; they cannot be used for keyAgreement");
    }
    if (publicKey.size() > 65) {
      throw new Refused("public key of " + publicKey.size() + " bytes is longer than any supported key");
    }
    call.charge(KEY_CHECK_GAS);
    byte[] stored;
    try {
      stored = PublicKeys.normalize(type, publicKey.unsafeArray());
    } catch (InvalidKeyException e) {
      throw new Refused(e.getMessage());
    }
    int existing = DidLayout.keyIndex(s, id, keyId);
    if (existing >= 0) {
      DidLayout.Key k = DidLayout.key(s, id, existing);
      throw new Refused(k.revokedVersion() != 0
          ? "key #" + keyId + " of " + did(call, id) + " was revoked at version " + k.revokedVersion()
              + "; key ids are never reused"
          : did(call, id) + " already has a key #" + keyId);
    }
    if (meta.keyCount() >= DidLayout.KEYS_MAX) {
      throw new Refused(did(call, id) + " has " + DidLayout.KEYS_MAX
          + " keys (revoked ones count), the most a DID may hold");
    }
    DidLayout.Meta m = nextVersion(call, s, id, meta);
    DidLayout.saveKey(s, id, new DidLayout.Key(meta.keyCount(), keyId, type, stored, relationships,
        m.versionCount(), 0));
    DidLayout.saveMeta(s, id, new DidLayout.Meta(m.versionCount(), 0, m.keyCount() + 1, m.serviceCount(),
        m.controllerCount()));
    emit(call, KEY_ADDED, id, version(m), keyId, BigInteger.valueOf(type.code()), Bytes.wrap(stored),
        BigInteger.valueOf(relationships));
  }

  private static void revokeKey(SystemCall call, ContractStorage s, Address id, DidLayout.Meta meta, String keyId)
      throws Halt, Refused {
    check(Abis.checkIdentifier("key id", keyId));
    int i = DidLayout.keyIndex(s, id, keyId);
    if (i < 0) {
      throw new Refused(did(call, id) + " has no key #" + keyId);
    }
    DidLayout.Key k = DidLayout.key(s, id, i);
    if (k.revokedVersion() != 0) {
      throw new Refused("key #" + keyId + " of " + did(call, id) + " is already revoked (version "
          + k.revokedVersion() + ")");
    }
    DidLayout.Meta m = nextVersion(call, s, id, meta);
    DidLayout.saveKeyRevoked(s, id, k, m.versionCount());
    DidLayout.saveMeta(s, id, m);
    emit(call, KEY_REVOKED, id, version(m), keyId);
  }

  private static void addService(SystemCall call, ContractStorage s, Address id, DidLayout.Meta meta, String serviceId,
      String type, String endpoint) throws Halt, Refused {
    check(Abis.checkIdentifier("service id", serviceId));
    check(Abis.checkIdentifier("service type", type));
    check(checkEndpoint(endpoint));
    int existing = DidLayout.serviceIndex(s, id, serviceId);
    if (existing >= 0 && DidLayout.service(s, id, existing).removedVersion() == 0) {
      throw new Refused(did(call, id) + " already has a service #" + serviceId);
    }
    if (meta.serviceCount() >= DidLayout.SERVICES_MAX) {
      throw new Refused(did(call, id) + " has " + DidLayout.SERVICES_MAX
          + " service entries (removed ones count), the most a DID may hold");
    }
    DidLayout.Meta m = nextVersion(call, s, id, meta);
    DidLayout.saveService(s, id, new DidLayout.Service(meta.serviceCount(), serviceId, type, endpoint,
        m.versionCount(), 0));
    DidLayout.saveMeta(s, id, new DidLayout.Meta(m.versionCount(), 0, m.keyCount(), m.serviceCount() + 1,
        m.controllerCount()));
    emit(call, SERVICE_ADDED, id, version(m), serviceId, type, endpoint);
  }

  private static void removeService(SystemCall call, ContractStorage s, Address id, DidLayout.Meta meta,
      String serviceId)
      throws Halt, Refused {
    check(Abis.checkIdentifier("service id", serviceId));
    int i = DidLayout.serviceIndex(s, id, serviceId);
    DidLayout.Service v = i < 0 ? null : DidLayout.service(s, id, i);
    if (v == null || v.removedVersion() != 0) {
      throw new Refused(did(call, id) + " has no service #" + serviceId);
    }
    DidLayout.Meta m = nextVersion(call, s, id, meta);
    DidLayout.saveServiceRemoved(s, id, v, m.versionCount());
    DidLayout.saveMeta(s, id, m);
    emit(call, SERVICE_REMOVED, id, version(m), serviceId);
  }

  private static void addController(SystemCall call, ContractStorage s, Address id, DidLayout.Meta meta,
      Address controller)
      throws Halt, Refused {
    if (controller.equals(id)) {
      throw new Refused(did(call, id) + " always controls itself");
    }
    if (controller.equals(Address.ZERO)) {
      throw new Refused("the zero address cannot be a controller");
    }
    int existing = DidLayout.controllerIndex(s, id, controller);
    if (existing >= 0 && DidLayout.controller(s, id, existing).removedVersion() == 0) {
      throw new Refused(did(call, id) + " is already controlled by " + controller.toHex());
    }
    if (DidLayout.meta(s, controller).deactivated()) {
      throw new Refused("controller " + did(call, controller) + " is deactivated");
    }
    if (meta.controllerCount() >= DidLayout.CONTROLLERS_MAX) {
      throw new Refused(did(call, id) + " has " + DidLayout.CONTROLLERS_MAX
          + " controller entries (removed ones count), the most a DID may hold");
    }
    DidLayout.Meta m = nextVersion(call, s, id, meta);
    DidLayout.saveController(s, id, new DidLayout.Controller(meta.controllerCount(), controller, m.versionCount(), 0));
    DidLayout.saveMeta(s, id, new DidLayout.Meta(m.versionCount(), 0, m.keyCount(), m.serviceCount(),
        m.controllerCount() + 1));
    emit(call, CONTROLLER_ADDED, id, version(m), controller);
  }

  private static void removeController(SystemCall call, ContractStorage s, Address id, DidLayout.Meta meta,
      Address controller) throws Halt, Refused {
    int i = DidLayout.controllerIndex(s, id, controller);
    DidLayout.Controller c = i < 0 ? null : DidLayout.controller(s, id, i);
    if (c == null || c.removedVersion() != 0) {
      throw new Refused(controller.toHex() + " is not a listed controller of " + did(call, id));
    }
    DidLayout.Meta m = nextVersion(call, s, id, meta);
    DidLayout.saveController(s, id, new DidLayout.Controller(c.index(), c.address(), c.addedVersion(),
        m.versionCount()));
    DidLayout.saveMeta(s, id, m);
    emit(call, CONTROLLER_REMOVED, id, version(m), controller);
  }

  private static void deactivate(SystemCall call, ContractStorage s, Address id, DidLayout.Meta meta) throws Halt {
    DidLayout.Meta m = nextVersion(call, s, id, meta);
    DidLayout.saveMeta(s, id, new DidLayout.Meta(m.versionCount(), m.versionCount(), m.keyCount(), m.serviceCount(),
        m.controllerCount()));
    emit(call, DEACTIVATED, id, version(m));
  }

  /** Null when {@code endpoint} is an absolute URI of printable ASCII up to the size limit, else why not. */
  static String checkEndpoint(String endpoint) {
    if (endpoint.isEmpty() || endpoint.length() > DidLayout.ENDPOINT_BYTES_MAX) {
      return "service endpoint must be 1 to " + DidLayout.ENDPOINT_BYTES_MAX + " characters, got " + endpoint.length();
    }
    for (int i = 0; i < endpoint.length(); i++) {
      char c = endpoint.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return "service endpoint may hold only printable ASCII without spaces (character " + i + ")";
      }
    }
    int colon = endpoint.indexOf(':');
    if (colon < 1 || !Character.isLetter(endpoint.charAt(0))) {
      return "service endpoint '" + Did.printable(endpoint) + "' is not an absolute URI (scheme:...)";
    }
    for (int i = 1; i < colon; i++) {
      char c = endpoint.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return "service endpoint '" + Did.printable(endpoint) + "' has an invalid URI scheme";
      }
    }
    return null;
  }

  private static void check(String problem) throws Refused {
    if (problem != null) {
      throw new Refused(problem);
    }
  }

  private static BigInteger version(DidLayout.Meta m) {
    return BigInteger.valueOf(m.versionCount());
  }

  private static void emit(SystemCall call, AbiEvent event, Object... values) throws Halt {
    try {
      AbiEvent.Encoded log = event.encode(values);
      call.log(log.topics(), log.data());
    } catch (AbiException e) {
      throw new IllegalStateException("event " + event.signature() + " does not encode its own values", e);
    }
  }

  /** The DID of {@code address} on the calling chain, as messages show it. */
  static String did(SystemCall call, Address address) {
    long chainId = call.block().chainId();
    return chainId > 0 ? Did.of(chainId, address).toString() : "the DID of " + address.toHex();
  }

  public static List<String> signatures() {
    return FUNCTIONS.stream().map(AbiFunction::signature).toList();
  }
}
