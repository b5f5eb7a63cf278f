package io.trestle.services.governance;

import static io.trestle.services.governance.GovernanceHarness.account;
import static io.trestle.services.governance.GovernanceHarness.hasEvent;
import static io.trestle.services.governance.GovernanceHarness.validator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.TxResult;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.Roles;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitteeTest {
  final GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.OPEN);

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  Proposals.Status status(long id) {
    return Proposals.Status.values()[((BigInteger) gov.view(CommitteeFunctions.PROPOSAL, n(id)).get(3)).intValue()];
  }

  @Test
  void proposingRecordsTheProposalAndTheProposersYesVote() {
    long id = gov.propose(account(1), ProposalKind.ADMIT_NODE, account(60));
    assertEquals(1, id);
    List<Object> p = gov.view(CommitteeFunctions.PROPOSAL, n(id));
    assertEquals(n(ProposalKind.ADMIT_NODE.code()), p.get(0));
    assertEquals(account(1), p.get(1));
    assertEquals(n(gov.block + Proposals.VOTING_BLOCKS_DEFAULT), p.get(2));
    assertEquals(n(Proposals.Status.ACTIVE.code()), p.get(3));
    assertEquals(List.of(n(1), n(0), n(4)), p.subList(4, 7));
    assertEquals("test admit-node", p.get(10));
    List<Object> votes = gov.view(CommitteeFunctions.VOTES, n(id));
    assertEquals(List.of(account(1)), votes.get(0));
  }

  @Test
  void aProposalPassesAtTwoThirdsOfTheWeightAndNotBefore() {
    long id = gov.propose(account(1), ProposalKind.ADMIT_NODE, account(60));
    gov.ok(account(2), CommitteeFunctions.VOTE, n(id), true);
    assertEquals(Proposals.Status.ACTIVE, status(id), "2 of 4 is below 2/3");
    gov.refused(account(4), "has not passed: yes weight 2 of 4, needs 2/3", CommitteeFunctions.EXECUTE, n(id));
    gov.ok(account(3), CommitteeFunctions.VOTE, n(id), true);
    assertEquals(Proposals.Status.PASSED, status(id));
    TxResult r = gov.ok(account(4), CommitteeFunctions.EXECUTE, n(id));
    assertTrue(hasEvent(r, CommitteeFunctions.PROPOSAL_EXECUTED) && hasEvent(r, CommitteeFunctions.NODE_ADMITTED));
    assertEquals(Proposals.Status.EXECUTED, status(id));
    assertTrue(gov.snapshot().nodes().contains(account(60)));
  }

  @Test
  void weightsDecideNotHeadcounts() {
    GovernanceHarness weighted = new GovernanceHarness(new GovernanceConfig(List.of(
        new Committee.Member(account(1), 4), new Committee.Member(account(2), 1), new Committee.Member(account(3), 1)),
        2, 3, PermissionMode.OPEN, 2), GovernanceHarness.validators(4), List.of(), Map.of(), Map.of());
    long id = weighted.propose(account(2), ProposalKind.ADMIT_NODE, account(60));
    weighted.ok(account(3), CommitteeFunctions.VOTE, n(id), true);
    weighted.refused(account(2), "yes weight 2 of 6", CommitteeFunctions.EXECUTE, n(id));
    long heavy = weighted.propose(account(1), ProposalKind.ADMIT_NODE, account(61));
    weighted.ok(account(1), CommitteeFunctions.EXECUTE, n(heavy));
  }

  @Test
  void noVotesThatMakePassingImpossibleRejectAProposal() {
    long id = gov.propose(account(1), ProposalKind.ADMIT_NODE, account(60));
    gov.ok(account(2), CommitteeFunctions.VOTE, n(id), false);
    assertEquals(Proposals.Status.ACTIVE, status(id));
    gov.ok(account(3), CommitteeFunctions.VOTE, n(id), false);
    assertEquals(Proposals.Status.REJECTED, status(id));
    gov.refused(account(1), "has not passed", CommitteeFunctions.EXECUTE, n(id));
  }

  @Test
  void refusesVotesByNonMembers() {
    long id = gov.propose(account(1), ProposalKind.ADMIT_NODE, account(60));
    gov.refused(account(7), "is not a committee member", CommitteeFunctions.VOTE, n(id), true);
  }

  @Test
  void refusesDoubleVotesUntilTheVoteIsRevoked() {
    long id = gov.propose(account(1), ProposalKind.ADMIT_NODE, account(60));
    gov.ok(account(2), CommitteeFunctions.VOTE, n(id), true);
    gov.refused(account(2), "already voted YES", CommitteeFunctions.VOTE, n(id), true);
    gov.refused(account(2), "already voted YES", CommitteeFunctions.VOTE, n(id), false);
    TxResult revoked = gov.ok(account(2), CommitteeFunctions.REVOKE_VOTE, n(id));
    assertTrue(hasEvent(revoked, CommitteeFunctions.VOTE_REVOKED));
    gov.refused(account(2), "has no vote on proposal 1", CommitteeFunctions.REVOKE_VOTE, n(id));
    gov.ok(account(2), CommitteeFunctions.VOTE, n(id), false);
    assertEquals(List.of(n(1), n(1), n(4)), gov.view(CommitteeFunctions.PROPOSAL, n(id)).subList(4, 7));
  }

  @Test
  void refusesVotesAndExecutionAfterTheDeadline() throws Exception {
    gov.ok(account(1), CommitteeFunctions.PROPOSE, n(ProposalKind.ADMIT_NODE.code()),
        ProposalKind.ADMIT_NODE.encode(account(60)), n(gov.block + 5), "short");
    gov.ok(account(2), CommitteeFunctions.VOTE, n(1), true);
    gov.ok(account(3), CommitteeFunctions.VOTE, n(1), true);
    gov.block += 6;
    assertEquals(Proposals.Status.EXPIRED, status(1));
    gov.refused(account(4), "expired at block 15", CommitteeFunctions.VOTE, n(1), true);
    gov.refused(account(4), "expired at block 15", CommitteeFunctions.EXECUTE, n(1));
  }

  @Test
  void refusesExecutingTwiceOrAProposalThatDoesNotExist() {
    gov.pass(ProposalKind.ADMIT_NODE, account(60));
    gov.refused(account(1), "was executed at block 10", CommitteeFunctions.EXECUTE, n(1));
    gov.refused(account(1), "no proposal 2", CommitteeFunctions.EXECUTE, n(2));
    gov.refused(account(1), "no proposal 0", CommitteeFunctions.VOTE, n(0), true);
  }

  @Test
  void onlyMembersProposeAndValidatorOperatorsOnlyValidatorAndNodeChanges() throws Exception {
    Bytes data = ProposalKind.ADMIT_NODE.encode(account(60));
    gov.refused(account(7), "only committee members may", CommitteeFunctions.PROPOSE,
        n(ProposalKind.GRANT_ROLE.code()), ProposalKind.GRANT_ROLE.encode(GovernanceHarness.role("bank"), account(7)),
        n(0), "");
    gov.refused(account(7), "committee members and validator operators may", CommitteeFunctions.PROPOSE,
        n(ProposalKind.ADMIT_NODE.code()), data, n(0), "");
    gov.pass(ProposalKind.GRANT_ROLE, GovernanceHarness.role(Role.VALIDATOR_OPERATOR), account(7));
    TxResult r = gov.ok(account(7), CommitteeFunctions.PROPOSE, n(ProposalKind.ADMIT_NODE.code()), data, n(0), "mine");
    assertFalse(hasEvent(r, CommitteeFunctions.VOTED), "an operator's proposal carries no vote");
    gov.refused(account(7), "only committee members may", CommitteeFunctions.PROPOSE,
        n(ProposalKind.SET_THRESHOLD.code()), ProposalKind.SET_THRESHOLD.encode(n(3), n(4)), n(0), "");
  }

  @Test
  void refusesMalformedProposals() throws Exception {
    gov.refused(account(1), "unknown proposal kind 99", CommitteeFunctions.PROPOSE, n(99), Bytes.EMPTY, n(0), "");
    gov.refused(account(1), "malformed parameters for admit-node", CommitteeFunctions.PROPOSE,
        n(ProposalKind.ADMIT_NODE.code()), Bytes.fromHex("0x01"), n(0), "");
    gov.refused(account(1), "deadline 5 must be a block height from 10", CommitteeFunctions.PROPOSE,
        n(ProposalKind.ADMIT_NODE.code()), ProposalKind.ADMIT_NODE.encode(account(60)), n(5), "");
    gov.refused(account(1), "description exceeds 256 bytes", CommitteeFunctions.PROPOSE,
        n(ProposalKind.ADMIT_NODE.code()), ProposalKind.ADMIT_NODE.encode(account(60)), n(0), "x".repeat(257));
  }

  @Test
  void addingAValidatorTakesEffectAtTheOffset() {
    gov.block = 40;
    TxResult r = gov.pass(ProposalKind.ADD_VALIDATOR, validator(5).publicKey());
    assertTrue(hasEvent(r, CommitteeFunctions.VALIDATOR_ADDED));
    GovernanceSnapshot s = gov.snapshot();
    assertEquals(4, s.validatorsAt(41).size(), "the next height keeps the old set");
    assertEquals(5, s.validatorsAt(42).size(), "executed at 40 + offset 2");
    assertEquals(validator(5), s.validatorsAt(42).get(4));
    assertEquals(4, s.validatorsAt(1).size(), "history stays readable");
    assertEquals(List.of(validator(1).address(), validator(2).address(), validator(3).address(), validator(4).address(),
        validator(5).address()), gov.view(CommitteeFunctions.VALIDATORS).get(0));
  }

  @Test
  void changesExecutedInOneBlockShareOneEpoch() {
    gov.block = 40;
    gov.pass(ProposalKind.ADD_VALIDATOR, validator(5).publicKey());
    gov.pass(ProposalKind.ADD_VALIDATOR, validator(6).publicKey());
    gov.block = 41;
    gov.pass(ProposalKind.REMOVE_VALIDATOR, validator(1).address());
    GovernanceSnapshot s = gov.snapshot();
    assertEquals(3, s.epochs().size());
    assertEquals(6, s.validatorsAt(42).size());
    assertEquals(5, s.validatorsAt(43).size());
    assertFalse(s.validatorsAt(43).contains(validator(1)));
  }

  @Test
  void refusesLeavingFewerThanFourValidators() {
    gov.refused(account(1), "would leave 3 validators; at least 4", CommitteeFunctions.PROPOSE,
        n(ProposalKind.REMOVE_VALIDATOR.code()), encode(ProposalKind.REMOVE_VALIDATOR, validator(1).address()), n(0), "");
  }

  @Test
  void checksAgainAtExecutionWhenTheStateMovedOn() {
    gov.pass(ProposalKind.ADD_VALIDATOR, validator(5).publicKey());
    long first = gov.propose(account(1), ProposalKind.REMOVE_VALIDATOR, validator(1).address());
    long second = gov.propose(account(1), ProposalKind.REMOVE_VALIDATOR, validator(2).address());
    for (long id : List.of(first, second)) {
      gov.ok(account(2), CommitteeFunctions.VOTE, n(id), true);
      gov.ok(account(3), CommitteeFunctions.VOTE, n(id), true);
    }
    gov.ok(account(4), CommitteeFunctions.EXECUTE, n(first));
    gov.refused(account(4), "cannot be executed now: removing", CommitteeFunctions.EXECUTE, n(second));
    assertEquals(Proposals.Status.PASSED, status(second));
  }

  @Test
  void refusesAValidatorKeyOfTheWrongLengthOrOneAlreadyInTheSet() {
    gov.refused(account(1), "public key must be 64 bytes", CommitteeFunctions.PROPOSE,
        n(ProposalKind.ADD_VALIDATOR.code()), encode(ProposalKind.ADD_VALIDATOR, Bytes.wrap(new byte[33])), n(0), "");
    gov.refused(account(1), "is already in the validator set", CommitteeFunctions.PROPOSE,
        n(ProposalKind.ADD_VALIDATOR.code()), encode(ProposalKind.ADD_VALIDATOR, validator(2).publicKey()), n(0), "");
  }

  @Test
  void committeeChangesKeepTheCommitteeRoleInStepAndNeverEmptyIt() {
    gov.pass(ProposalKind.SET_MEMBER, account(5), n(2));
    assertTrue(((List<?>) gov.view(CommitteeFunctions.MEMBERS).get(0)).contains(account(5)));
    assertEquals(List.of(true), gov.view(io.trestle.services.permissions.RolesFunctions.HAS_ROLE,
        GovernanceHarness.role(Role.COMMITTEE), account(5)));
    long id = gov.propose(account(5), ProposalKind.SET_MEMBER, account(4), n(0));
    gov.ok(account(1), CommitteeFunctions.VOTE, n(id), true);
    gov.refused(account(1), "yes weight 3 of 6", CommitteeFunctions.EXECUTE, n(id));
    gov.ok(account(2), CommitteeFunctions.VOTE, n(id), true);
    gov.ok(account(1), CommitteeFunctions.EXECUTE, n(id));
    assertEquals(List.of(false), gov.view(io.trestle.services.permissions.RolesFunctions.HAS_ROLE,
        GovernanceHarness.role(Role.COMMITTEE), account(4)));

    GovernanceHarness solo = new GovernanceHarness(new GovernanceConfig(List.of(new Committee.Member(account(1), 1)),
        2, 3, PermissionMode.OPEN, 2), GovernanceHarness.validators(4), List.of(), Map.of(), Map.of());
    solo.refused(account(1), "would leave the committee empty", CommitteeFunctions.PROPOSE,
        n(ProposalKind.SET_MEMBER.code()), encode(ProposalKind.SET_MEMBER, account(1), n(0)), n(0), "");
  }

  @Test
  void aRemovedMembersVoteNoLongerCounts() {
    long id = gov.propose(account(1), ProposalKind.ADMIT_NODE, account(60));
    gov.ok(account(2), CommitteeFunctions.VOTE, n(id), true);
    gov.pass(ProposalKind.SET_MEMBER, account(2), n(0));
    assertEquals(List.of(n(1), n(0), n(3)), gov.view(CommitteeFunctions.PROPOSAL, n(id)).subList(4, 7));
  }

  @Test
  void refusesThresholdsThatBreakTheCommittee() {
    for (long[] t : new long[][] {{1, 2}, {2, 1}, {0, 3}, {1, 0}}) {
      gov.refused(account(1), "threshold", CommitteeFunctions.PROPOSE, n(ProposalKind.SET_THRESHOLD.code()),
          encode(ProposalKind.SET_THRESHOLD, n(t[0]), n(t[1])), n(0), "");
    }
    gov.pass(ProposalKind.SET_THRESHOLD, n(3), n(4));
    assertEquals(List.of(n(3), n(4)), gov.view(CommitteeFunctions.THRESHOLD));
  }

  @Test
  void chainParametersAreBoundedAndReadable() {
    gov.refused(account(1), "blockGasLimit must be within [5000, 1000000000], got 10", CommitteeFunctions.PROPOSE,
        n(ProposalKind.SET_CHAIN_PARAMETER.code()),
        encode(ProposalKind.SET_CHAIN_PARAMETER, ChainParameter.BLOCK_GAS_LIMIT.idBytes(), n(10)), n(0), "");
    gov.refused(account(1), "unknown chain parameter", CommitteeFunctions.PROPOSE,
        n(ProposalKind.SET_CHAIN_PARAMETER.code()),
        encode(ProposalKind.SET_CHAIN_PARAMETER, Bytes.wrap(new byte[32]), n(10)), n(0), "");
    TxResult r = gov.pass(ProposalKind.SET_CHAIN_PARAMETER, ChainParameter.BLOCK_GAS_LIMIT.idBytes(), n(12_000_000));
    assertTrue(hasEvent(r, CommitteeFunctions.CHAIN_PARAMETER_CHANGED));
    assertEquals(List.of(n(12_000_000)), gov.view(CommitteeFunctions.CHAIN_PARAMETER,
        ChainParameter.BLOCK_GAS_LIMIT.idBytes()));
    assertEquals(n(12_000_000), gov.snapshot().parameter(ChainParameter.BLOCK_GAS_LIMIT).orElseThrow());
    gov.pass(ProposalKind.SET_CHAIN_PARAMETER, ChainParameter.PERMISSION_MODE.idBytes(), n(2));
    assertEquals(PermissionMode.PERMISSIONED, gov.snapshot().permissionMode());
  }

  @Test
  void systemParametersBelongToSystemContracts() {
    Address registry = Address.ofLong(0x7e57_0009L);
    Bytes key = Bytes.wrap(ChainParameter.id("fee").toArray());
    gov.pass(ProposalKind.SET_SYSTEM_PARAMETER, registry, key, n(77));
    assertEquals(List.of(n(77)), gov.view(CommitteeFunctions.SYSTEM_PARAMETER, registry, key));
    gov.refused(account(1), "system parameters belong to system contracts", CommitteeFunctions.PROPOSE,
        n(ProposalKind.SET_SYSTEM_PARAMETER.code()),
        encode(ProposalKind.SET_SYSTEM_PARAMETER, Address.ofLong(0xabcdef), key, n(1)), n(0), "");
  }

  @Test
  void nodeAdmissionComesAndGoes() {
    assertEquals(List.of(true), gov.view(CommitteeFunctions.IS_ADMITTED, account(50)));
    gov.pass(ProposalKind.REMOVE_NODE, account(50));
    assertFalse(gov.snapshot().nodes().contains(account(50)));
    gov.refused(account(1), "is not admitted", CommitteeFunctions.PROPOSE, n(ProposalKind.REMOVE_NODE.code()),
        encode(ProposalKind.REMOVE_NODE, account(50)), n(0), "");
  }

  @Test
  void refusesEtherAndUnknownSelectors() {
    TxResult r = gov.sendTo(account(1), GovernanceHarness.GOV, Bytes.fromHex("0xdeadbeef"));
    assertEquals("Governance: unknown function selector 0xdeadbeef", GovernanceHarness.reason(r));
  }

  @Test
  void rolesGrantedByProposalAreHeld() {
    gov.pass(ProposalKind.GRANT_ROLE, GovernanceHarness.role(Role.BANK), account(20));
    assertTrue(holds(Role.BANK, account(20)));
    gov.pass(ProposalKind.REVOKE_ROLE, GovernanceHarness.role(Role.BANK), account(20));
    assertFalse(holds(Role.BANK, account(20)));
    gov.refused(account(1), "follows committee membership", CommitteeFunctions.PROPOSE,
        n(ProposalKind.GRANT_ROLE.code()), encode(ProposalKind.GRANT_ROLE, GovernanceHarness.role(Role.COMMITTEE),
            account(20)), n(0), "");
  }

  boolean holds(String role, Address account) {
    try {
      return Roles.has(gov.reader(), role, account);
    } catch (io.trestle.evm.system.SystemCall.Halt e) {
      throw new AssertionError(e);
    }
  }

  static Bytes encode(ProposalKind kind, Object... values) {
    try {
      return kind.encode(values);
    } catch (io.trestle.evm.abi.AbiException e) {
      throw new AssertionError(e);
    }
  }
}
