package io.trestle.core.tx;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import java.util.List;
import java.util.Objects;

/** One EIP-2930 access-list entry: an account and the storage slots the transaction declares it will touch. */
public record AccessListEntry(Address address, List<Hash> storageKeys) {
  public AccessListEntry {
    Objects.requireNonNull(address, "address");
    storageKeys = List.copyOf(storageKeys);
  }
}
