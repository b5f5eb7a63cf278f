package io.trestle.services.names;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
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
import java.util.List;

/**
 * The name registry of {@code contracts/interfaces/INameRegistry.sol}, like ENS on one level: anyone registers a
 * free {@code label.trestle} name to an owner for a term; the owner sets the address and DID it resolves to,
 * renews and transfers it; an account claims a reverse record that counts only while the name resolves back to
 * it. After expiry the owner alone may renew during a grace period; then the name is free again and its records
 * are cleared for the next owner.
 */
public final class NameRegistry implements SystemContract {
  public static final Address ADDRESS = Address.ofLong(0x7e57_1002L);
  public static final long DURATION_SECONDS_MIN = 24L * 3600;
  public static final long DURATION_SECONDS_MAX = 10L * 365 * 24 * 3600;
  public static final long GRACE_SECONDS = 30L * 24 * 3600;
  static final long CHANGE_GAS = 2_000;

  public static final AbiFunction REGISTER = Abis.function("register(string,address,uint64)", "uint64");
  public static final AbiFunction RENEW = Abis.function("renew(string,uint64)", "uint64");
  public static final AbiFunction SET_ADDRESS = Abis.function("setAddress(string,address)");
  public static final AbiFunction SET_DID = Abis.function("setDid(string,string)");
  public static final AbiFunction TRANSFER = Abis.function("transfer(string,address)");
  public static final AbiFunction SET_REVERSE = Abis.function("setReverse(string)");
  public static final AbiFunction RESOLVE = Abis.function("resolve(string)", "address", "address", "string",
      "uint64", "bool");
  public static final AbiFunction REVERSE_OF = Abis.function("reverseOf(address)", "string");

  public static final AbiEvent NAME_REGISTERED = Abis.event(
      "NameRegistered(bytes32 indexed node, address indexed owner, string name, uint64 expires)");
  public static final AbiEvent NAME_RENEWED = Abis.event("NameRenewed(bytes32 indexed node, uint64 expires)");
  public static final AbiEvent ADDRESS_CHANGED = Abis.event("AddressChanged(bytes32 indexed node, address addr)");
  public static final AbiEvent DID_CHANGED = Abis.event("DidChanged(bytes32 indexed node, string did)");
  public static final AbiEvent NAME_TRANSFERRED = Abis.event(
      "NameTransferred(bytes32 indexed node, address indexed from, address indexed to)");
  public static final AbiEvent REVERSE_CHANGED = Abis.event("ReverseChanged(address indexed addr, string name)");

  private static final List<AbiFunction> FUNCTIONS =
      List.of(REGISTER, RENEW, SET_ADDRESS, SET_DID, TRANSFER, SET_REVERSE, RESOLVE, REVERSE_OF);

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
      return SystemResult.revert("NameRegistry: no function selector");
    }
    if (!call.value().isZero()) {
      return SystemResult.revert("NameRegistry: does not accept value");
    }
    int selector = ((input.get(0) & 0xff) << 24) | ((input.get(1) & 0xff) << 16) | ((input.get(2) & 0xff) << 8)
        | (input.get(3) & 0xff);
    AbiFunction f = FUNCTIONS.stream().filter(x -> x.selectorInt() == selector).findFirst().orElse(null);
    if (f == null) {
      return SystemResult.revert("NameRegistry: unknown function selector " + input.slice(0, 4).toHex());
    }
    try {
      List<Object> args = f.decodeCall(input);
      ContractStorage s = ContractStorage.of(call);
      long now = call.block().timestamp();
      if (f == REVERSE_OF) {
        return SystemResult.success(f.encodeOutput(NameLayout.reverse(s, (Address) args.get(0), now)));
      }
      String name = (String) args.get(0);
      if (f == SET_REVERSE && name.isEmpty()) {
        return setReverse(call, s, "");
      }
      check(Names.problem(name));
      if (f == RESOLVE) {
        NameLayout.Entry e = NameLayout.read(s, name);
        return SystemResult.success(f.encodeOutput(e.owner(), e.address(), e.did(),
            BigInteger.valueOf(e.expiresSeconds()),
            e.activeAt(now)));
      }
      if (call.isStatic()) {
        throw new Refused("changes are not allowed in a static call");
      }
      call.charge(CHANGE_GAS);
      if (f == REGISTER) {
        return register(call, s, name, (Address) args.get(1), (BigInteger) args.get(2));
      }
      if (f == RENEW) {
        return renew(call, s, name, (BigInteger) args.get(1));
      }
      if (f == SET_REVERSE) {
        return setReverse(call, s, name);
      }
      NameLayout.Entry e = ownedActive(call, s, name);
      Hash node = Names.node(name);
      if (f == SET_ADDRESS) {
        Address a = (Address) args.get(1);
        NameLayout.saveAddress(s, node, a);
        emit(call, ADDRESS_CHANGED, node.toBytes(), a);
      } else if (f == SET_DID) {
        String did = (String) args.get(1);
        checkDid(call, did);
        NameLayout.saveDid(s, node, did);
        emit(call, DID_CHANGED, node.toBytes(), did);
      } else {
        Address to = (Address) args.get(1);
        if (to.equals(Address.ZERO)) {
          throw new Refused("cannot transfer " + name + " to the zero address");
        }
        NameLayout.saveOwner(s, node, to, e.expiresSeconds());
        emit(call, NAME_TRANSFERRED, node.toBytes(), e.owner(), to);
      }
      return SystemResult.success(Bytes.EMPTY);
    } catch (AbiException e) {
      return SystemResult.revert("NameRegistry: malformed arguments: " + e.getMessage());
    } catch (Refused e) {
      return SystemResult.revert("NameRegistry: " + e.getMessage());
    }
  }

  private static SystemResult register(SystemCall call, ContractStorage s, String name, Address owner,
      BigInteger duration)
      throws Halt, Refused, AbiException {
    long now = call.block().timestamp();
    long seconds = duration(duration);
    if (owner.equals(Address.ZERO)) {
      throw new Refused("owner must not be the zero address");
    }
    NameLayout.Entry e = NameLayout.read(s, name);
    if (e.registered() && now < e.expiresSeconds() + GRACE_SECONDS) {
      throw new Refused(name + " is registered until " + e.expiresSeconds()
          + (now >= e.expiresSeconds() ? " (expired, in its owner's grace period)" : ""));
    }
    Hash node = Names.node(name);
    long expires = now + seconds;
    NameLayout.saveOwner(s, node, owner, expires);
    if (e.registered()) {
      NameLayout.saveAddress(s, node, Address.ZERO);
      NameLayout.saveDid(s, node, "");
    }
    emit(call, NAME_REGISTERED, node.toBytes(), owner, name, BigInteger.valueOf(expires));
    return SystemResult.success(REGISTER.encodeOutput(BigInteger.valueOf(expires)));
  }

  private static SystemResult renew(SystemCall call, ContractStorage s, String name, BigInteger duration)
      throws Halt, Refused, AbiException {
    long now = call.block().timestamp();
    long seconds = duration(duration);
    NameLayout.Entry e = NameLayout.read(s, name);
    if (!e.registered() || now >= e.expiresSeconds() + GRACE_SECONDS) {
      throw new Refused(name + " is not registered; register it instead");
    }
    if (!e.owner().equals(call.caller())) {
      throw new Refused(call.caller().toHex() + " does not own " + name);
    }
    long expires = Math.max(e.expiresSeconds(), now) + seconds;
    if (expires - now > DURATION_SECONDS_MAX) {
      throw new Refused("renewal would put the expiry more than " + DURATION_SECONDS_MAX + " s ahead");
    }
    NameLayout.saveOwner(s, Names.node(name), e.owner(), expires);
    emit(call, NAME_RENEWED, Names.node(name).toBytes(), BigInteger.valueOf(expires));
    return SystemResult.success(RENEW.encodeOutput(BigInteger.valueOf(expires)));
  }

  private static SystemResult setReverse(SystemCall call, ContractStorage s, String name) throws Halt, Refused {
    if (call.isStatic()) {
      throw new Refused("changes are not allowed in a static call");
    }
    if (!name.isEmpty()) {
      NameLayout.Entry e = NameLayout.read(s, name);
      if (!e.activeAt(call.block().timestamp())) {
        throw new Refused(name + " is not registered or has expired");
      }
      if (!e.address().equals(call.caller())) {
        throw new Refused(name + " resolves to " + e.address().toHex() + ", not to the caller "
            + call.caller().toHex());
      }
    }
    NameLayout.saveReverse(s, call.caller(), name);
    emit(call, REVERSE_CHANGED, call.caller(), name);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static NameLayout.Entry ownedActive(SystemCall call, ContractStorage s, String name) throws Halt, Refused {
    NameLayout.Entry e = NameLayout.read(s, name);
    if (!e.activeAt(call.block().timestamp())) {
      throw new Refused(name + (e.registered() ? " has expired" : " is not registered"));
    }
    if (!e.owner().equals(call.caller())) {
      throw new Refused(call.caller().toHex() + " does not own " + name);
    }
    return e;
  }

  /** An empty DID clears the record; a did:trestle DID of this chain must not be deactivated. */
  private static void checkDid(SystemCall call, String did) throws Halt, Refused {
    if (did.isEmpty()) {
      return;
    }
    if (did.length() > Did.TEXT_CHARS_MAX || !Did.isDidSyntax(did)) {
      throw new Refused("'" + printable(did) + "' is not a DID");
    }
    if (did.startsWith(Did.PREFIX)) {
      Did parsed;
      try {
        parsed = Did.parse(did);
      } catch (DidSyntaxException e) {
        throw new Refused(e.getMessage());
      }
      if (parsed.chainId() == call.block().chainId()
          && DidLayout.meta(ContractStorage.readOnly(call, DidRegistry.ADDRESS), parsed.address()).deactivated()) {
        throw new Refused(did + " is deactivated");
      }
    }
  }

  private static long duration(BigInteger d) throws Refused {
    if (d.compareTo(BigInteger.valueOf(DURATION_SECONDS_MIN)) < 0
        || d.compareTo(BigInteger.valueOf(DURATION_SECONDS_MAX)) > 0) {
      throw new Refused("duration " + d + " s must be between " + DURATION_SECONDS_MIN + " and "
          + DURATION_SECONDS_MAX);
    }
    return d.longValueExact();
  }

  private static void check(String problem) throws Refused {
    if (problem != null) {
      throw new Refused(problem);
    }
  }

  private static String printable(String s) {
    return Names.printable(s);
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
