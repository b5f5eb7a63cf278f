package io.trestle.services.governance.store;

import io.trestle.evm.UInt256;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Storage in a sorted map: how the genesis state is built, and a fast stand-in for tests. */
public final class MapStorage implements Storage {
  private final TreeMap<UInt256, UInt256> slots = new TreeMap<>();

  @Override
  public UInt256 load(UInt256 slot) {
    return slots.getOrDefault(slot, UInt256.ZERO);
  }

  @Override
  public void store(UInt256 slot, UInt256 value) {
    if (value.isZero()) {
      slots.remove(slot);
    } else {
      slots.put(slot, value);
    }
  }

  /** The non-zero slots, in slot order. */
  public Map<UInt256, UInt256> slots() {
    return Collections.unmodifiableMap(slots);
  }
}
