package io.trestle.services.permissions;

import static io.trestle.services.governance.store.ContractFunction.event;
import static io.trestle.services.governance.store.ContractFunction.parse;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemResult;
import io.trestle.services.governance.store.ContractFunction;
import io.trestle.services.governance.store.EventDef;
import io.trestle.services.governance.store.Storage;
import java.math.BigInteger;
import java.util.List;

/** The {@code IRoles} ABI (contracts/interfaces/IRoles.sol): read-only answers about roles and permissions. */
public final class RolesFunctions {
  public static final AbiFunction HAS_ROLE = parse("hasRole(bytes32,address)", "bool");
  public static final AbiFunction ROLE_MEMBERS = parse("roleMembers(bytes32)", "address[]");
  public static final AbiFunction PERMISSION_MODE = parse("permissionMode()", "uint8");
  public static final AbiFunction CAN_TRANSACT = parse("canTransact(address)", "bool");
  public static final AbiFunction CAN_DEPLOY = parse("canDeploy(address)", "bool");
  public static final AbiFunction CAN_CALL = parse("canCall(address,address,bytes4)", "bool");
  public static final AbiFunction METHOD_RULE = parse("methodRule(address,bytes4)", "bool", "address[]");

  public static final EventDef ROLE_GRANTED =
      event("RoleGranted(bytes32 indexed role, address indexed account, uint256 indexed proposalId)");
  public static final EventDef ROLE_REVOKED =
      event("RoleRevoked(bytes32 indexed role, address indexed account, uint256 indexed proposalId)");
  public static final EventDef METHOD_ACCESS_CHANGED =
      event("MethodAccessChanged(address indexed target, bytes4 indexed selector, address indexed caller, bool allowed, "
          + "uint256 proposalId)");
  public static final EventDef METHOD_RULE_CLEARED =
      event("MethodRuleCleared(address indexed target, bytes4 indexed selector, uint256 proposalId)");

  public static final List<EventDef> EVENTS = List.of(ROLE_GRANTED, ROLE_REVOKED, METHOD_ACCESS_CHANGED,
      METHOD_RULE_CLEARED);

  private RolesFunctions() {}

  public static List<ContractFunction> functions() {
    return List.of(
        new ContractFunction(HAS_ROLE, (call, a) -> SystemResult.success(HAS_ROLE.encodeOutput(
            Roles.has(Storage.of(call), role(a.get(0)), (Address) a.get(1))))),
        new ContractFunction(ROLE_MEMBERS, (call, a) -> SystemResult.success(ROLE_MEMBERS.encodeOutput(
            Roles.members(Storage.of(call), role(a.get(0)), Roles.HOLDERS_MAX)))),
        new ContractFunction(PERMISSION_MODE, (call, a) -> SystemResult.success(PERMISSION_MODE.encodeOutput(
            BigInteger.valueOf(Permissions.mode(Storage.of(call)).code())))),
        new ContractFunction(CAN_TRANSACT, (call, a) -> SystemResult.success(CAN_TRANSACT.encodeOutput(
            Permissions.mayTransact(Storage.of(call), (Address) a.get(0))))),
        new ContractFunction(CAN_DEPLOY, (call, a) -> SystemResult.success(CAN_DEPLOY.encodeOutput(
            Permissions.mayDeploy(Storage.of(call), (Address) a.get(0))))),
        new ContractFunction(CAN_CALL, (call, a) -> SystemResult.success(CAN_CALL.encodeOutput(
            Permissions.mayCall(Storage.of(call), (Address) a.get(0), (Address) a.get(1), (Bytes) a.get(2))))),
        new ContractFunction(METHOD_RULE, (call, a) -> {
          Storage s = Storage.of(call);
          Address target = (Address) a.get(0);
          Bytes selector = (Bytes) a.get(1);
          return SystemResult.success(METHOD_RULE.encodeOutput(MethodRules.isRestricted(s, target, selector),
              MethodRules.allowedCallers(s, target, selector, MethodRules.CALLERS_MAX)));
        }));
  }

  static UInt256 role(Object bytes32) {
    return UInt256.fromBytes(((Bytes) bytes32).toArray());
  }
}
