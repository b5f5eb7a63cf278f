package io.trestle.services.governance;

import static io.trestle.services.governance.store.ContractFunction.emit;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiType;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemContracts;
import io.trestle.services.governance.store.GovernanceAccount;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.permissions.MethodRules;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.Roles;
import io.trestle.services.permissions.RolesFunctions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a proposal does. Each kind takes its parameters as the ABI encoding of a fixed tuple (documented in
 * contracts/interfaces/ICommittee.sol), checks them against the current state when the proposal is made and
 * again when it is executed (the state may have moved on in between), and applies them. A check that fails
 * at execution reverts the execution and changes nothing; the proposal stays passed.
 */
public enum ProposalKind {
  ADD_VALIDATOR(1, "add-validator", true, "bytes") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      Bytes key = (Bytes) a.get(0);
      if (key.size() != ValidatorInfo.PUBLIC_KEY_BYTES) {
        return "validator public key must be " + ValidatorInfo.PUBLIC_KEY_BYTES + " bytes (x||y), got " + key.size();
      }
      Address address = c.validatorAddress(key);
      List<ValidatorInfo> latest = ValidatorRegistry.latest(c.storage());
      if (latest.stream().anyMatch(v -> v.address().equals(address))) {
        return "validator " + address.toChecksumHex() + " is already in the validator set";
      }
      if (latest.size() >= ValidatorRegistry.VALIDATORS_MAX) {
        return "the validator set already has the maximum of " + ValidatorRegistry.VALIDATORS_MAX + " validators";
      }
      return null;
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Bytes key = (Bytes) a.get(0);
      ValidatorInfo added = new ValidatorInfo(c.validatorAddress(key), key);
      List<ValidatorInfo> next = new ArrayList<>(ValidatorRegistry.latest(c.storage()));
      next.add(added);
      long effective = c.effectiveHeight();
      ValidatorRegistry.schedule(c.storage(), next, effective);
      emit(c.call(), CommitteeFunctions.VALIDATOR_ADDED, added.address(), key, BigInteger.valueOf(effective),
          c.proposalId());
    }
  },

  REMOVE_VALIDATOR(2, "remove-validator", true, "address") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      Address address = (Address) a.get(0);
      List<ValidatorInfo> latest = ValidatorRegistry.latest(c.storage());
      if (latest.stream().noneMatch(v -> v.address().equals(address))) {
        return "validator " + address.toChecksumHex() + " is not in the validator set";
      }
      if (latest.size() - 1 < ValidatorRegistry.VALIDATORS_MIN) {
        return "removing " + address.toChecksumHex() + " would leave " + (latest.size() - 1)
            + " validators; at least " + ValidatorRegistry.VALIDATORS_MIN + " are needed to tolerate a fault";
      }
      return null;
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Address address = (Address) a.get(0);
      List<ValidatorInfo> next = new ArrayList<>(ValidatorRegistry.latest(c.storage()));
      next.removeIf(v -> v.address().equals(address));
      long effective = c.effectiveHeight();
      ValidatorRegistry.schedule(c.storage(), next, effective);
      emit(c.call(), CommitteeFunctions.VALIDATOR_REMOVED, address, BigInteger.valueOf(effective), c.proposalId());
    }
  },

  ADMIT_NODE(3, "admit-node", true, "address") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      Address node = (Address) a.get(0);
      if (NodeRegistry.isAdmitted(c.storage(), node)) {
        return "node " + node.toChecksumHex() + " is already admitted";
      }
      return NodeRegistry.size(c.storage()) >= NodeRegistry.NODES_MAX
          ? "the network already admits the maximum of " + NodeRegistry.NODES_MAX + " nodes" : null;
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Address node = (Address) a.get(0);
      NodeRegistry.admit(c.storage(), node);
      emit(c.call(), CommitteeFunctions.NODE_ADMITTED, node, c.proposalId());
    }
  },

  REMOVE_NODE(4, "remove-node", true, "address") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      Address node = (Address) a.get(0);
      return NodeRegistry.isAdmitted(c.storage(), node) ? null : "node " + node.toChecksumHex() + " is not admitted";
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Address node = (Address) a.get(0);
      NodeRegistry.remove(c.storage(), node);
      emit(c.call(), CommitteeFunctions.NODE_REMOVED, node, c.proposalId());
    }
  },

  GRANT_ROLE(5, "grant-role", false, "bytes32", "address") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      UInt256 role = word(a.get(0));
      Address account = (Address) a.get(1);
      String refused = roleCheck(role, account);
      if (refused != null) {
        return refused;
      }
      if (Roles.has(c.storage(), role, account)) {
        return "account " + account.toChecksumHex() + " already holds role " + roleName(role);
      }
      return Roles.holders(c.storage(), role) >= Roles.HOLDERS_MAX
          ? "role " + roleName(role) + " already has the maximum of " + Roles.HOLDERS_MAX + " holders" : null;
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Roles.grant(c.storage(), word(a.get(0)), (Address) a.get(1));
      emit(c.call(), RolesFunctions.ROLE_GRANTED, a.get(0), a.get(1), c.proposalId());
    }
  },

  REVOKE_ROLE(6, "revoke-role", false, "bytes32", "address") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      UInt256 role = word(a.get(0));
      Address account = (Address) a.get(1);
      String refused = roleCheck(role, account);
      if (refused != null) {
        return refused;
      }
      return Roles.has(c.storage(), role, account)
          ? null : "account " + account.toChecksumHex() + " does not hold role " + roleName(role);
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Roles.revoke(c.storage(), word(a.get(0)), (Address) a.get(1));
      emit(c.call(), RolesFunctions.ROLE_REVOKED, a.get(0), a.get(1), c.proposalId());
    }
  },

  SET_CHAIN_PARAMETER(7, "set-chain-parameter", false, "bytes32", "uint256") {
    @Override
    String check(Context c, List<Object> a) {
      Optional<ChainParameter> p = ChainParameter.ofId(word(a.get(0)));
      if (p.isEmpty()) {
        return "unknown chain parameter " + a.get(0) + "; known: " + java.util.Arrays.stream(ChainParameter.values())
            .map(ChainParameter::label).toList();
      }
      return p.get().check((BigInteger) a.get(1));
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      ChainParameter.ofId(word(a.get(0))).orElseThrow().write(c.storage(), (BigInteger) a.get(1));
      emit(c.call(), CommitteeFunctions.CHAIN_PARAMETER_CHANGED, a.get(0), a.get(1), c.proposalId());
    }
  },

  SET_MEMBER(8, "set-member", false, "address", "uint256") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      Address member = (Address) a.get(0);
      BigInteger weight = (BigInteger) a.get(1);
      if (member.equals(Address.ZERO)) {
        return "the zero address cannot be a committee member";
      }
      if (weight.compareTo(BigInteger.valueOf(Committee.WEIGHT_MAX)) > 0) {
        return "member weight must be at most " + Committee.WEIGHT_MAX + ", got " + weight;
      }
      long current = Committee.weight(c.storage(), member);
      if (current == weight.longValue()) {
        return "member " + member.toChecksumHex() + " already has weight " + current;
      }
      long size = Committee.size(c.storage());
      if (current == 0 && size >= Committee.MEMBERS_MAX) {
        return "the committee already has the maximum of " + Committee.MEMBERS_MAX + " members";
      }
      if (weight.signum() == 0 && size <= 1) {
        return "removing " + member.toChecksumHex() + " would leave the committee empty, and nothing could ever pass";
      }
      return null;
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Committee.setMember(c.storage(), (Address) a.get(0), ((BigInteger) a.get(1)).longValue());
      emit(c.call(), CommitteeFunctions.MEMBER_CHANGED, a.get(0), a.get(1), c.proposalId());
    }
  },

  SET_THRESHOLD(9, "set-threshold", false, "uint256", "uint256") {
    @Override
    String check(Context c, List<Object> a) {
      BigInteger num = (BigInteger) a.get(0);
      BigInteger den = (BigInteger) a.get(1);
      if (num.bitLength() > 62 || den.bitLength() > 62) {
        return "threshold numbers out of range: " + num + "/" + den;
      }
      return Committee.checkThreshold(num.longValue(), den.longValue());
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Committee.setThreshold(c.storage(), ((BigInteger) a.get(0)).longValue(), ((BigInteger) a.get(1)).longValue());
      emit(c.call(), CommitteeFunctions.THRESHOLD_CHANGED, a.get(0), a.get(1), c.proposalId());
    }
  },

  SET_METHOD_ACCESS(10, "set-method-access", false, "address", "bytes4", "address", "bool") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      Address target = (Address) a.get(0);
      Bytes selector = (Bytes) a.get(1);
      Address caller = (Address) a.get(2);
      boolean allow = (Boolean) a.get(3);
      if (target.equals(Address.ZERO)) {
        return "method rules need a contract address, got the zero address";
      }
      if (target.equals(GovernanceAccount.ADDRESS)) {
        return "governance's own methods cannot be restricted: a wrong rule could stop the committee for good";
      }
      boolean allowed = MethodRules.isAllowed(c.storage(), caller, target, selector);
      if (allowed == allow && MethodRules.isRestricted(c.storage(), target, selector)) {
        return "caller " + caller.toChecksumHex() + " is already " + (allow ? "allowed" : "not allowed") + " to call "
            + selector.toHex() + " on " + target.toChecksumHex();
      }
      return allow && MethodRules.allowedCount(c.storage(), target, selector) >= MethodRules.CALLERS_MAX
          ? "the rule already allows the maximum of " + MethodRules.CALLERS_MAX + " callers" : null;
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      Address target = (Address) a.get(0);
      Bytes selector = (Bytes) a.get(1);
      Address caller = (Address) a.get(2);
      if ((Boolean) a.get(3)) {
        MethodRules.allow(c.storage(), target, selector, caller);
      } else {
        MethodRules.disallow(c.storage(), target, selector, caller);
      }
      emit(c.call(), RolesFunctions.METHOD_ACCESS_CHANGED, target, selector, caller, a.get(3), c.proposalId());
    }
  },

  CLEAR_METHOD_RULE(11, "clear-method-rule", false, "address", "bytes4") {
    @Override
    String check(Context c, List<Object> a) throws SystemCall.Halt {
      return MethodRules.isRestricted(c.storage(), (Address) a.get(0), (Bytes) a.get(1))
          ? null : "no rule restricts " + ((Bytes) a.get(1)).toHex() + " on " + ((Address) a.get(0)).toChecksumHex();
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      MethodRules.clear(c.storage(), (Address) a.get(0), (Bytes) a.get(1));
      emit(c.call(), RolesFunctions.METHOD_RULE_CLEARED, a.get(0), a.get(1), c.proposalId());
    }
  },

  SET_SYSTEM_PARAMETER(12, "set-system-parameter", false, "address", "bytes32", "uint256") {
    @Override
    String check(Context c, List<Object> a) {
      Address target = (Address) a.get(0);
      return SystemContracts.isReserved(target) ? null
          : "system parameters belong to system contracts (0x…7e570001–0x…7e57ffff), got " + target.toChecksumHex();
    }

    @Override
    void apply(Context c, List<Object> a) throws SystemCall.Halt, AbiException {
      SystemParameters.set(c.storage(), (Address) a.get(0), word(a.get(1)), UInt256.fromBigInteger((BigInteger) a.get(2)));
      emit(c.call(), CommitteeFunctions.SYSTEM_PARAMETER_CHANGED, a.get(0), a.get(1), a.get(2), c.proposalId());
    }
  };

  /** Everything a kind needs to check or apply a proposal inside the governance contract's call. */
  record Context(SystemCall call, Storage storage, CryptoSuite suite, BigInteger proposalId) {
    Address validatorAddress(Bytes publicKey) {
      return Address.wrap(suite.address(publicKey.toArray()));
    }

    long effectiveHeight() throws SystemCall.Halt {
      return call.block().number() + ValidatorRegistry.offset(storage);
    }
  }

  private final int code;
  private final String label;
  private final boolean operatorMayPropose;
  private final List<AbiType> types;

  ProposalKind(int code, String label, boolean operatorMayPropose, String... types) {
    this.code = code;
    this.label = label;
    this.operatorMayPropose = operatorMayPropose;
    List<AbiType> parsed = new ArrayList<>();
    for (String t : types) {
      try {
        parsed.add(AbiType.parse(t));
      } catch (AbiException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
    this.types = List.copyOf(parsed);
  }

  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** Whether a validator-operator (not only a committee member) may make proposals of this kind. */
  public boolean operatorMayPropose() {
    return operatorMayPropose;
  }

  public List<AbiType> types() {
    return types;
  }

  /** The parameters of a proposal of this kind, as {@code propose} takes them. */
  public Bytes encode(Object... values) throws AbiException {
    return AbiCodec.encode(types, List.of(values));
  }

  public List<Object> decode(Bytes data) throws AbiException {
    List<Object> values = AbiCodec.decode(types, data);
    if (!AbiCodec.encode(types, values).equals(data)) {
      throw new AbiException("parameters are not in canonical ABI encoding");
    }
    return values;
  }

  /** Null when the proposal may be made or executed against the current state, else the reason. */
  abstract String check(Context c, List<Object> args) throws SystemCall.Halt;

  abstract void apply(Context c, List<Object> args) throws SystemCall.Halt, AbiException;

  public static Optional<ProposalKind> ofCode(long code) {
    for (ProposalKind k : values()) {
      if (k.code == code) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  public static Optional<ProposalKind> ofLabel(String label) {
    for (ProposalKind k : values()) {
      if (k.label.equals(label)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  static UInt256 word(Object bytes32) {
    return UInt256.fromBytes(((Bytes) bytes32).toArray());
  }

  static String roleName(UInt256 role) {
    return Role.knownName(role).orElse(Bytes.wrap(role.toArray()).toHex());
  }

  /** The committee role follows membership; it is never granted or revoked on its own. */
  static String roleCheck(UInt256 role, Address account) {
    if (role.equals(Role.id(Role.COMMITTEE))) {
      return "the committee role follows committee membership; propose set-member instead";
    }
    if (role.isZero()) {
      return "role id must not be zero";
    }
    return account.equals(Address.ZERO) ? "roles cannot be granted to the zero address" : null;
  }
}
