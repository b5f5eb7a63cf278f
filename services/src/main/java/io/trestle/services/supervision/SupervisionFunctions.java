package io.trestle.services.supervision;

import static io.trestle.services.governance.store.ContractFunction.emit;
import static io.trestle.services.governance.store.ContractFunction.event;
import static io.trestle.services.governance.store.ContractFunction.parse;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemContracts;
import io.trestle.evm.system.SystemResult;
import io.trestle.services.governance.store.ContractFunction;
import io.trestle.services.governance.store.EventDef;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.Roles;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@code ISupervision} ABI (contracts/interfaces/ISupervision.sol): the regulator's actions and their queries. */
public final class SupervisionFunctions {
  /** Reasons are for people; longer ones belong in the document the reference points to. */
  public static final int REASON_BYTES_MAX = 256;
  /** Addresses up to here are precompiles (and room for more): never frozen as contracts. */
  static final Address PRECOMPILE_LIMIT = Address.ofLong(0xffff);

  public static final AbiFunction FREEZE_ACCOUNT = parse("freezeAccount(address,string,bytes32)");
  public static final AbiFunction UNFREEZE_ACCOUNT = parse("unfreezeAccount(address,string,bytes32)");
  public static final AbiFunction FREEZE_CONTRACT = parse("freezeContract(address,string,bytes32)");
  public static final AbiFunction UNFREEZE_CONTRACT = parse("unfreezeContract(address,string,bytes32)");
  public static final AbiFunction FREEZE_ASSET = parse("freezeAsset(address,uint256,string,bytes32)");
  public static final AbiFunction UNFREEZE_ASSET = parse("unfreezeAsset(address,uint256,string,bytes32)");
  public static final AbiFunction SET_LICENSE = parse("setLicense(address,uint8,string,bytes32)");
  public static final AbiFunction IS_ACCOUNT_FROZEN = parse("isAccountFrozen(address)", "bool");
  public static final AbiFunction IS_CONTRACT_FROZEN = parse("isContractFrozen(address)", "bool");
  public static final AbiFunction IS_ASSET_FROZEN = parse("isAssetFrozen(address,uint256)", "bool");
  public static final AbiFunction ACCOUNT_FREEZE = parse("accountFreeze(address)", "bool", "address", "uint64", "bytes32");
  public static final AbiFunction CONTRACT_FREEZE = parse("contractFreeze(address)", "bool", "address", "uint64", "bytes32");
  public static final AbiFunction ASSET_FREEZE =
      parse("assetFreeze(address,uint256)", "bool", "address", "uint64", "bytes32");
  public static final AbiFunction FROZEN_ACCOUNTS = parse("frozenAccounts()", "address[]");
  public static final AbiFunction FROZEN_CONTRACTS = parse("frozenContracts()", "address[]");
  public static final AbiFunction LICENSE_OF = parse("licenseOf(address)", "uint8");

  public static final EventDef ACCOUNT_FROZEN =
      event("AccountFrozen(address indexed account, address indexed regulator, string reason, bytes32 reference)");
  public static final EventDef ACCOUNT_UNFROZEN =
      event("AccountUnfrozen(address indexed account, address indexed regulator, string reason, bytes32 reference)");
  public static final EventDef CONTRACT_FROZEN =
      event("ContractFrozen(address indexed target, address indexed regulator, string reason, bytes32 reference)");
  public static final EventDef CONTRACT_UNFROZEN =
      event("ContractUnfrozen(address indexed target, address indexed regulator, string reason, bytes32 reference)");
  public static final EventDef ASSET_FROZEN = event("AssetFrozen(address indexed registry, uint256 indexed assetId, "
      + "address indexed regulator, string reason, bytes32 reference)");
  public static final EventDef ASSET_UNFROZEN = event("AssetUnfrozen(address indexed registry, uint256 indexed assetId, "
      + "address indexed regulator, string reason, bytes32 reference)");
  public static final EventDef LICENSE_CHANGED = event("LicenseChanged(address indexed account, uint8 status, "
      + "address indexed regulator, string reason, bytes32 reference)");

  public static final List<EventDef> EVENTS = List.of(ACCOUNT_FROZEN, ACCOUNT_UNFROZEN, CONTRACT_FROZEN,
      CONTRACT_UNFROZEN, ASSET_FROZEN, ASSET_UNFROZEN, LICENSE_CHANGED);

  private SupervisionFunctions() {}

  public static List<ContractFunction> functions() {
    return List.of(
        new ContractFunction(FREEZE_ACCOUNT, (c, a) -> freeze(c, Freezes.Kind.ACCOUNT, a, true)),
        new ContractFunction(UNFREEZE_ACCOUNT, (c, a) -> freeze(c, Freezes.Kind.ACCOUNT, a, false)),
        new ContractFunction(FREEZE_CONTRACT, (c, a) -> freeze(c, Freezes.Kind.CONTRACT, a, true)),
        new ContractFunction(UNFREEZE_CONTRACT, (c, a) -> freeze(c, Freezes.Kind.CONTRACT, a, false)),
        new ContractFunction(FREEZE_ASSET, (c, a) -> freezeAsset(c, a, true)),
        new ContractFunction(UNFREEZE_ASSET, (c, a) -> freezeAsset(c, a, false)),
        new ContractFunction(SET_LICENSE, SupervisionFunctions::setLicense),
        new ContractFunction(IS_ACCOUNT_FROZEN, (c, a) -> SystemResult.success(IS_ACCOUNT_FROZEN.encodeOutput(
            Freezes.isFrozen(Storage.of(c), Freezes.Kind.ACCOUNT, (Address) a.get(0))))),
        new ContractFunction(IS_CONTRACT_FROZEN, (c, a) -> SystemResult.success(IS_CONTRACT_FROZEN.encodeOutput(
            Freezes.isFrozen(Storage.of(c), Freezes.Kind.CONTRACT, (Address) a.get(0))))),
        new ContractFunction(IS_ASSET_FROZEN, (c, a) -> SystemResult.success(IS_ASSET_FROZEN.encodeOutput(
            Freezes.isAssetFrozen(Storage.of(c), (Address) a.get(0), UInt256.fromBigInteger((BigInteger) a.get(1)))))),
        new ContractFunction(ACCOUNT_FREEZE, (c, a) -> record(c, ACCOUNT_FREEZE, Freezes.Kind.ACCOUNT,
            Slots.word((Address) a.get(0)))),
        new ContractFunction(CONTRACT_FREEZE, (c, a) -> record(c, CONTRACT_FREEZE, Freezes.Kind.CONTRACT,
            Slots.word((Address) a.get(0)))),
        new ContractFunction(ASSET_FREEZE, (c, a) -> record(c, ASSET_FREEZE, Freezes.Kind.ASSET,
            Freezes.assetKey((Address) a.get(0), UInt256.fromBigInteger((BigInteger) a.get(1))))),
        new ContractFunction(FROZEN_ACCOUNTS, (c, a) -> SystemResult.success(FROZEN_ACCOUNTS.encodeOutput(
            Freezes.list(Storage.of(c), Freezes.Kind.ACCOUNT)))),
        new ContractFunction(FROZEN_CONTRACTS, (c, a) -> SystemResult.success(FROZEN_CONTRACTS.encodeOutput(
            Freezes.list(Storage.of(c), Freezes.Kind.CONTRACT)))),
        new ContractFunction(LICENSE_OF, (c, a) -> SystemResult.success(LICENSE_OF.encodeOutput(
            BigInteger.valueOf(Licenses.status(Storage.of(c), (Address) a.get(0)).code())))));
  }

  /** Null when the caller may act as regulator with this reason, else the revert reason. */
  private static String checkRegulator(SystemCall call, Storage s, String reason) throws SystemCall.Halt {
    if (!Roles.has(s, Role.REGULATOR, call.caller())) {
      return "Supervision: caller " + call.caller().toChecksumHex() + " does not hold the regulator role";
    }
    int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > REASON_BYTES_MAX) {
      return "Supervision: a reason of 1 to " + REASON_BYTES_MAX + " bytes is required, got " + bytes;
    }
    return null;
  }

  private static SystemResult freeze(SystemCall call, Freezes.Kind kind, List<Object> a, boolean freeze)
      throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    Address subject = (Address) a.get(0);
    String reason = (String) a.get(1);
    Bytes reference = (Bytes) a.get(2);
    String refused = checkRegulator(call, s, reason);
    if (refused != null) {
      return SystemResult.revert(refused);
    }
    String what = kind == Freezes.Kind.ACCOUNT ? "account " : "contract ";
    if (freeze) {
      refused = kind == Freezes.Kind.ACCOUNT ? protectedAccount(s, subject) : protectedContract(subject);
      if (refused != null) {
        return SystemResult.revert(refused);
      }
      if (!Freezes.freeze(s, kind, subject, new Freezes.Record(call.caller(), call.block().number(), reference))) {
        return SystemResult.revert("Supervision: " + what + subject.toChecksumHex() + " is already frozen");
      }
    } else if (!Freezes.unfreeze(s, kind, subject)) {
      return SystemResult.revert("Supervision: " + what + subject.toChecksumHex() + " is not frozen");
    }
    EventDef event = kind == Freezes.Kind.ACCOUNT
        ? (freeze ? ACCOUNT_FROZEN : ACCOUNT_UNFROZEN)
        : (freeze ? CONTRACT_FROZEN : CONTRACT_UNFROZEN);
    emit(call, event, subject, call.caller(), reason, reference);
    return SystemResult.success(Bytes.EMPTY);
  }

  /** Committee members and regulators cannot be frozen: the committee removes their role first. */
  private static String protectedAccount(Storage s, Address account) throws SystemCall.Halt {
    if (account.equals(Address.ZERO)) {
      return "Supervision: the zero address cannot be frozen";
    }
    for (String role : List.of(Role.COMMITTEE, Role.REGULATOR)) {
      if (Roles.has(s, role, account)) {
        return "Supervision: account " + account.toChecksumHex() + " holds the " + role
            + " role; the committee must revoke it before it can be frozen";
      }
    }
    return null;
  }

  private static String protectedContract(Address target) {
    if (target.compareTo(PRECOMPILE_LIMIT) <= 0 || SystemContracts.isReserved(target)) {
      return "Supervision: " + target.toChecksumHex() + " is a precompile or system contract and cannot be frozen";
    }
    return null;
  }

  private static SystemResult freezeAsset(SystemCall call, List<Object> a, boolean freeze)
      throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    Address registry = (Address) a.get(0);
    BigInteger assetId = (BigInteger) a.get(1);
    String reason = (String) a.get(2);
    Bytes reference = (Bytes) a.get(3);
    String refused = checkRegulator(call, s, reason);
    if (refused != null) {
      return SystemResult.revert(refused);
    }
    if (registry.equals(Address.ZERO)) {
      return SystemResult.revert("Supervision: asset registry must not be the zero address");
    }
    UInt256 id = UInt256.fromBigInteger(assetId);
    boolean changed = freeze
        ? Freezes.freezeAsset(s, registry, id, new Freezes.Record(call.caller(), call.block().number(), reference))
        : Freezes.unfreezeAsset(s, registry, id);
    if (!changed) {
      return SystemResult.revert("Supervision: asset " + assetId + " of " + registry.toChecksumHex()
          + (freeze ? " is already frozen" : " is not frozen"));
    }
    emit(call, freeze ? ASSET_FROZEN : ASSET_UNFROZEN, registry, assetId, call.caller(), reason, reference);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult setLicense(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    Address account = (Address) a.get(0);
    BigInteger code = (BigInteger) a.get(1);
    String reason = (String) a.get(2);
    Bytes reference = (Bytes) a.get(3);
    String refused = checkRegulator(call, s, reason);
    if (refused != null) {
      return SystemResult.revert(refused);
    }
    LicenseStatus status = LicenseStatus.ofCode(code.longValue()).orElse(null);
    if (status == null) {
      return SystemResult.revert("Supervision: licence status must be 0 (none), 1 (active), 2 (suspended) or "
          + "3 (revoked), got " + code);
    }
    if (Licenses.status(s, account) == status) {
      return SystemResult.revert("Supervision: licence of " + account.toChecksumHex() + " is already " + status);
    }
    Licenses.set(s, account, status);
    emit(call, LICENSE_CHANGED, account, code, call.caller(), reason, reference);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult record(SystemCall call, AbiFunction fn, Freezes.Kind kind, UInt256 key)
      throws SystemCall.Halt, AbiException {
    Freezes.Record r = Freezes.record(Storage.of(call), kind, key);
    if (r == null) {
      return SystemResult.success(fn.encodeOutput(false, Address.ZERO, BigInteger.ZERO, Bytes.wrap(new byte[32])));
    }
    return SystemResult.success(fn.encodeOutput(true, r.regulator(), BigInteger.valueOf(r.sinceBlock()), r.reference()));
  }
}
