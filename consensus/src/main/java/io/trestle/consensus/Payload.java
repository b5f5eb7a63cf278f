package io.trestle.consensus;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.util.Objects;

/** What the application builds for a new block: the opaque bytes and the hash the block header commits to. */
public record Payload(Hash payloadHash, Bytes data) {
  public Payload {
    Objects.requireNonNull(payloadHash, "payloadHash");
    Objects.requireNonNull(data, "data");
  }
}
