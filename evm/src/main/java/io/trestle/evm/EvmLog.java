package io.trestle.evm;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.util.List;
import java.util.Objects;

/** A log entry emitted by LOG0..LOG4 or a system contract. */
public record EvmLog(Address address, List<Hash> topics, Bytes data) {
  public EvmLog {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(data, "data");
    topics = List.copyOf(topics);
    if (topics.size() > 4) {
      throw new IllegalArgumentException("a log has at most 4 topics, got " + topics.size());
    }
  }
}
