package io.trestle.services.governance;

import static io.trestle.services.governance.GovernanceHarness.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.Roles;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GovernanceGenesisTest {
  static GovernanceConfig config(List<Committee.Member> members, long num, long den, int offset) {
    return new GovernanceConfig(members, num, den, PermissionMode.OPEN, offset);
  }

  @Test
  void genesisStateHoldsCommitteeValidatorsNodesAndRoles() throws Exception {
    GovernanceHarness gov = GovernanceHarness.standard(PermissionMode.DEPLOY_PERMISSIONED);
    GovernanceSnapshot s = gov.snapshot();
    assertEquals(List.of(new ValidatorEpoch(0, GovernanceHarness.validators(4))), s.epochs());
    assertEquals(2, s.validatorChangeOffset());
    assertEquals(java.util.Set.of(account(50)), s.nodes());
    assertEquals(PermissionMode.DEPLOY_PERMISSIONED, s.permissionMode());
    assertTrue(Roles.has(gov.reader(), Role.REGULATOR, account(9)));
    assertTrue(Roles.has(gov.reader(), Role.COMMITTEE, account(1)));
    assertEquals(List.of(BigInteger.TWO, BigInteger.valueOf(3)), gov.view(CommitteeFunctions.THRESHOLD));
  }

  @Test
  void namesEachProblemOfABadConfiguration() {
    Committee.Member one = new Committee.Member(account(1), 1);
    assertEquals("governance.committee must name at least one member", config(List.of(), 2, 3, 2).problem());
    assertTrue(config(List.of(one, one), 2, 3, 2).problem().contains("twice"));
    assertTrue(config(List.of(new Committee.Member(account(1), 0)), 2, 3, 2).problem().contains("weight"));
    assertTrue(config(List.of(one), 1, 2, 2).problem().contains("more than half"));
    assertTrue(config(List.of(one), 2, 3, 1).problem().contains("validatorChangeOffset must be 2.."));
    assertThrows(IllegalArgumentException.class, () -> GovernanceGenesis.storage(config(List.of(one), 2, 3, 2),
        GovernanceHarness.validators(4), List.of(), Map.of("committee", List.of(account(2)))));
    assertThrows(IllegalArgumentException.class, () -> GovernanceGenesis.storage(config(List.of(one), 2, 3, 2),
        GovernanceHarness.validators(4), List.of(), Map.of("Bad Name", List.of(account(2)))));
  }

  @Test
  void defaultsMakeTheValidatorsTheCommittee() {
    GovernanceConfig c = GovernanceConfig.defaults(List.of(Address.ofLong(1), Address.ofLong(2)));
    assertEquals(2, c.committee().size());
    assertEquals(null, c.problem());
  }

  /** The threshold arithmetic: passes exactly when yes/total ≥ num/den. */
  @Property(tries = 500)
  void thresholdMatchesExactFractions(@ForAll @IntRange(min = 0, max = 1000) int yes,
      @ForAll @IntRange(min = 1, max = 1000) int total, @ForAll @IntRange(min = 1, max = 100) int den,
      @ForAll @IntRange(min = 0, max = 100) int num) {
    boolean expected = new java.math.BigDecimal(yes).multiply(new java.math.BigDecimal(den))
        .compareTo(new java.math.BigDecimal(total).multiply(new java.math.BigDecimal(num))) >= 0;
    assertEquals(expected, Committee.meets(yes, total, num, den));
  }

  @Property(tries = 200)
  void proposalParametersRoundTrip(@ForAll byte[] seed) throws Exception {
    Address a = Address.wrap(java.util.Arrays.copyOf(io.trestle.core.Hash.keccak(seed).toArray(), 20));
    Bytes data = ProposalKind.SET_MEMBER.encode(a, BigInteger.valueOf(seed.length));
    assertEquals(List.of(a, BigInteger.valueOf(seed.length)), ProposalKind.SET_MEMBER.decode(data));
  }
}
