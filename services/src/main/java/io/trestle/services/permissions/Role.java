package io.trestle.services.permissions;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Roles are named; on chain a role is {@code keccak256(name)}, as OpenZeppelin's AccessControl does, so Solidity
 * code writes {@code keccak256("regulator")}. Any well-formed name is a role (service contracts may define
 * their own); the ones below have meaning to the chain itself.
 */
public final class Role {
  /** Committee members; held exactly by the accounts with committee weight (never granted directly). */
  public static final String COMMITTEE = "committee";
  /** May propose validator and node admission changes for the committee to vote on. */
  public static final String VALIDATOR_OPERATOR = "validator-operator";
  /** May deploy contracts on a chain that is not open. */
  public static final String CONTRACT_DEPLOYER = "contract-deployer";
  /** Issues digital assets (checked by the asset services). */
  public static final String ASSET_ISSUER = "asset-issuer";
  /** Finances receivables (checked by the finance services). */
  public static final String BANK = "bank";
  /** A service platform (checked by the asset services). */
  public static final String PLATFORM = "platform";
  /** Freezes and unfreezes accounts, contracts and assets; sets licences. */
  public static final String REGULATOR = "regulator";
  /** Reads the authenticated audit stream. */
  public static final String AUDITOR = "auditor";
  /** May send transactions on a fully permissioned chain (holders of any other role may too). */
  public static final String TRANSACTOR = "transactor";

  public static final List<String> KNOWN = List.of(COMMITTEE, VALIDATOR_OPERATOR, CONTRACT_DEPLOYER, ASSET_ISSUER,
      BANK, PLATFORM, REGULATOR, AUDITOR, TRANSACTOR);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private Role() {}

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The on-chain id of a role: keccak256 of its name. */
  public static UInt256 id(String name) {
    return UInt256.fromBytes(Hash.keccak(name.getBytes(StandardCharsets.UTF_8)).toArray());
  }

  public static Bytes idBytes(String name) {
    return Bytes.wrap(id(name).toArray());
  }

  /** The name of a known role id, if it is one. */
  public static Optional<String> knownName(UInt256 id) {
    for (String n : KNOWN) {
      if (id(n).equals(id)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
