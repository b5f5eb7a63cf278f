package io.trestle.services.permissions;

import static io.trestle.services.governance.GovernanceHarness.account;
import static io.trestle.services.governance.GovernanceHarness.hasEvent;
import static io.trestle.services.governance.GovernanceHarness.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Hex;
import io.trestle.evm.TxResult;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.CommitteeFunctions;
import io.trestle.services.governance.GovernanceHarness;
import io.trestle.services.governance.ProposalKind;
import io.trestle.services.governance.TransactionRules;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsTest {
  static final Address TARGET = Address.fromHex("0x000000000000000000000000000000000000beef");
  static final Address CALLER = Address.fromHex("0x000000000000000000000000000000000000c0de");
  static final Bytes SELECTOR = Bytes.fromHex("0x12345678");
  /** SSTORE(0, 1) then STOP: whoever gets through leaves a mark. */
  static final Bytes MARKER = Bytes.fromHex("600160005500");

  static String refusal(GovernanceHarness gov, Address sender, boolean creates) throws SystemCall.Halt {
    return TransactionRules.senderRefusal(gov.reader(), sender, creates);
  }

  @Test
  void anOpenChainLetsEveryoneTransactAndDeploy() throws Exception {
    GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.OPEN);
    assertNull(refusal(gov, account(30), true));
    TxResult create = gov.sendTo(account(30), null, MARKER);
    assertTrue(create.isSuccess(), GovernanceHarness.reason(create));
  }

  @Test
  void aDeployPermissionedChainRefusesCreationsWithoutTheDeployerRole() throws Exception {
    GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.DEPLOY_PERMISSIONED);
    assertNull(refusal(gov, account(30), false));
    assertEquals("account " + account(30).toChecksumHex() + " may not deploy contracts: this chain is "
        + "deploy-permissioned and the account lacks the contract-deployer role", refusal(gov, account(30), true));
    TxResult create = gov.sendTo(account(30), null, MARKER);
    assertEquals(TxResult.Status.REVERTED, create.status(), "the call guard refuses the creation at execution");
    assertTrue(GovernanceHarness.reason(create).contains("contract creation needs the contract-deployer role"));

    gov.pass(ProposalKind.GRANT_ROLE, role(Role.CONTRACT_DEPLOYER), account(30));
    assertNull(refusal(gov, account(30), true));
    assertTrue(gov.sendTo(account(30), null, MARKER).isSuccess());
    assertEquals(List.of(true), gov.view(RolesFunctions.CAN_DEPLOY, account(30)));
    assertEquals(List.of(false), gov.view(RolesFunctions.CAN_DEPLOY, account(31)));
  }

  @Test
  void aPermissionedChainOnlyLetsRoleHoldersTransact() throws Exception {
    GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.PERMISSIONED);
    assertTrue(refusal(gov, account(30), false).contains("holds no role and this chain is permissioned"));
    assertNull(refusal(gov, account(1), false), "committee members hold the committee role");
    assertNull(refusal(gov, account(9), false), "the regulator holds a role");
    gov.pass(ProposalKind.GRANT_ROLE, role(Role.TRANSACTOR), account(30));
    assertNull(refusal(gov, account(30), false));
    assertEquals(List.of(BigInteger.TWO), gov.view(RolesFunctions.PERMISSION_MODE));
    assertEquals(List.of(List.of(account(30))), gov.view(RolesFunctions.ROLE_MEMBERS, role(Role.TRANSACTOR)));
  }

  @Test
  void anAllowListRestrictsAMethodToItsCallersAtAnyDepth() throws Exception {
    GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.OPEN);
    gov.world.setCode(TARGET, MARKER);
    // CALLER forwards the selector to TARGET: mstore(0, selector << 224); call(gas, TARGET, 0, 0, 4, 0, 0)
    gov.world.setCode(CALLER, Bytes.fromHex("63" + Hex.encode(SELECTOR.toArray()) + "60e01b600052"
        + "60006000600460006000" + "73" + Hex.encode(TARGET.toArray()) + "5af1" + "600155" + "00"));
    TxResult r = gov.pass(ProposalKind.SET_METHOD_ACCESS, TARGET, SELECTOR, account(20), true);
    assertTrue(hasEvent(r, RolesFunctions.METHOD_ACCESS_CHANGED));

    TxResult denied = gov.sendTo(account(21), TARGET, SELECTOR);
    assertEquals(TxResult.Status.REVERTED, denied.status());
    assertTrue(GovernanceHarness.reason(denied).contains("is not on the allow-list of 0x12345678"));
    assertEquals(List.of(false), gov.view(RolesFunctions.CAN_CALL, account(21), TARGET, SELECTOR));
    assertEquals(TransactionRules.callRefusal(gov.reader(), account(21), TARGET, SELECTOR),
        GovernanceHarness.reason(denied), "admission and execution give the same reason");
    assertTrue(gov.sendTo(account(21), TARGET, Bytes.fromHex("0x87654321")).isSuccess(), "other methods stay open");

    assertTrue(gov.sendTo(account(21), CALLER, Bytes.EMPTY).isSuccess());
    assertEquals(io.trestle.evm.UInt256.ZERO, gov.world.storage(CALLER, io.trestle.evm.UInt256.ONE),
        "a contract calling on someone's behalf is not on the list either");
    assertTrue(gov.sendTo(account(20), TARGET, SELECTOR).isSuccess());
    assertEquals(List.of(true, List.of(account(20))), gov.view(RolesFunctions.METHOD_RULE, TARGET, SELECTOR));

    gov.pass(ProposalKind.CLEAR_METHOD_RULE, TARGET, SELECTOR);
    assertTrue(gov.sendTo(account(21), TARGET, SELECTOR).isSuccess());
    assertEquals(List.of(false, List.of()), gov.view(RolesFunctions.METHOD_RULE, TARGET, SELECTOR));
  }

  @Test
  void disallowingTheLastCallerClosesTheMethodToEveryone() {
    GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.OPEN);
    gov.world.setCode(TARGET, MARKER);
    gov.pass(ProposalKind.SET_METHOD_ACCESS, TARGET, SELECTOR, account(20), true);
    gov.pass(ProposalKind.SET_METHOD_ACCESS, TARGET, SELECTOR, account(20), false);
    assertEquals(TxResult.Status.REVERTED, gov.sendTo(account(20), TARGET, SELECTOR).status());
  }

  @Test
  void governanceMethodsCannotBeRestricted() throws Exception {
    GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.OPEN);
    gov.refused(account(1), "governance's own methods cannot be restricted", CommitteeFunctions.PROPOSE,
        BigInteger.valueOf(ProposalKind.SET_METHOD_ACCESS.code()), ProposalKind.SET_METHOD_ACCESS.encode(
            GovernanceHarness.GOV, Bytes.wrap(CommitteeFunctions.EXECUTE.selector()), account(1), true),
        BigInteger.ZERO, "");
  }

  @Test
  void roleNamesHashLikeSolidity() {
    assertEquals(Bytes.fromHex("0x" + Hex.encode(io.trestle.core.Hash.keccak("regulator".getBytes(
        java.nio.charset.StandardCharsets.UTF_8)).toArray())), Role.idBytes("regulator"));
    assertTrue(Role.isValidName("asset-issuer"));
    assertTrue(!Role.isValidName("Regulator") && !Role.isValidName("") && !Role.isValidName("a".repeat(33)));
  }
}
