package io.trestle.consensus;

import io.trestle.consensus.wire.Timeout;
import io.trestle.core.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Timeouts of one height: the first per (round, signer); rounds below the current one are dropped. */
final class TimeoutBook {
  private final TreeMap<Integer, Map<Address, Timeout>> rounds = new TreeMap<>();
  private final TreeMap<Integer, Boolean> certified = new TreeMap<>();

  boolean add(Timeout timeout) {
    Map<Address, Timeout> r = rounds.computeIfAbsent(timeout.round(), k -> new LinkedHashMap<>());
    return r.putIfAbsent(timeout.signature().signer(), timeout) == null;
  }

  List<Timeout> timeouts(int round) {
    Map<Address, Timeout> r = rounds.get(round);
    return r == null ? List.of() : new ArrayList<>(r.values());
  }

  int count(int round) {
    Map<Address, Timeout> r = rounds.get(round);
    return r == null ? 0 : r.size();
  }

  boolean markCertified(int round) {
    return certified.putIfAbsent(round, Boolean.TRUE) == null;
  }

  /**
   * The largest t such that {@code senders} distinct signers sent a timeout for a round ≥ t, or −1
   * (docs/consensus.md line 39).
   */
  int roundWithSupport(int senders) {
    Map<Address, Integer> highest = new HashMap<>();
    for (Map.Entry<Integer, Map<Address, Timeout>> e : rounds.entrySet()) {
      for (Address signer : e.getValue().keySet()) {
        highest.merge(signer, e.getKey(), Math::max);
      }
    }
    if (highest.size() < senders) {
      return -1;
    }
    List<Integer> sorted = new ArrayList<>(highest.values());
    sorted.sort((a, b) -> Integer.compare(b, a));
    return sorted.get(senders - 1);
  }

  void pruneBelow(int round) {
    rounds.headMap(round).clear();
    certified.headMap(round).clear();
  }

  int size() {
    int total = 0;
    for (Map<Address, Timeout> r : rounds.values()) {
      total += r.size();
    }
    return total;
  }
}
