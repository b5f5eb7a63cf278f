package io.trestle.node;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The genesis of a development chain: one validator, funded accounts, EIP-1559 fees starting at 1 gwei. The first
 * funded account holds the governance roles the services ask for ({@code committee}, {@code regulator},
 * {@code asset-issuer}), so a developer can try every function alone.
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
    return new Genesis(CHAIN_ID, suite.name(), timestampMs, GAS_LIMIT,
        new Genesis.FeeRules("eip1559", BigInteger.valueOf(1_000_000_000L), BigInteger.ZERO, true),
        blockIntervalMs,
        List.of(new Genesis.Validator(validatorAddress, Bytes.wrap(validator.publicKey()))),
        alloc, Bytes.EMPTY, funded.isEmpty() ? Map.of() : devRoles(Address.wrap(suite.address(funded.get(0).publicKey()))));
  }

  /** Every role the dev chain's services know, held by one account. */
  static Map<String, List<Address>> devRoles(Address holder) {
    return Map.of("committee", List.of(holder), "regulator", List.of(holder), "asset-issuer", List.of(holder));
  }
}
