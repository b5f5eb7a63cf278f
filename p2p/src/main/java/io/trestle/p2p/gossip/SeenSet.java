package io.trestle.p2p.gossip;

import io.trestle.core.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of recently seen items, at most {@code capacity} of them; the oldest is forgotten first. An item
 * forgotten and seen again is treated as new, which costs one more round of forwarding and nothing else:
 * the capacity only needs to cover the time an item takes to cross the network. Thread-safe.
 */
public final class SeenSet {
  private final int capacity;
  private final LinkedHashMap<Hash, Boolean> ids;

  public SeenSet(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.ids = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
        return size() > SeenSet.this.capacity;
      }
    };
  }

  /** Records {@code id}; true if it was not in the set. */
  public synchronized boolean add(Hash id) {
    return ids.putIfAbsent(id, Boolean.TRUE) == null;
  }

  public synchronized boolean contains(Hash id) {
    return ids.containsKey(id);
  }

  public synchronized int size() {
    return ids.size();
  }

  public int capacity() {
    return capacity;
  }
}
