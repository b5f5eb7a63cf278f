package io.trestle.services.assets;

import io.trestle.core.Address;

/**
 * Where the asset contracts live (ADR 0290): five fixed contracts at {@code 0x…7e570301}-{@code 0x…7e570305} and
 * one address per collection or token from {@link #INSTANCES_FIRST} to {@link #INSTANCES_LAST}, handed out in
 * creation order.
 */
public final class AssetAddresses {
  /** {@code IPlatformRegistry}: platforms register with their DID; the committee approves them. */
  public static final Address PLATFORMS = Address.ofLong(0x7e57_0301L);
  /** {@code ICollectionFactory}: approved platforms create ERC-721 collections and ERC-1155 editions. */
  public static final Address COLLECTIONS = Address.ofLong(0x7e57_0302L);
  /** {@code IFingerprintRegistry}: one content fingerprint, one live work, network-wide. */
  public static final Address FINGERPRINTS = Address.ofLong(0x7e57_0303L);
  /** {@code ITokenFactory}: approved issuers create ERC-20 tokens. */
  public static final Address TOKENS = Address.ofLong(0x7e57_0304L);
  /** {@code IAssetSupervision}: the regulator freezes and unfreezes tokens, collections and accounts. */
  public static final Address SUPERVISION = Address.ofLong(0x7e57_0305L);

  /** The first collection or token address. */
  public static final Address INSTANCES_FIRST = Address.ofLong(0x7e57_4000L);
  /** The last collection or token address. */
  public static final Address INSTANCES_LAST = Address.ofLong(0x7e57_bfffL);
  /** How many collections and tokens the chain can hold. */
  public static final long INSTANCES_MAX = 0x8000L;

  private AssetAddresses() {}

  /** The address of the {@code index}-th collection or token (0-based). */
  public static Address instance(long index) {
    if (index < 0 || index >= INSTANCES_MAX) {
      throw new IllegalArgumentException("instance index out of range: " + index);
    }
    return Address.ofLong(0x7e57_4000L + index);
  }

  /** True when {@code a} lies in the instance range (created or not). */
  public static boolean isInstance(Address a) {
    return a.compareTo(INSTANCES_FIRST) >= 0 && a.compareTo(INSTANCES_LAST) <= 0;
  }

  /** The fixed contracts, in address order. */
  public static java.util.List<Address> fixed() {
    return java.util.List.of(PLATFORMS, COLLECTIONS, FINGERPRINTS, TOKENS, SUPERVISION);
  }
}
