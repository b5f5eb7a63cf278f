package io.trestle.node;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import io.trestle.services.governance.Committee;
import io.trestle.services.governance.GovernanceConfig;
import io.trestle.services.permissions.PermissionMode;
import io.trestle.services.permissions.Role;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The genesis of a development chain: one validator, funded accounts, EIP-1559 fees starting at 1 gwei. The first
 * funded account is the whole committee and holds the regulator, auditor and contract-deployer roles, so one key
 * can try every governance and supervision feature.
 */
public final class DevGenesis {
  public static final long CHAIN_ID = 1337;
  public static final long GAS_LIMIT = 100_000_000L;
  /** One million ether per funded account. */
  public static final BigInteger BALANCE = BigInteger.TEN.pow(24);

  private DevGenesis() {}

  public static Genesis create(CryptoSuite suite, KeyPair validator, List<KeyPair> funded, long blockIntervalMs, long timestampMs) {
    Map<Address, Genesis.AllocAccount> alloc = new LinkedHashMap<>();
    for (KeyPair k : funded) {
      alloc.put(Address.wrap(suite.address(k.publicKey())), new Genesis.AllocAccount(BALANCE, 0, Bytes.EMPTY, Map.of()));
    }
    Address validatorAddress = Address.wrap(suite.address(validator.publicKey()));
    Address chair = funded.isEmpty() ? validatorAddress : Address.wrap(suite.address(funded.get(0).publicKey()));
    Map<String, List<Address>> roles = Map.of(Role.REGULATOR, List.of(chair), Role.AUDITOR, List.of(chair),
        Role.CONTRACT_DEPLOYER, List.of(chair));
    GovernanceConfig governance = new GovernanceConfig(List.of(new Committee.Member(chair, 1)),
        GovernanceConfig.DEFAULT_NUMERATOR, GovernanceConfig.DEFAULT_DENOMINATOR, PermissionMode.OPEN,
        GovernanceConfig.DEFAULT_OFFSET);
    return new Genesis(CHAIN_ID, suite.name(), timestampMs, GAS_LIMIT,
        new Genesis.FeeRules("eip1559", BigInteger.valueOf(1_000_000_000L), BigInteger.ZERO, true),
        blockIntervalMs,
        List.of(new Genesis.Validator(validatorAddress, Bytes.wrap(validator.publicKey()))),
        alloc, Bytes.EMPTY, roles, governance);
  }
}
