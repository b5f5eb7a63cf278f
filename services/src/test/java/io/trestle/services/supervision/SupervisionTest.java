package io.trestle.services.supervision;

import static io.trestle.services.governance.GovernanceHarness.account;
import static io.trestle.services.governance.GovernanceHarness.hasEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.crypto.Hex;
import io.trestle.evm.EvmLog;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiType;
import io.trestle.evm.system.SystemContract;
import io.trestle.evm.system.SystemResult;
import io.trestle.services.governance.Committee;
import io.trestle.services.governance.GovernanceConfig;
import io.trestle.services.governance.GovernanceHarness;
import io.trestle.services.governance.TransactionRules;
import io.trestle.services.permissions.PermissionMode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisionTest {
  static final Address REGULATOR = account(9);
  static final Address TARGET = Address.fromHex("0x00000000000000000000000000000000cafebeef");
  static final Address CALLER = Address.fromHex("0x00000000000000000000000000000000cafec0de");
  static final Address REGISTRY = Address.ofLong(0x7e57_0042L);
  static final Bytes REF = Bytes.wrap(Hash.keccak(new byte[] {1}).toArray());

  /** An asset registry that refuses to move frozen assets, as the real one will. */
  static final SystemContract REGISTRY_CONTRACT = call -> {
    UInt256 assetId = UInt256.fromBytes(call.input().toArray());
    if (SupervisionQuery.isAssetFrozen(SupervisionQuery.reader(call), call.self(), assetId)) {
      return SystemResult.revert("asset " + assetId.toBigInteger() + " is frozen");
    }
    return SystemResult.success(Bytes.EMPTY);
  };

  final GovernanceHarness gov = new GovernanceHarness(new GovernanceConfig(
      List.of(new Committee.Member(account(1), 1)), 2, 3, PermissionMode.OPEN, 2),
      GovernanceHarness.validators(4), List.of(), Map.of("regulator", List.of(REGULATOR)),
      Map.of(REGISTRY, REGISTRY_CONTRACT));

  @Test
  void theRegulatorFreezesAnAccountWithReasonAndReferenceAndItsTransactionsAreRefused() throws Exception {
    TxResult r = gov.ok(REGULATOR, SupervisionFunctions.FREEZE_ACCOUNT, account(30), "court order 7", REF);
    EvmLog log = r.logs().get(0);
    assertEquals(SupervisionFunctions.ACCOUNT_FROZEN.topic0(), log.topics().get(0));
    assertEquals(List.of("court order 7", REF), AbiCodec.decode(List.of(AbiType.STRING, AbiType.fixedBytes(32)), log.data()));
    assertEquals(List.of(true), gov.view(SupervisionFunctions.IS_ACCOUNT_FROZEN, account(30)));
    assertEquals(List.of(true, REGULATOR, BigInteger.valueOf(gov.block), REF),
        gov.view(SupervisionFunctions.ACCOUNT_FREEZE, account(30)));
    assertEquals(List.of(List.of(account(30))), gov.view(SupervisionFunctions.FROZEN_ACCOUNTS));
    assertEquals("account " + account(30).toChecksumHex() + " is frozen by the regulator since block 10 (reference "
        + REF.toHex() + ")", TransactionRules.senderRefusal(gov.reader(), account(30), false));

    TxResult lifted = gov.ok(REGULATOR, SupervisionFunctions.UNFREEZE_ACCOUNT, account(30), "order lifted", REF);
    assertTrue(hasEvent(lifted, SupervisionFunctions.ACCOUNT_UNFROZEN));
    assertNull(TransactionRules.senderRefusal(gov.reader(), account(30), false));
    assertEquals(List.of(false, Address.ZERO, BigInteger.ZERO, Bytes.wrap(new byte[32])),
        gov.view(SupervisionFunctions.ACCOUNT_FREEZE, account(30)));
  }

  @Test
  void onlyTheRegulatorActsAndNeedsAReason() {
    gov.refused(account(1), "does not hold the regulator role", SupervisionFunctions.FREEZE_ACCOUNT, account(30), "x", REF);
    gov.refused(REGULATOR, "a reason of 1 to 256 bytes is required, got 0", SupervisionFunctions.FREEZE_ACCOUNT,
        account(30), "", REF);
    gov.refused(REGULATOR, "got 257", SupervisionFunctions.FREEZE_ACCOUNT, account(30), "r".repeat(257), REF);
  }

  @Test
  void refusesFreezingTwiceUnfreezingWhatIsNotFrozenAndProtectedAccounts() {
    gov.ok(REGULATOR, SupervisionFunctions.FREEZE_ACCOUNT, account(30), "r", REF);
    gov.refused(REGULATOR, "is already frozen", SupervisionFunctions.FREEZE_ACCOUNT, account(30), "r", REF);
    gov.refused(REGULATOR, "is not frozen", SupervisionFunctions.UNFREEZE_ACCOUNT, account(31), "r", REF);
    gov.refused(REGULATOR, "holds the committee role", SupervisionFunctions.FREEZE_ACCOUNT, account(1), "r", REF);
    gov.refused(REGULATOR, "holds the regulator role", SupervisionFunctions.FREEZE_ACCOUNT, REGULATOR, "r", REF);
  }

  @Test
  void callsIntoAFrozenContractRevertAlsoFromOtherContracts() {
    gov.world.setCode(TARGET, Bytes.fromHex("600160005500"));
    // CALLER: call(gas, TARGET, 0, 0, 0, 0, 0); sstore(1, success)
    gov.world.setCode(CALLER, Bytes.fromHex("6000600060006000600073" + Hex.encode(TARGET.toArray()) + "5af1600155"
        + "6001600255" + "00"));
    gov.ok(REGULATOR, SupervisionFunctions.FREEZE_CONTRACT, TARGET, "fraud", REF);
    TxResult direct = gov.sendTo(account(30), TARGET, Bytes.EMPTY);
    assertEquals(TxResult.Status.REVERTED, direct.status());
    assertEquals("contract " + TARGET.toChecksumHex() + " is frozen by the regulator", GovernanceHarness.reason(direct));
    assertTrue(gov.sendTo(account(30), CALLER, Bytes.EMPTY).isSuccess());
    assertEquals(UInt256.ZERO, gov.world.storage(CALLER, UInt256.ONE), "the inner call failed");
    assertEquals(UInt256.ONE, gov.world.storage(CALLER, UInt256.valueOf(2)), "and the caller went on");
    assertEquals(UInt256.ZERO, gov.world.storage(TARGET, UInt256.ZERO));

    gov.ok(REGULATOR, SupervisionFunctions.UNFREEZE_CONTRACT, TARGET, "cleared", REF);
    assertTrue(gov.sendTo(account(30), TARGET, Bytes.EMPTY).isSuccess());
    assertEquals(UInt256.ONE, gov.world.storage(TARGET, UInt256.ZERO));
  }

  @Test
  void systemContractsAndPrecompilesCannotBeFrozen() {
    gov.refused(REGULATOR, "precompile or system contract", SupervisionFunctions.FREEZE_CONTRACT,
        GovernanceHarness.GOV, "r", REF);
    gov.refused(REGULATOR, "precompile or system contract", SupervisionFunctions.FREEZE_CONTRACT,
        Address.ofLong(1), "r", REF);
  }

  @Test
  void otherSystemContractsSeeFrozenAssets() {
    Bytes asset7 = Bytes.wrap(UInt256.valueOf(7).toArray());
    assertTrue(gov.sendTo(account(30), REGISTRY, asset7).isSuccess());
    TxResult r = gov.ok(REGULATOR, SupervisionFunctions.FREEZE_ASSET, REGISTRY, BigInteger.valueOf(7), "dispute", REF);
    assertTrue(hasEvent(r, SupervisionFunctions.ASSET_FROZEN));
    TxResult refused = gov.sendTo(account(30), REGISTRY, asset7);
    assertEquals("asset 7 is frozen", GovernanceHarness.reason(refused));
    assertTrue(gov.sendTo(account(30), REGISTRY, Bytes.wrap(UInt256.valueOf(8).toArray())).isSuccess());
    assertEquals(List.of(true), gov.view(SupervisionFunctions.IS_ASSET_FROZEN, REGISTRY, BigInteger.valueOf(7)));
    gov.refused(REGULATOR, "is already frozen", SupervisionFunctions.FREEZE_ASSET, REGISTRY, BigInteger.valueOf(7), "d", REF);
    gov.ok(REGULATOR, SupervisionFunctions.UNFREEZE_ASSET, REGISTRY, BigInteger.valueOf(7), "resolved", REF);
    assertTrue(gov.sendTo(account(30), REGISTRY, asset7).isSuccess());
  }

  @Test
  void licencesMoveThroughTheirStatusesAndServicesCanCheckThem() throws Exception {
    assertEquals(LicenseStatus.NONE, SupervisionQuery.licenseStatus(gov.reader(), account(40)));
    TxResult r = gov.ok(REGULATOR, SupervisionFunctions.SET_LICENSE, account(40), BigInteger.ONE, "licensed", REF);
    assertTrue(hasEvent(r, SupervisionFunctions.LICENSE_CHANGED));
    assertTrue(SupervisionQuery.isLicensed(gov.reader(), account(40)));
    gov.ok(REGULATOR, SupervisionFunctions.SET_LICENSE, account(40), BigInteger.TWO, "audit pending", REF);
    assertEquals(LicenseStatus.SUSPENDED, SupervisionQuery.licenseStatus(gov.reader(), account(40)));
    assertEquals(List.of(BigInteger.TWO), gov.view(SupervisionFunctions.LICENSE_OF, account(40)));
    gov.refused(REGULATOR, "is already SUSPENDED", SupervisionFunctions.SET_LICENSE, account(40), BigInteger.TWO, "x", REF);
    gov.refused(REGULATOR, "licence status must be 0", SupervisionFunctions.SET_LICENSE, account(40),
        BigInteger.valueOf(4), "x", REF);
  }
}
